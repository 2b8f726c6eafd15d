"""Loading cases.csv and periods.csv (docs/interchange.md, "Import behaviour"): all-or-nothing, bulk writes.

`cases_import` first validates everything (files, catalogue, existing cases, users) and computes each
case's term ledger with `court.rules.terms.compute_term`, exactly as `court.cases.term.term_for` does;
only a clean plan is written, in one transaction, with bulk_create/bulk_update in batches and no query
per row. Imported cases are full cases: accepted or closed, with the CaseEvents the services would have
written (payload source="import"), so dockets and metrics treat them like web cases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from court.org.models import Court, Role, Team, User
from court.rules.calendar import UnknownCalendarYear, WorkdayCalendar
from court.rules.enums import PeriodKind
from court.rules.terms import Period, TermResult, compute_term

from ..models import (
    WORKING_STATES,
    Case,
    CaseEvent,
    CaseNumberSequence,
    CasePeriod,
    CaseState,
    Cause,
    CauseCatalogue,
)
from ..term import court_calendar, today
from .parse import (
    JUDGE_NOT_A_JUDGE,
    NO_CALENDAR,
    PERIOD_AFTER_CLOSING,
    UNKNOWN_CASE,
    CaseRow,
    CauseIndex,
    Errors,
    PeriodRow,
    parse_cases,
    parse_periods,
)

SOURCE = "import"
BATCH_SIZE = 5000
_LOOKUP_CHUNK = 900  # keeps `__in` lists under SQLite's historical 999-variable limit

K = CaseEvent.Kind
S = CaseState

#: Case fields an import writes on an existing case (besides the term ledger).
_UPDATE_FIELDS = [
    "case_type", "year", "serial", "cause", "claim_amount", "plaintiff_count", "defendant_count",
    "third_party_count", "plaintiff_kind", "defendant_kind", "defendant_address_known", "e_service_consent",
    "appraisal_requested", "foreign_related", "lawyer_represented", "evidence_items", "counterclaim",
    "state", "state_before", "procedure", "initial_procedure", "converted_on", "filed_on", "closed_on",
    "closing_mode", "team", "judge",
]
_LEDGER_FIELDS = [
    "elapsed_days", "excluded_days", "net_trial_days", "extension_months", "normal_deadline",
    "extended_deadline", "within_normal_term", "within_term", "term_as_of",
]
#: Fields read from an existing case to notice what a re-import changes.
_EXISTING_FIELDS = [
    "id", "case_number", "court_id", "state", "state_before", "filed_on", "closed_on", "converted_on", "procedure",
    "foreign_related", "team_id", "judge_id", "court__deadline_roll_over",
    *[f if f not in ("cause", "team", "judge") else f + "_id" for f in _UPDATE_FIELDS
      if f not in ("state", "state_before", "procedure", "filed_on", "closed_on", "converted_on", "foreign_related",
                   "team", "judge")],
]


class ImportRefused(Exception):
    """The files have errors; nothing was written. `errors.report()` lists them."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(errors.report())
        self.errors = errors


class Progress(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[str, int | None], Progress]


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _no_progress(desc: str, total: int | None) -> Progress:
    return _NoProgress()


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    periods: int = 0
    events: int = 0
    periods_replaced_elsewhere: int = 0  # cases only in the database whose periods the file replaced
    courts_created: list[str] = field(default_factory=list)
    teams_created: list[str] = field(default_factory=list)
    judges_created: list[str] = field(default_factory=list)
    sequences_raised: int = 0
    dry_run: bool = False


@dataclass
class _Plan:
    rows: list[CaseRow]
    periods: dict[str, list[PeriodRow]] | None  # by case number; None when no periods file was given
    existing: dict[str, dict[str, Any]]  # by case number, values of _EXISTING_FIELDS
    kept_periods: dict[int, list[Period]]  # existing cases' periods when no periods file was given
    elsewhere: dict[str, tuple[dict[str, Any], TermResult]]  # database-only cases named in periods.csv
    courts: dict[str, int | None]  # code -> id (None: to create)
    teams: dict[tuple[str, str], int | None]
    judges: dict[str, int | None]
    new_judges: dict[str, tuple[str, str]]  # username -> (court code, team code)
    as_of: date
    file_name: str


