"""The writing pass of an import, in the caller's transaction: each spilled batch is written with one
multi-row statement per table (`rowwriter.RowWriter`: COPY on PostgreSQL, a prepared INSERT run by executemany
elsewhere), the new ids read back by case number, existing cases updated in place.

Imported cases are full cases: accepted or closed, with the CaseEvents the services would have written
(payload source="import"), so dockets and metrics treat them like web cases.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models
from django.utils import timezone

from court.org.models import Court, Role, Team, User
from court.rules.enums import ClosingMode, Procedure
from court.rules.ledger import LEDGER_FIELDS, ledger_values

from ..models import WORKING_STATES, Case, CaseEvent, CaseNumberSequence, CasePeriod, CaseState
from .columns import PERIOD_TABLE, STORED_CASE_FIELDS
from .parse import CaseRow, PeriodRow
from .plan import UPDATE_FIELDS, ImportResult, Plan, ProgressFactory, chunks
from .rowwriter import RowWriter

SOURCE = "import"
_SQLITE_CACHE_KIB = 128 * 1024  # page cache while importing: a case row touches 15 indexes

K = CaseEvent.Kind
S = CaseState

_STORED_FIELDS = tuple(STORED_CASE_FIELDS.values())
_stored_cells = attrgetter(*STORED_CASE_FIELDS)  # a CaseRow's cells that the import stores as they are

#: periods.csv column -> CasePeriod field (the case number is resolved to case_id).
_PERIOD_FIELDS = {column.name: column.field for column in PERIOD_TABLE if column.field}


def _period_values(period: PeriodRow) -> dict[str, Any]:
    return {field: getattr(period, name) for name, field in _PERIOD_FIELDS.items()}


@contextmanager
def sqlite_cache() -> Iterator[None]:
    """A larger SQLite page cache for the import (the default 2 MB makes index updates spill), then
    the connection's own again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-_SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _updater(model: type[models.Model], names: Sequence[str]) -> tuple[str, list[str]]:
    """`UPDATE … SET col = %s, … WHERE pk = %s` for executemany, and the attnames in parameter order."""
    qn = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s"
    return sql, [f.attname for f in fields]


def ensure_org(plan: Plan, court_name: str) -> None:
    """Create the courts, teams and (inactive) judges the file names but the database lacks."""
    new_courts = [
        Court(code=code, name=court_name or code, province=code[0],
              deadline_roll_over=settings.FANJIAN_DEADLINE_ROLL_OVER)
        for code, pk in sorted(plan.courts.items()) if pk is None
    ]
    Court.objects.bulk_create(new_courts)
    plan.courts.update(Court.objects.filter(code__in=list(plan.courts)).values_list("code", "id"))
    missing = [key for key, pk in sorted(plan.teams.items()) if pk is None]
    new_teams = [Team(court_id=plan.courts[court_code], code=code, name=code) for court_code, code in missing]
    Team.objects.bulk_create(new_teams)
    for key, team in zip(missing, new_teams, strict=True):
        plan.teams[key] = team.pk
    # Imported judges cannot sign in until an administrator activates them and sets a password.
    new_users = [
        User(username=username, role=Role.JUDGE, court_id=plan.courts[court_code],
             team_id=plan.teams.get((court_code, team_code)) if team_code else None,
             is_active=False, password=make_password(None))
        for username, (court_code, team_code) in sorted(plan.new_judges.items())
    ]
    User.objects.bulk_create(new_users)
    for user in new_users:
        plan.judges[user.username] = user.pk


def _pending_state(old: dict[str, Any] | None, suspended: bool) -> tuple[str, str]:
    """The state (and state_before) of a pending case: accepted, or suspended while a suspension runs;
    a case already in a working state keeps it. As the state machine would leave it: `Case.suspend`
    remembers the working state in state_before, `Case.resume` returns to it (else to accepted)."""
    old_state = old["state"] if old else ""
    old_before = old["state_before"] if old else ""
    if suspended:
        if old_state in WORKING_STATES:
            return S.SUSPENDED, old_state
        return S.SUSPENDED, (old_before if old_state == S.SUSPENDED and old_before else S.ACCEPTED)
    if old_state in WORKING_STATES:
        return old_state, old_before
    if old_state == S.SUSPENDED:
        return old_before or S.ACCEPTED, ""
    return S.ACCEPTED, ""


