"""Reads that are more than a one-liner."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.core import checks
from django.core.paginator import Page, Paginator
from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import Court, WageThreshold
from court.rules import procedure as rule_procedure

from .models import Case, Cause, CauseCatalogue, PeriodKind, Procedure

WAGE_THRESHOLD_STALE = gettext_noop(
    "JI 272: the newest average-wage figure for %(province)s took effect on %(date)s. Small-claims limits use the "
    "latest published figure; if the province has published a newer one, enter it under Wage thresholds."
)
WAGE_THRESHOLD_MISSING = gettext_noop(
    "CPL 165, JI 272: no average-wage figure is entered for %(province)s, so no case there can be accepted under "
    "small claims; enter the published figure under Wage thresholds."
)


def wage_threshold_for(province: str, on: date) -> WageThreshold | None:
    """The latest published wage figure for `province` in force on `on` (JI 272)."""
    return WageThreshold.objects.filter(province=province, effective_from__lte=on).order_by("-effective_from").first()


def wage_threshold_warning(province: str, on: date) -> str | None:
    """A warning when the figure in force on `on` is missing or older than a year's publication cycle
    (`court.rules.procedure.threshold_is_stale`; JI 272 "上一年度"): lawful until a newer one is published, so a
    note, never a bar. For the case page (a case being accepted) and the system check."""
    found = wage_threshold_for(province, on)
    if found is None:
        return _(WAGE_THRESHOLD_MISSING) % {"province": province}
    if rule_procedure.threshold_is_stale(found.as_rule(), on):
        return _(WAGE_THRESHOLD_STALE) % {"province": province, "date": found.effective_from}
    return None


def check_wage_thresholds(on: date | None = None) -> list[checks.Warning]:
    """cases.W002: a province of a court whose average-wage figure is missing or stale on `on` (today)."""
    from .term import today

    on = on or today()
    try:
        provinces = sorted(set(Court.objects.exclude(province="").values_list("province", flat=True)))
        messages = [wage_threshold_warning(province, on) for province in provinces]
    except DatabaseError:  # not migrated yet: nothing to say
        return []
    return [checks.Warning(message, id="cases.W002") for message in messages if message]


def check_wage_thresholds_in_database(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[checks.Warning]:
    """`check_wage_thresholds` when a database is asked for (`manage.py check --database default`, `migrate`);
    registered, tagged 'database', by `CasesConfig.ready`."""
    if not databases:
        return []
    return check_wage_thresholds()


def small_claims_recheck(case: Case) -> list[rule_procedure.Bar]:
    """The bars against a case that is under small claims now (empty for any other procedure): the CPL 165-166
    and JI 257 bars on today's facts, against the threshold in force on the filing date and the parties'
    CPL 165(2) agreement stored at acceptance (`court.rules.procedure.small_claims_recheck`; JI 278)."""
    if case.procedure != Procedure.SMALL_CLAIMS or case.filed_on is None:
        return []
    found = wage_threshold_for(case.court.province, case.filed_on)
    return rule_procedure.small_claims_recheck(
        case_facts_now(case), threshold=found.as_rule() if found else None, parties_agree=case.small_claims_agreed,
        filed_on=case.filed_on,
    )


def case_facts_now(case: Case) -> rule_procedure.FilingFacts:
    """`Case.filing_facts` with what the docket has learnt since: an appraisal or an audit/valuation recorded
    as a period is "需要评估、鉴定" (CPL 166(3)) even when none was asked for at filing (the filing-time feature
    `appraisal_requested` stays as filed)."""
    facts = case.filing_facts()
    if not facts.appraisal_requested and case.periods.filter(
        kind__in=(PeriodKind.APPRAISAL, PeriodKind.AUDIT_VALUATION)
    ).exists():
        facts = replace(facts, appraisal_requested=True)
    return facts


def catalogue_for(on: date) -> CauseCatalogue | None:
    """The cause catalogue in force on `on`; a case keeps the version that applied at filing."""
    return (
        CauseCatalogue.objects.filter(effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )


def cause_by_name(name: str, on: date) -> Cause | None:
    """The cause called `name` in the catalogue in force on `on`, else in the newest catalogue that has it. A
    name at two levels of one catalogue (十一、不当得利纠纷 and 144. 不当得利纠纷) means the deeper cause."""
    catalogue = catalogue_for(on)
    if catalogue is not None:
        cause = Cause.objects.filter(catalogue=catalogue, name=name).order_by("-level").first()
        if cause is not None:
            return cause
    return Cause.objects.filter(name=name).order_by("-catalogue__effective_from", "-level").first()


def first_rows(qs: QuerySet[Case], n: int) -> QuerySet[Case]:
    """The first `n` cases of an ordered list, their ids taken first from the index of its filter and order
    (`WHERE id IN (SELECT id … ORDER BY … LIMIT n) ORDER BY …`): the database then joins and sorts n rows, not
    every match with all its columns (a team's 5,000 open cases: half the time on SQLite at 100,000 open)."""
    return qs.filter(pk__in=qs.values("pk")[:n])


class CasePaginator(Paginator):
    """Pages a filtered, ordered case list (a docket, a queue) in one query per page that first takes the page's
    ids from the narrow index of the filter and order (`case_court_team_state_deadline`, `case_court_state_deadline`),
    then joins only those rows: `WHERE id IN (SELECT id … ORDER BY … LIMIT 50) ORDER BY …`. Otherwise the
    database joins and sorts every matching case with all its columns to keep 50: SQLite took the team's index
    and sorted a team's 5,000 open cases (100 ms at 100,000 open cases in the court; bench/bench_pages.py)."""

    def _get_page(self, object_list: Any, number: int, paginator: Paginator) -> Page:
        # object_list is this page's slice of the list; an unsliced list is left as Django pages it.
        if getattr(object_list, "query", None) is not None and object_list.query.is_sliced:
            object_list = self.object_list.filter(pk__in=object_list.values("pk"))
        return super()._get_page(object_list, number, paginator)