def cases_import(*, cases_path: Path | str, periods_path: Path | str | None = None, ignore_unknown: bool = False,
                 court_name: str = "", dry_run: bool = False, as_of: date | None = None,
                 progress: ProgressFactory | None = None, batch_size: int = BATCH_SIZE) -> ImportResult:
    """Validate both files completely; if anything is wrong raise ImportRefused and write nothing,
    else upsert every case (by case number) in one transaction."""
    progress = progress or _no_progress
    plan = _plan(cases_path=Path(cases_path), periods_path=Path(periods_path) if periods_path else None,
                 ignore_unknown=ignore_unknown, as_of=as_of or today(), progress=progress)
    result = ImportResult(dry_run=dry_run)
    result.updated = sum(1 for r in plan.rows if r.case_number in plan.existing)
    result.created = len(plan.rows) - result.updated
    result.courts_created = sorted(c for c, pk in plan.courts.items() if pk is None)
    result.teams_created = sorted(f"{c}/{t}" for (c, t), pk in plan.teams.items() if pk is None)
    result.judges_created = sorted(plan.new_judges)
    result.periods_replaced_elsewhere = len(plan.elsewhere)
    if plan.periods is not None:
        result.periods = sum(len(v) for v in plan.periods.values())
    if dry_run:
        return result
    with transaction.atomic():
        _write(plan, result, court_name=court_name, progress=progress, batch_size=batch_size)
    return result


# --- validation ------------------------------------------------------------------------------------------

def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _cause_index() -> CauseIndex:
    catalogues = list(CauseCatalogue.objects.values_list("id", "effective_from", "effective_to"))
    causes = list(Cause.objects.values_list("id", "catalogue_id", "name"))
    return CauseIndex(catalogues, causes)