def case_values(row: CaseRow, plan: Plan, old: dict[str, Any] | None, suspended: bool) -> dict[str, Any]:
    """The Case attributes the import sets (attnames), for a new case or an existing one."""
    if row.closed_on is not None:
        state, before = (S.ARCHIVED if old and old["state"] == S.ARCHIVED else S.CLOSED), ""
    else:
        state, before = _pending_state(old, suspended)
    team_id = plan.teams[(row.court_code, row.team)] if row.team else (old["team_id"] if old else None)
    judge_id = plan.judges[row.judge] if row.judge else (old["judge_id"] if old else None)
    values = dict(zip(_STORED_FIELDS, _stored_cells(row), strict=True))
    if old:
        for name in plan.absent_facts:  # a fact column the file leaves out: the case keeps what it had
            attname = STORED_CASE_FIELDS[name]
            values[attname] = old[attname]
    values.update(
        court_id=plan.courts[row.court_code], year=row.year, serial=row.serial, cause_id=row.cause_id,
        state=state, state_before=before, procedure=row.procedure, team_id=team_id, judge_id=judge_id,
        **ledger_values(row.term, closed_on=row.closed_on, as_of=plan.as_of),
    )
    return values


_UPDATE_ATTNAMES = [(name, Case._meta.get_field(name).attname) for name in UPDATE_FIELDS]


def _changes(values: dict[str, Any], old: dict[str, Any]) -> list[str]:
    """The fields a re-import changes on an existing case (UPDATE_FIELDS order)."""
    return [name for name, attname in _UPDATE_ATTNAMES if attname in old and values[attname] != old[attname]]


def _event(kind: str, on: date, *, from_state: str = "", to_state: str = "", basis: str = "",
           payload: dict[str, Any]) -> dict[str, Any]:
    """A CaseEvent's attributes, less case_id and the write time."""
    return {"kind": kind, "on": on, "from_state": from_state, "to_state": to_state, "basis": basis,
            "payload": {"source": SOURCE, **payload}}


def events_for(values: dict[str, Any], row: CaseRow, old: dict[str, Any] | None, file_name: str,
               as_of: date) -> list[dict[str, Any]]:
    """The events the services would have written: 立案, conversion, closing; an IMPORTED note on update."""
    events: list[dict[str, Any]] = []
    term = row.term
    before_close = S.ACCEPTED
    if old is None:
        events.append(_event(K.ACCEPTED, row.filed_on, from_state=S.FILED, to_state=S.ACCEPTED, basis="CPL 126",
                             payload={"case_number": row.case_number, "procedure": row.initial_procedure,
                                      "team": row.team}))
    else:
        before_close = old["state"]
        events.append(_event(K.IMPORTED, as_of, from_state=old["state"], to_state=values["state"],
                             payload={"update": True, "file": file_name, "changed": _changes(values, old)}))
    if row.converted_on is not None and (old is None or old["converted_on"] is None):
        events.append(_event(K.CONVERTED, row.converted_on, basis="JI 258",
                             payload={"from_procedure": row.initial_procedure,
                                      "to_procedure": Procedure.ORDINARY.value}))
    if row.closed_on is not None and (old is None or old["closed_on"] is None):
        events.append(_event(K.CLOSED, row.closed_on, from_state=before_close, to_state=S.CLOSED,
                             basis="TL2000 Art. 10; JI 243",
                             payload={"mode": row.closing_mode, "procedure": row.procedure,
                                      "net_trial_days": term.net_trial_days,
                                      "within_normal_term": term.within_normal_term}))
    return events


