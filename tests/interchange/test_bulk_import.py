"""The bulk path (`bulk.bulk_import`) writes what the row-by-row import writes, field by field: the cases with
their term ledgers, the periods and the events; and it hands every file it should not take (an error, an
update) to the row-by-row import, which reports it exactly, having written nothing."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection, transaction

from court.cases.interchange import bulk, importer
from court.cases.interchange.bulk import NotFast, bulk_import
from court.cases.interchange.bulkcheck import split_number
from court.cases.interchange.columns import CASE_COLUMNS, FACT_CASE_COLUMNS, PERIOD_COLUMNS
from court.cases.interchange.parse import DUPLICATE_CASE
from court.cases.interchange.plan import ImportRefused
from court.cases.models import Case, CaseEvent, CasePeriod
from court.org.models import Court, Team, User

from .conftest import TODAY, case_row, pending_row, write_csv

CAUSES = ["民间借贷纠纷", "买卖合同纠纷", "离婚纠纷", "机动车交通事故责任纠纷", "劳务合同纠纷", "物业服务合同纠纷"]
MODES = ["judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "other"]
KINDS = ["appraisal", "publication", "settlement", "evidence_adjournment", "suspension", "jurisdiction_objection"]


def generated(tmp_path, n: int = 400, seed: int = 7) -> tuple[Any, Any]:
    """n valid rows of every shape the fast path takes: closed and pending, conversions, foreign-related,
    every procedure, fact columns, judges and teams; periods of each kind, running ones, extensions."""
    rng = random.Random(seed)
    rows, periods = [], []
    for i in range(1, n + 1):
        pending = rng.random() < 0.25
        filed = date(2024, 6, 1) + timedelta(days=rng.randrange(500)) if pending else \
            date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        initial = rng.choice(["small_claims", "simple", "simple", "ordinary"])
        converted = ""
        if initial != "ordinary" and rng.random() < 0.2:
            converted = (filed + timedelta(days=rng.randrange(5, 40))).isoformat()
        closed = "" if pending else (filed + timedelta(days=rng.randrange(45, 400))).isoformat()
        number = f"（{filed.year}）陕0122民初{i}号" if i % 3 else f"({filed.year})陕0122民初{i}号"
        team = rng.randrange(4)
        row = (pending_row if pending else case_row)(
            case_number=number, cause=rng.choice(CAUSES[:2] if initial == "small_claims" else CAUSES),
            filed_on=filed.isoformat(), claim_amount=f"{rng.randrange(0, 900000)}.{rng.randrange(100):02d}",
            plaintiffs=str(rng.randint(1, 3)), defendants=str(rng.randint(1, 4)), third_parties=str(rng.randint(0, 2)),
            plaintiff_kind=rng.choice(["person", "entity", "mixed"]), defendant_kind=rng.choice(["person", "entity"]),
            defendant_address_known="true", e_service_consent=rng.choice(["1", "0", "true", "FALSE"]),
            foreign_related="true" if rng.random() < 0.05 else "false", evidence_items=str(rng.randint(0, 30)),
            counterclaim=rng.choice(["", "false", "true"]), initial_procedure=initial, converted_on=converted,
            judge=rng.choice(["", f"judge{team}"]), team=f"T{team}" if rng.random() < 0.9 else "",
            money_claim_only=rng.choice(["", "true", "false"]), small_claims_agreed=rng.choice(["", "false"]),
            counterclaim_amount=rng.choice(["", "1200.50"]), original_case_number="", suit_kind="",
            remanded="", retrial="", public_interest="",
        )
        if not pending:
            row.update(final_procedure="ordinary" if converted else initial, closed_on=closed,
                       closing_mode=rng.choice(MODES))
        if initial == "ordinary" and rng.random() < 0.3:
            row["defendant_address_known"] = "false"
        rows.append(row)
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            kind = rng.choice(KINDS)
            start = filed + timedelta(days=rng.randrange(1, 60))
            end = "" if (pending and rng.random() < 0.5) else (start + timedelta(days=rng.randrange(1, 50))).isoformat()
            periods.append({"case_number": number, "kind": kind, "start_on": start.isoformat(), "end_on": end,
                            "months": ""})
        if rng.random() < 0.1:
            periods.append({"case_number": number, "kind": "extension",
                            "start_on": (filed + timedelta(days=rng.randrange(20, 80))).isoformat(), "end_on": "",
                            "months": str(rng.randint(1, 3))})
    # Closed on the last day of the simple term (3 months from 2023-03-01: a Thursday), and the day after.
    rows += [case_row(case_number="（2023）陕0122民初99001号", closed_on="2023-06-01"),
             case_row(case_number="（2023）陕0122民初99002号", closed_on="2023-06-02")]
    columns = [*CASE_COLUMNS, *FACT_CASE_COLUMNS]
    return (write_csv(tmp_path / "cases.csv", rows, columns=columns),
            write_csv(tmp_path / "periods.csv", periods, columns=PERIOD_COLUMNS))


_SKIP = {"id", "created_at", "updated_at", "court_id", "cause_id", "team_id", "judge_id"}


def snapshot() -> dict[str, Any]:
    """Everything an import wrote, by natural keys (no ids, no write times)."""
    cases = {}
    fields = [f.attname for f in Case._meta.concrete_fields if f.attname not in _SKIP]
    for case in Case.objects.select_related("court", "cause", "team", "judge"):
        values = {name: getattr(case, name) for name in fields}
        values.update(court=case.court.code, cause=case.cause.name, team=case.team.code if case.team else None,
                      judge=case.judge.username if case.judge else None)
        values["periods"] = [(p.kind, p.start_on, p.end_on, p.months) for p in case.periods.order_by("id")]
        values["events"] = [(e.kind, e.on, e.from_state, e.to_state, e.reason, e.basis, e.payload, e.actor_id)
                            for e in CaseEvent.objects.filter(case=case).order_by("id")]
        cases[case.case_number] = values
    judges = sorted(User.objects.filter(username__startswith="judge").values_list(
        "username", "is_active", "role", "team__code", "court__code"))
    teams = sorted(Team.objects.values_list("court__code", "code", "name"))
    courts = sorted(Court.objects.values_list("code", "name", "province", "deadline_roll_over"))
    return {"cases": cases, "judges": judges, "teams": teams, "courts": courts}


def row_by_row(cases, periods) -> tuple[dict[str, Any], importer.ImportResult]:
    """The row-by-row import's writes, rolled back afterwards."""
    with transaction.atomic():
        result = importer.cases_import(cases_path=cases, periods_path=periods, bulk=False, court_name="蓝田")
        written = snapshot()
        transaction.set_rollback(True)
    return written, result