def _existing_cases(numbers: Sequence[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(numbers, _LOOKUP_CHUNK):
        for values in Case.objects.filter(case_number__in=chunk).values(*_EXISTING_FIELDS):
            found[values["case_number"]] = values
    return found


def _db_periods(case_ids: Sequence[int]) -> dict[int, list[Period]]:
    periods: dict[int, list[Period]] = defaultdict(list)
    for chunk in _chunks(case_ids, _LOOKUP_CHUNK):
        for case_id, kind, start_on, end_on, months in (
            CasePeriod.objects.filter(case_id__in=chunk).order_by("case_id", "start_on", "id")
            .values_list("case_id", "kind", "start_on", "end_on", "months")
        ):
            periods[case_id].append(Period(kind=kind, start_on=start_on, end_on=end_on, months=months))
    return periods


def _rule_periods(rows: Iterable[PeriodRow]) -> list[Period]:
    return [Period(kind=p.kind, start_on=p.start_on, end_on=p.end_on, months=p.months) for p in rows]


def _term(*, filed_on: date, procedure: str, closed_on: date | None, foreign_related: bool, periods: list[Period],
          roll_over: bool, calendar: WorkdayCalendar, as_of: date) -> TermResult:
    # The same arguments as court.cases.term.term_for, so imported and web cases share one convention.
    return compute_term(filed_on=filed_on, procedure=procedure, periods=periods, closed_on=closed_on,
                        as_of=None if closed_on else max(as_of, filed_on), foreign_related=foreign_related,
                        calendar=calendar, roll_over=roll_over)


def _plan(*, cases_path: Path, periods_path: Path | None, ignore_unknown: bool, as_of: date,
          progress: ProgressFactory) -> _Plan:
    errors = Errors(settings.FANJIAN_IMPORT_ERROR_LIMIT)
    bar = progress("validating", None)
    rows = parse_cases(cases_path, causes=_cause_index(), errors=errors, ignore_unknown=ignore_unknown,
                       today=today(), on_row=bar.update)
    period_rows: list[PeriodRow] | None = None
    if periods_path is not None:
        period_rows = parse_periods(periods_path, errors=errors, ignore_unknown=ignore_unknown, on_row=bar.update)
    bar.close()
    cases_name = cases_path.name
    periods_name = periods_path.name if periods_path else ""

    by_number = {row.case_number: row for row in rows}
    existing = _existing_cases(list(by_number))

    # Periods: each must belong to a case of the file or of the database.
    periods: dict[str, list[PeriodRow]] | None = None
    elsewhere_numbers: list[str] = []
    if period_rows is not None:
        periods = defaultdict(list)
        for p in period_rows:
            periods[p.case_number].append(p)
        elsewhere_numbers = [n for n in periods if n not in by_number]
    elsewhere_found = _existing_cases(elsewhere_numbers)
    if periods is not None:
        for number in elsewhere_numbers:
            if number not in elsewhere_found:
                for p in periods[number]:
                    errors.add(periods_name, p.line, "case_number", UNKNOWN_CASE, value=number)

    # Courts, teams and judges: found or to be created.
    court_codes = {row.court_code for row in rows}
    known_courts = dict(Court.objects.filter(code__in=court_codes).values_list("code", "id"))
    roll_overs = dict(Court.objects.filter(code__in=court_codes).values_list("code", "deadline_roll_over"))
    courts: dict[str, int | None] = {code: known_courts.get(code) for code in court_codes}
    team_codes = {(row.court_code, row.team) for row in rows if row.team}
    known_teams = {
        (court_code, code): pk
        for court_code, code, pk in Team.objects.filter(court__code__in=court_codes).values_list("court__code", "code", "id")
    }
    teams = {key: known_teams.get(key) for key in team_codes}
    usernames = sorted({row.judge for row in rows if row.judge})
    known_users: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(usernames, _LOOKUP_CHUNK):
        for pk, username, role in User.objects.filter(username__in=chunk).values_list("id", "username", "role"):
            known_users[username] = (pk, role)
    judges: dict[str, int | None] = {}
    new_judges: dict[str, tuple[str, str]] = {}
    for row in rows:
        if not row.judge:
            continue
        user = known_users.get(row.judge)
        if user is None:
            judges[row.judge] = None
            new_judges.setdefault(row.judge, (row.court_code, row.team))
        elif user[1] != Role.JUDGE:
            errors.add(cases_name, row.line, "judge", JUDGE_NOT_A_JUDGE, value=row.judge)
        else:
            judges[row.judge] = user[0]

    # The term ledger of every case, with the periods it will have after the import.
    kept_periods: dict[int, list[Period]] = {}
    if periods is None:
        kept_periods = _db_periods([values["id"] for values in existing.values()])
    calendar = court_calendar()
    default_roll_over = settings.FANJIAN_DEADLINE_ROLL_OVER
    bar = progress("checking terms", len(rows))
    for row in rows:
        bar.update()
        if periods is not None:
            own = periods.get(row.case_number, ())
            for p in own:
                if row.closed_on is not None and p.start_on > row.closed_on:
                    errors.add(periods_name, p.line, "start_on", PERIOD_AFTER_CLOSING, start=p.start_on,
                               closed=row.closed_on)
            case_periods = _rule_periods(own)
        else:
            old = existing.get(row.case_number)
            case_periods = kept_periods.get(old["id"], []) if old else []
        try:
            row.term = _term(filed_on=row.filed_on, procedure=row.procedure, closed_on=row.closed_on,
                             foreign_related=row.foreign_related, periods=case_periods,
                             roll_over=roll_overs.get(row.court_code, default_roll_over), calendar=calendar,
                             as_of=as_of)
        except UnknownCalendarYear as exc:
            errors.add(cases_name, row.line, "filed_on", NO_CALENDAR, year=exc.year)
    bar.close()

    elsewhere: dict[str, tuple[dict[str, Any], TermResult]] = {}
    for number, values in elsewhere_found.items():
        assert periods is not None
        own = periods[number]
        closed_on = values["closed_on"]
        for p in own:
            if closed_on is not None and p.start_on > closed_on:
                errors.add(periods_name, p.line, "start_on", PERIOD_AFTER_CLOSING, start=p.start_on, closed=closed_on)
        if values["filed_on"] is None:
            continue
        try:
            term = _term(filed_on=values["filed_on"], procedure=values["procedure"], closed_on=closed_on,
                         foreign_related=values["foreign_related"], periods=_rule_periods(own),
                         roll_over=values["court__deadline_roll_over"], calendar=calendar, as_of=as_of)
        except UnknownCalendarYear as exc:
            errors.add(periods_name, own[0].line, "case_number", NO_CALENDAR, year=exc.year)
            continue
        elsewhere[number] = (values, term)

    if errors:
        raise ImportRefused(errors)
    return _Plan(rows=rows, periods=periods, existing=existing, kept_periods=kept_periods, elsewhere=elsewhere,
                 courts=courts, teams=teams, judges=judges, new_judges=new_judges, as_of=as_of,
                 file_name=cases_name)


# --- writing ---------------------------------------------------------------------------------------------

def _ensure_org(plan: _Plan, result: ImportResult, court_name: str) -> None:
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
    a case already in a working state keeps it."""
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


def _ledger(term: TermResult, closed_on: date | None, as_of: date) -> dict[str, Any]:
    # As court.cases.term.apply_term.
    return {
        "elapsed_days": term.elapsed_days, "excluded_days": term.excluded_days,
        "net_trial_days": term.net_trial_days, "extension_months": term.extension_months,
        "normal_deadline": term.normal_deadline, "extended_deadline": term.extended_deadline,
        "within_normal_term": term.within_normal_term, "within_term": term.within_term,
        "term_as_of": closed_on or as_of,
    }


def _case(row: CaseRow, plan: _Plan, old: dict[str, Any] | None, suspended: bool, now: Any) -> Case:
    if row.closed_on is not None:
        state, before = (S.ARCHIVED if old and old["state"] == S.ARCHIVED else S.CLOSED), ""
    else:
        state, before = _pending_state(old, suspended)
    court_id = plan.courts[row.court_code]
    team_id = plan.teams[(row.court_code, row.team)] if row.team else (old["team_id"] if old else None)
    judge_id = plan.judges[row.judge] if row.judge else (old["judge_id"] if old else None)
    values = dict(
        court_id=court_id, case_type=row.case_type, case_number=row.case_number, year=row.year, serial=row.serial,
        cause_id=row.cause_id, claim_amount=row.claim_amount, plaintiff_count=row.plaintiffs,
        defendant_count=row.defendants, third_party_count=row.third_parties, plaintiff_kind=row.plaintiff_kind,
        defendant_kind=row.defendant_kind, defendant_address_known=row.defendant_address_known,
        e_service_consent=row.e_service_consent, appraisal_requested=row.appraisal_requested,
        foreign_related=row.foreign_related, lawyer_represented=row.lawyer_represented,
        evidence_items=row.evidence_items, counterclaim=row.counterclaim,
        # The FSM fields are protected: they may be given once, here in the constructor (never assigned later).
        state=state, state_before=before, procedure=row.procedure, initial_procedure=row.initial_procedure,
        converted_on=row.converted_on, filed_on=row.filed_on, closed_on=row.closed_on,
        closing_mode=row.closing_mode, team_id=team_id, judge_id=judge_id,
        **_ledger(row.term, row.closed_on, plan.as_of),
    )
    if old is None:
        return Case(heard=row.closing_mode == "judgment", **values)
    return Case(pk=old["id"], updated_at=now, **values)


def _changes(case: Case, old: dict[str, Any]) -> list[str]:
    changed = []
    for name in _UPDATE_FIELDS:
        attname = name + "_id" if name in ("cause", "team", "judge") else name
        if attname in old and getattr(case, attname) != old[attname]:
            changed.append(name)
    return changed


def _event(case_id: int, kind: str, on: date, **values: Any) -> CaseEvent:
    payload = {"source": SOURCE, **values.pop("payload", {})}
    return CaseEvent(case_id=case_id, kind=kind, on=on, payload=payload, **values)


def _events_for(case: Case, row: CaseRow, old: dict[str, Any] | None, file_name: str, as_of: date) -> list[CaseEvent]:
    """The events the services would have written: 立案, conversion, closing; an IMPORTED note on update."""
    events: list[CaseEvent] = []
    term = row.term
    before_close = S.ACCEPTED
    if old is None:
        events.append(_event(case.pk, K.ACCEPTED, row.filed_on, from_state=S.FILED, to_state=S.ACCEPTED,
                             basis="CPL 126", payload={"case_number": row.case_number,
                                                       "procedure": row.initial_procedure, "team": row.team}))
    else:
        before_close = old["state"]
        events.append(_event(case.pk, K.IMPORTED, as_of, from_state=old["state"], to_state=case.state,
                             payload={"update": True, "file": file_name, "changed": _changes(case, old)}))
    if row.converted_on is not None and (old is None or old["converted_on"] is None):
        events.append(_event(case.pk, K.CONVERTED, row.converted_on, basis="JI 258",
                             payload={"from_procedure": row.initial_procedure, "to_procedure": "ordinary"}))
    if row.closed_on is not None and (old is None or old["closed_on"] is None):
        events.append(_event(case.pk, K.CLOSED, row.closed_on, from_state=before_close, to_state=S.CLOSED,
                             basis="TL2000 Art. 10; JI 243",
                             payload={"mode": row.closing_mode, "procedure": row.procedure,
                                      "net_trial_days": term.net_trial_days,
                                      "within_normal_term": term.within_normal_term}))
    return events


def _write(plan: _Plan, result: ImportResult, *, court_name: str, progress: ProgressFactory,
           batch_size: int) -> None:
    _ensure_org(plan, result, court_name)
    now = timezone.now()
    update_fields = _UPDATE_FIELDS + _LEDGER_FIELDS + ["updated_at"]
    bar = progress("importing", len(plan.rows))
    for batch in _chunks(plan.rows, batch_size):
        new: list[tuple[Case, CaseRow]] = []
        changed: list[tuple[Case, CaseRow]] = []
        for row in batch:
            own = plan.periods.get(row.case_number, ()) if plan.periods is not None else None
            old = plan.existing.get(row.case_number)
            if own is not None:
                suspended = any(p.kind == PeriodKind.SUSPENSION and p.end_on is None for p in own)
            else:
                kept = plan.kept_periods.get(old["id"], []) if old else []
                suspended = any(p.kind == PeriodKind.SUSPENSION and p.end_on is None for p in kept)
            if row.closed_on is not None:
                suspended = False
            case = _case(row, plan, old, suspended, now)
            (changed if old else new).append((case, row))
        Case.objects.bulk_create([case for case, _row in new])
        # bulk_update reads the FSM fields through their descriptor and never assigns them, so `protected`
        # does not get in its way: one UPDATE … CASE per batch, no save() per case.
        Case.objects.bulk_update([case for case, _row in changed], update_fields)

        if plan.periods is not None:
            CasePeriod.objects.filter(case_id__in=[case.pk for case, _row in changed]).delete()
            CasePeriod.objects.bulk_create([
                CasePeriod(case_id=case.pk, kind=p.kind, start_on=p.start_on, end_on=p.end_on, months=p.months)
                for case, row in new + changed for p in plan.periods.get(row.case_number, ())
            ])
        events: list[CaseEvent] = []
        for case, row in new + changed:
            events += _events_for(case, row, plan.existing.get(row.case_number), plan.file_name, plan.as_of)
        CaseEvent.objects.bulk_create(events)
        result.events += len(events)
        bar.update(len(batch))
    bar.close()
    _write_elsewhere(plan, result, now)
    _raise_sequences(plan, result)


def _write_elsewhere(plan: _Plan, result: ImportResult, now: Any) -> None:
    """Cases only in the database whose periods periods.csv replaces: new periods and a fresh ledger."""
    if not plan.elsewhere or plan.periods is None:
        return
    ids = [values["id"] for values, _term in plan.elsewhere.values()]
    for chunk in _chunks(ids, _LOOKUP_CHUNK):
        CasePeriod.objects.filter(case_id__in=chunk).delete()
    CasePeriod.objects.bulk_create([
        CasePeriod(case_id=values["id"], kind=p.kind, start_on=p.start_on, end_on=p.end_on, months=p.months)
        for number, (values, _term) in plan.elsewhere.items() for p in plan.periods[number]
    ])
    cases = [Case(pk=values["id"], updated_at=now, **_ledger(term, values["closed_on"], plan.as_of))
             for values, term in plan.elsewhere.values()]
    Case.objects.bulk_update(cases, _LEDGER_FIELDS + ["updated_at"])
    CaseEvent.objects.bulk_create([
        _event(values["id"], K.IMPORTED, plan.as_of,
               payload={"update": True, "file": plan.file_name, "periods_replaced": len(plan.periods[number])})
        for number, (values, _term) in plan.elsewhere.items()
    ])
    result.events += len(plan.elsewhere)


def _raise_sequences(plan: _Plan, result: ImportResult) -> None:
    """Lift each court × type × year sequence to the highest imported serial, so that later web
    allocations (services.allocate_case_number) never hand out an imported number."""
    highest: dict[tuple[int, str, int], int] = {}
    for row in plan.rows:
        key = (plan.courts[row.court_code], row.case_type, row.year)
        if row.serial > highest.get(key, 0):
            highest[key] = row.serial
    CaseNumberSequence.objects.bulk_create(
        [CaseNumberSequence(court_id=c, type_code=t, year=y, last=0) for c, t, y in highest], ignore_conflicts=True
    )
    for (court_id, type_code, year), serial in highest.items():
        # A conditional UPDATE: it row-locks, so a concurrent allocation waits and then counts on from here.
        result.sequences_raised += CaseNumberSequence.objects.filter(
            court_id=court_id, type_code=type_code, year=year, last__lt=serial
        ).update(last=serial)