def write_plan(plan: Plan, result: ImportResult, *, court_name: str, progress: ProgressFactory) -> None:
    """Carry out a clean plan (in the caller's transaction), counting events and raised sequences in `result`."""
    ensure_org(plan, court_name)
    given = {"court_id", *[attname for _name, attname in _UPDATE_ATTNAMES], *LEDGER_FIELDS,
             "case_number", "heard", "created_at", "updated_at"}
    cases = RowWriter(Case, given)
    periods = RowWriter(CasePeriod, ["case_id", *_PERIOD_FIELDS.values()])
    events = RowWriter(CaseEvent, ["case_id", "at", "kind", "on", "from_state", "to_state", "basis", "payload"])
    update_sql, update_names = _updater(Case, [*UPDATE_FIELDS, *LEDGER_FIELDS, "updated_at"])
    encoder = CaseEvent._meta.get_field("payload").encoder  # JSON text as JSONField would write it
    assert plan.spill is not None
    bar = progress("importing", plan.rows)
    # `existing` is what the validation pass found (and computed the ledger against), as a plan would be.
    for batch, existing in plan.spill:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        new: list[tuple[dict[str, Any], CaseRow]] = []
        changed: list[tuple[dict[str, Any], CaseRow]] = []
        for row, suspended in batch:
            old = existing.get(row.case_number)
            values = case_values(row, plan, old, suspended)
            (changed if old else new).append((values, row))

        cases.write([cases.row({**values, "heard": row.closing_mode == ClosingMode.JUDGMENT, "created_at": now,
                                "updated_at": now}) for values, row in new])
        ids = {number: values["id"] for number, values in existing.items()}
        for chunk in chunks([values["case_number"] for values, _row in new]):
            ids.update(Case.objects.filter(case_number__in=chunk).values_list("case_number", "id"))
        if changed:
            with connection.cursor() as cursor:
                cursor.executemany(update_sql, [
                    (*[now if name == "updated_at" else values[name] for name in update_names],
                     ids[row.case_number]) for values, row in changed
                ])

        if plan.periods is not None:
            for chunk in chunks([ids[row.case_number] for _values, row in changed]):
                CasePeriod.objects.filter(case_id__in=chunk).delete()
            periods.write([
                periods.row({"case_id": ids[row.case_number], **_period_values(p)})
                for _values, row in new + changed for p in plan.periods.get(row.case_number, ())
            ])
        event_rows = []
        for values, row in new + changed:
            case_id = ids[row.case_number]
            for event in events_for(values, row, existing.get(row.case_number), plan.file_name, plan.as_of):
                event["payload"] = json.dumps(event["payload"], cls=encoder)
                event_rows.append(events.row({**event, "case_id": case_id, "at": now}))
        events.write(event_rows)
        result.events += len(event_rows)
        bar.update(len(batch))
    bar.close()
    _write_elsewhere(plan, result, timezone.now())
    _raise_sequences(plan, result)


def _write_elsewhere(plan: Plan, result: ImportResult, now: datetime) -> None:
    """Cases only in the database whose periods periods.csv replaces: new periods and a fresh ledger."""
    if not plan.elsewhere or plan.periods is None:
        return
    ids = [values["id"] for values, _term in plan.elsewhere.values()]
    for chunk in chunks(ids):
        CasePeriod.objects.filter(case_id__in=chunk).delete()
    CasePeriod.objects.bulk_create([
        CasePeriod(case_id=values["id"], **_period_values(p))
        for number, (values, _term) in plan.elsewhere.items() for p in plan.periods[number]
    ])
    cases = [Case(pk=values["id"], updated_at=now,
                  **ledger_values(term, closed_on=values["closed_on"], as_of=plan.as_of))
             for values, term in plan.elsewhere.values()]
    Case.objects.bulk_update(cases, [*LEDGER_FIELDS, "updated_at"])
    CaseEvent.objects.bulk_create([
        CaseEvent(case_id=values["id"], **_event(K.IMPORTED, plan.as_of, payload={
            "update": True, "file": plan.file_name, "periods_replaced": len(plan.periods[number])}))
        for number, (values, _term) in plan.elsewhere.items()
    ])
    result.events += len(plan.elsewhere)


def _raise_sequences(plan: Plan, result: ImportResult) -> None:
    """Lift each court × type × year sequence to the highest imported serial, so that later web
    allocations (services.allocate_case_number) never hand out an imported number."""
    highest = {(plan.courts[code], type_code, year): serial for (code, type_code, year), serial in plan.highest.items()}
    CaseNumberSequence.objects.bulk_create(
        [CaseNumberSequence(court_id=c, type_code=t, year=y, last=0) for c, t, y in highest], ignore_conflicts=True
    )
    for (court_id, type_code, year), serial in highest.items():
        # A conditional UPDATE: it row-locks, so a concurrent allocation waits and then counts on from here.
        result.sequences_raised += CaseNumberSequence.objects.filter(
            court_id=court_id, type_code=type_code, year=year, last__lt=serial
        ).update(last=serial)
