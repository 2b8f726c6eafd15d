"""The term section of the case page follows the case type (court.rules.terms.term_spec): a term counted in
days shows its days and article; a pre-suit mediation has no 审限 at all.

CPL 187: "人民法院适用特别程序审理的案件，应当在立案之日起三十日内或者公告期满后三十日内审结。"
OMR 24: "立案前在线调解期限为三十日。各方当事人同意延长的，不受此限。" (a mediation period, not a trial term)
"""

from __future__ import annotations

from django.urls import reverse

from .conftest import page_text


def _base_term(html: str) -> str:
    start = html.index("Base term")
    return html[start:html.index("Extensions", start)]


def _as_type(case, case_type: str):
    type(case).objects.filter(pk=case.pk).update(case_type=case_type)
    case.refresh_from_db()
    return case


def test_a_special_procedure_case_shows_thirty_days_under_cpl_187(recent, judge, as_user):
    case = _as_type(recent(state="accepted"), "民特")
    response = as_user(judge).get(reverse("case_detail", args=[case.pk]))
    assert response.context["term"].base_days == 30
    cell = _base_term(page_text(response))
    assert "30 days" in cell and "CPL 187" in cell and "foreign-related" not in cell


def test_a_pre_suit_mediation_has_no_trial_term(recent, judge, as_user):
    case = _as_type(recent(state="accepted"), "民诉前调")
    cell = _base_term(page_text(as_user(judge).get(reverse("case_detail", args=[case.pk]))))
    assert "no trial term (OMR 24)" in cell and "foreign-related" not in cell


def test_a_first_instance_case_keeps_its_months_and_a_foreign_related_one_has_none(recent, judge, as_user):
    assert "3 months" in _base_term(page_text(as_user(judge).get(
        reverse("case_detail", args=[recent(state="accepted").pk]))))
    foreign = recent(state="accepted", procedure="ordinary", foreign_related=True)
    assert "none (foreign-related, CPL 287)" in _base_term(page_text(as_user(judge).get(
        reverse("case_detail", args=[foreign.pk]))))
