"""`rowwriter.RowWriter` stores exactly what the ORM stores (SQLite: the same stored types, constant columns
written as literals; PostgreSQL: the same values through COPY in CSV), and a first load that drops the
foreign keys (PostgreSQL) or turns their checks off (SQLite) still refuses a bad reference, leaving
nothing written and the schema as it was."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, connection, models, transaction

from court.cases.interchange import bulk
from court.cases.interchange.bulk import NotFast, bulk_import
from court.cases.interchange.rowwriter import Constant, RowWriter
from court.cases.models import Case, CaseEvent, CaseState

from .conftest import TODAY, case_row, write_csv

#: Text a COPY or an SQL literal could get wrong: quotes, separators, line breaks, backslash sequences.
AWKWARD = ["O'Brien \"quoted\", with a comma", "two\nlines\r\nand a tab\t", "\\N", "\\.", "", "'", "陕0122 民初"]


def stored(model: type[models.Model], pk: int) -> dict[str, Any]:
    """Each column of one row as the database holds it: SQLite's quote() (type and value), PostgreSQL's text."""
    qn = connection.ops.quote_name
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    as_text = "quote({})" if connection.vendor == "sqlite" else "{}::text"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(as_text.format(qn(c)) for c in columns)} FROM {qn(model._meta.db_table)} "
                       f"WHERE {qn(model._meta.pk.column)} = %s", [pk])
        return dict(zip(columns, cursor.fetchone(), strict=True))


def writer_values(obj: models.Model) -> dict[str, Any]:
    """What the writer is given for an object: its attributes, a datetime adapted, JSON as its text."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.DateTimeField):
            value = connection.ops.adapt_datetimefield_value(value)
        elif isinstance(field, models.JSONField):
            value = json.dumps(value, cls=field.encoder)
        values[field.attname] = value
    return values


def new_ids(model: type[models.Model], before: set[int]) -> list[int]:
    return sorted(set(model.objects.values_list("pk", flat=True)) - before)


def orm_case(court, cause, n: int, **overrides: Any) -> Case:
    values: dict[str, Any] = dict(
        court=court, cause=cause, case_type="民初", case_number=f"（2023）陕0122民初{n}号", year=2023, serial=n,
        title=AWKWARD[n % len(AWKWARD)], claims=AWKWARD[(n + 1) % len(AWKWARD)], facts="",
        claim_amount=Decimal("1234.50"),
        plaintiff_count=1, defendant_count=2, third_party_count=0, plaintiff_kind="person", defendant_kind="entity",
        defendant_address_known=True, e_service_consent=False, foreign_related=False, lawyer_represented=True,
        evidence_items=3, money_claim_only=None, within_term=False, within_normal_term=True, heard=True,
        state=CaseState.CLOSED, initial_procedure="simple", procedure="simple", filed_on=date(2023, 3, 1),
        closed_on=date(2023, 5, 10), closing_mode="judgment", elapsed_days=70, excluded_days=0, net_trial_days=70,
        normal_deadline=date(2023, 6, 1), extended_deadline=date(2023, 6, 1), term_as_of=date(2023, 5, 10),
    )
    values.update(overrides)
    return Case.objects.create(**values)


@pytest.mark.parametrize("by", ["rows", "columns"])
def test_the_row_writer_stores_what_the_orm_stores(court, cause, by):
    made = [orm_case(court, cause, n, **({"money_claim_only": n % 2 == 0} if n > 3 else {})) for n in range(1, 8)]
    made += [orm_case(court, cause, 50, case_number=None, year=None, serial=None, closed_on=None, closing_mode="",
                      state=CaseState.ACCEPTED, within_term=None, within_normal_term=None, term_as_of=None)]
    expected = [stored(Case, case.pk) for case in made]
    writer = RowWriter(Case, writer_values(made[0]))
    given = [writer_values(case) for case in made]
    for values in given:
        if values["case_number"]:
            values["case_number"] += "x"  # unique: the copies need numbers of their own
    before = set(Case.objects.values_list("pk", flat=True))
    if by == "rows":
        writer.write([writer.row(values) for values in given])
    else:
        writer.write_columns({name: [values[name] for values in given] for name in given[0]}, len(given))
    got = [stored(Case, pk) for pk in new_ids(Case, before)]
    for row in expected + got:
        row.pop("case_number")
    assert got == expected