@pytest.mark.parametrize("batch_size", [50_000, 37])
def test_the_bulk_import_writes_what_the_row_by_row_import_writes(db, tmp_path, batch_size):
    cases, periods = generated(tmp_path)
    expected, expected_result = row_by_row(cases, periods)
    assert Case.objects.count() == 0
    result = bulk_import(cases_path=cases, periods_path=periods, court_name="蓝田", as_of=TODAY, run_day=TODAY,
                         batch_size=batch_size)
    got = snapshot()
    assert set(got["cases"]) == set(expected["cases"])
    for number, values in expected["cases"].items():
        for name, value in values.items():
            assert got["cases"][number][name] == value, (number, name)
    assert got == expected
    assert result == expected_result
    assert sum(1 for values in got["cases"].values() if values["state"] == "suspended") > 0  # a running suspension
    assert sum(len(values["periods"]) for values in got["cases"].values()) == CasePeriod.objects.count() > 100
    on_the_day, day_after = (got["cases"][f"（2023）陕0122民初{n}号"]["within_normal_term"] for n in (99001, 99002))
    assert (on_the_day, day_after) == (True, False)


def test_a_first_load_rebuilds_the_indexes_it_dropped(db, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 0)
    with connection.cursor() as cursor:
        before = {t: sorted(name for name, _sql in bulk._plain_indexes(cursor, t))
                  for t in ("cases_case", "cases_caseevent")}
    assert before["cases_case"]
    cases, periods = generated(tmp_path, n=60)
    bulk_import(cases_path=cases, periods_path=periods, as_of=TODAY, run_day=TODAY)
    with connection.cursor() as cursor:
        after = {t: sorted(name for name, _sql in bulk._plain_indexes(cursor, t)) for t in before}
    assert after == before
    assert Case.objects.count() == 62  # with the two closed on and after the deadline


def test_an_update_or_an_error_goes_to_the_row_by_row_import_with_nothing_written(db, tmp_path):
    cases, periods = generated(tmp_path, n=30)
    importer.cases_import(cases_path=cases, periods_path=periods)
    events = CaseEvent.objects.count()
    with pytest.raises(NotFast):  # every case is stored now: an update
        bulk_import(cases_path=cases, periods_path=periods, as_of=TODAY, run_day=TODAY)
    assert CaseEvent.objects.count() == events
    result = importer.cases_import(cases_path=cases, periods_path=periods)
    assert (result.created, result.updated) == (0, 32)

    dup = write_csv(tmp_path / "dup.csv", [case_row(case_number="（2023）陕0122民初900号"),
                                          case_row(case_number="(2023)陕0122民初900号")])
    with pytest.raises(NotFast):
        bulk_import(cases_path=dup, as_of=TODAY, run_day=TODAY)
    with pytest.raises(ImportRefused) as refused:
        importer.cases_import(cases_path=dup)
    assert [(e.line, e.column) for e in refused.value.errors.kept] == [(3, "case_number")]
    assert refused.value.errors.kept[0].message == DUPLICATE_CASE % {"number": "（2023）陕0122民初900号", "first": 2}
    assert not Case.objects.filter(case_number="（2023）陕0122民初900号").exists()


@pytest.mark.parametrize("text", [
    "（2015）朝民初字第123号", "（2023）陕0122民初0号", "（2023）陕0122民初012号", "（2023）陕0122民初12号之一",
    "（２０２３）陕0122民初12号", " （2023）陕0122民初12号", "（2023）陕0122民初12-13号", "（0999）陕0122民初1号",
])
def test_a_number_the_fast_path_does_not_read_plainly_is_left_to_the_parser(db, tmp_path, text):
    path = write_csv(tmp_path / "odd.csv", [case_row(case_number=text)])
    assert split_number("（2023）陕0122民初12号") == ("2023", "陕0122民初", "12")
    with pytest.raises(NotFast):
        bulk_import(cases_path=path, as_of=TODAY, run_day=TODAY)


def test_a_number_repeated_in_a_later_chunk_is_left_to_the_parser(db, tmp_path):
    rows = [case_row(case_number=f"（2023）陕0122民初{n}号") for n in range(1, 8)]
    rows.append(case_row(case_number="(2023)陕0122民初3号"))  # the third, half-width, two chunks later
    path = write_csv(tmp_path / "cases.csv", rows)
    with pytest.raises(NotFast):
        bulk_import(cases_path=path, as_of=TODAY, run_day=TODAY, batch_size=3)
    assert not Case.objects.exists()
    with pytest.raises(ImportRefused) as refused:
        importer.cases_import(cases_path=path, batch_size=3)
    assert [(e.line, e.column) for e in refused.value.errors.kept] == [(9, "case_number")]
