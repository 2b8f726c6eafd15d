"""The interchange carries 民诉前调 and 民特 cases with their outcomes (case_type, closing_mode) and the case each
comes from (original_case_number: a 民特 its 民诉前调, a 民初 filed after a failed mediation its 民诉前调); a
re-import of the export changes nothing."""

from __future__ import annotations

from datetime import date

from court.cases import services
from court.cases.models import Case, CaseType
from court.mediation import services as med
from court.mediation.models import Mediation
from court.org.models import Role, User
from tests.interchange.conftest import export_cases, import_cases, read_csv

from .conftest import parties


def test_pre_suit_and_special_cases_go_through_the_interchange(tmp_path, assigned, elder, party, filing_officer,
                                                                team, judge, complaint, make_case, village):
    # One settled and confirmed …
    agreement = med.agreement_draw(mediation=assigned, actor=elder, terms="归还借款", on=date(2024, 3, 12))
    plaintiff, defendant = parties(assigned.case)
    other = User.objects.create_user(username="lisi", password="x", role=Role.PARTY)
    defendant.user = other
    defendant.save()
    med.agreement_sign(agreement=agreement, actor=party, party=plaintiff)
    med.agreement_sign(agreement=agreement, actor=other, party=defendant)
    med.confirmation_apply(mediation=assigned, actor=party, party=plaintiff)
    special = med.confirmation_apply(mediation=assigned, actor=other, party=defendant)
    special = services.case_accept(case=special, actor=filing_officer, procedure="simple", team=team,
                                   on=special.submitted_on)
    med.confirmation_decide(case=special, actor=judge, confirmed=True, on=special.filed_on)
    # … one failed and filed.
    second = make_case(state="filed", filed_on=date(2024, 4, 3))
    m2 = med.prefiling_divert(case=second, actor=filing_officer, consent=True, area=village, on=date(2024, 4, 2))
    m2 = med.prefiling_assign(mediation=m2, actor=filing_officer, mediator=elder, on=date(2024, 4, 2))
    filed = med.prefiling_fail(mediation=m2, actor=elder, reason="拒绝", on=date(2024, 4, 9))
    services.case_accept(case=filed, actor=filing_officer, procedure="simple", team=team, on=date(2024, 4, 9))

    out = tmp_path / "cases.csv"
    export_cases(out, "--as-of", "2024-06-01")
    rows = {r["case_number"]: r for r in read_csv(out)}
    pre = Case.objects.get(pk=assigned.case_id)
    pre2 = Case.objects.get(pk=m2.case_id)
    special = Case.objects.get(pk=special.pk)
    filed = Case.objects.get(pk=filed.pk)
    assert (rows[pre.case_number]["case_type"], rows[pre.case_number]["closing_mode"]) == ("民诉前调", "mediation")
    assert (rows[pre2.case_number]["case_type"], rows[pre2.case_number]["closing_mode"]) == ("民诉前调",
                                                                                            "termination")
    assert rows[special.case_number]["case_type"] == "民特" and rows[special.case_number]["closing_mode"] == "other"
    assert rows[special.case_number]["original_case_number"] == pre.case_number
    assert rows[filed.case_number]["case_type"] == "民初"
    assert rows[filed.case_number]["original_case_number"] == pre2.case_number
    assert rows[pre.case_number]["normal_deadline"] == ""  # OMR 24: a pre-suit mediation has no 审限
    before = {c.case_number: (c.case_type, c.closing_mode, c.closed_on, c.net_trial_days if c.closed_on else None)
              for c in Case.objects.all()
              if c.case_number}
    import_cases(out)
    after = {c.case_number: (c.case_type, c.closing_mode, c.closed_on, c.net_trial_days if c.closed_on else None)
              for c in Case.objects.all()
             if c.case_number}
    assert after == before
    assert Mediation.objects.count() == 2 and CaseType.SPECIAL