def test_a_column_with_one_value_is_written_as_that_value(court, cause):
    """On SQLite a constant column becomes a literal of the statement: quotes doubled, NULL, integers."""
    model_case = orm_case(court, cause, 1)
    writer = RowWriter(Case, writer_values(model_case))
    values = writer_values(model_case)
    before = set(Case.objects.values_list("pk", flat=True))
    columns: dict[str, Any] = {name: Constant(value) for name, value in values.items()}
    columns.update(case_number=["（2023）陕0122民初2号", "（2023）陕0122民初3号"], title=Constant("O'Brien's \"case\""),
                   money_claim_only=[None, None], heard=[False, False], state=[CaseState.ACCEPTED] * 2)
    writer.write_columns(columns, 2)
    written = Case.objects.filter(pk__in=new_ids(Case, before)).order_by("pk")
    assert [(c.case_number, c.title, c.money_claim_only, c.heard, c.state, c.claim_amount, c.filed_on)
            for c in written] == [
        (f"（2023）陕0122民初{n}号", "O'Brien's \"case\"", None, False, "accepted", Decimal("1234.50"), date(2023, 3, 1))
        for n in (2, 3)]
    with pytest.raises(ValueError):
        writer.write_columns({**columns, "case_number": ["（2023）陕0122民初4号"]}, 2)


def test_events_written_by_the_row_writer_are_what_the_orm_writes(court, cause):
    case = orm_case(court, cause, 1)
    at = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)
    made = [CaseEvent.objects.create(case=case, kind=kind, on=date(2023, 3, 1), at=at, from_state=CaseState.FILED,
                                     to_state=CaseState.ACCEPTED, basis="CPL 126", reason=reason,
                                     payload={"source": "import", "case_number": case.case_number, "n": n,
                                              "ok": n % 2 == 0, "none": None, "text": reason})
            for n, (kind, reason) in enumerate(zip([CaseEvent.Kind.ACCEPTED, CaseEvent.Kind.CLOSED] * 4, AWKWARD,
                                                   strict=False))]
    expected = [stored(CaseEvent, event.pk) for event in made]
    writer = RowWriter(CaseEvent, writer_values(made[0]))
    before = set(CaseEvent.objects.values_list("pk", flat=True))
    writer.write([writer.row(writer_values(event)) for event in made])
    assert [stored(CaseEvent, pk) for pk in new_ids(CaseEvent, before)] == expected


def _constraint_state() -> Any:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return cursor.execute("PRAGMA foreign_keys").fetchone()[0]
        return {t: bulk._foreign_keys(cursor, t) for t in ("cases_case", "cases_caseevent", "cases_caseperiod")}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("catalogue_present")  # a transactional test before it may have flushed the catalogues
def test_a_first_load_still_refuses_a_bad_reference(tmp_path, monkeypatch):
    """The foreign keys are checked for the whole load at its end (a dropped key added again, SQLite's
    foreign_key_check), and a bad reference rolls everything back."""
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 0)
    path = write_csv(tmp_path / "cases.csv", [case_row(case_number=f"（2023）陕0122民初{n}号", judge="judge1")
                                               for n in range(1, 6)])
    before = _constraint_state()
    assert before
    monkeypatch.setattr(bulk._Loader, "_judges", lambda self, judges, codes, teams: [987654321] * len(judges))
    with pytest.raises(NotFast):
        bulk_import(cases_path=path, as_of=TODAY, run_day=TODAY)
    assert not Case.objects.exists() and not CaseEvent.objects.exists()
    assert _constraint_state() == before
    monkeypatch.undo()
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 0)
    result = bulk_import(cases_path=path, as_of=TODAY, run_day=TODAY)
    assert (result.created, Case.objects.filter(judge__username="judge1").count()) == (5, 5)
    assert _constraint_state() == before


@pytest.mark.postgres
def test_on_postgresql_the_bulk_path_writes_with_copy_and_ids_from_the_sequence(db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    statements: list[str] = []

    def spy(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    path = write_csv(tmp_path / "cases.csv", [case_row(case_number=f"（2023）陕0122民初{n}号") for n in range(1, 4)])
    with transaction.atomic(), connection.execute_wrapper(spy):
        bulk_import(cases_path=path, as_of=TODAY, run_day=TODAY)
    assert any("nextval" in sql for sql in statements)
    inserts = [sql for sql in statements if sql.lstrip().upper().startswith("INSERT")]
    assert not [sql for sql in inserts if '"cases_case" ' in sql or '"cases_caseevent" ' in sql]  # COPY instead
    ids = list(Case.objects.order_by("case_number").values_list("id", flat=True))
    assert ids == sorted(ids) and len(ids) == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('cases_case', 'id'))")
        assert cursor.fetchone()[0] > max(ids)  # a later case takes a later id


def test_a_row_the_database_refuses_raises_djangos_integrity_error(court, cause):
    """So that the bulk path hands the file to the row-by-row import (a number stored meanwhile)."""
    case = orm_case(court, cause, 1)
    writer = RowWriter(Case, writer_values(case))
    with pytest.raises(IntegrityError), transaction.atomic():
        writer.write([writer.row(writer_values(case))])  # the same case number again
    assert Case.objects.count() == 1
