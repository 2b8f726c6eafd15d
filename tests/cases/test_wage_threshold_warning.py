"""A warning when the stored provincial wage figure is stale or missing (JI 272): a figure is lawful until a
newer one is published, so this is a note and a system check (tagged 'database'), never a bar.

JI 272: "民事诉讼法第一百六十五条规定的各省、自治区、直辖市上年度就业人员年平均工资，是指已经公布的各省、自治区、直辖市
上一年度就业人员年平均工资。在上一年度就业人员年平均工资公布前，以已经公布的最近年度就业人员年平均工资为准。"
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core import checks

from court.cases import selectors
from court.org.models import Court, WageThreshold


def test_a_figure_older_than_a_publication_cycle_is_flagged(court):
    """The 陕 figure of the fixture took effect 2021-01-01."""
    assert selectors.wage_threshold_warning("陕", date(2021, 12, 1)) is None
    warning = selectors.wage_threshold_warning("陕", date(2024, 3, 1))
    assert warning is not None and "JI 272" in warning and "2021-01-01" in warning
    WageThreshold.objects.create(province="陕", effective_from=date(2024, 1, 20), average_wage=Decimal("99000"))
    assert selectors.wage_threshold_warning("陕", date(2024, 3, 1)) is None


def test_the_system_check_names_each_courts_province(court):
    Court.objects.create(code="晋0105", name="太原市小店区人民法院", province="晋")
    found = selectors.check_wage_thresholds(date(2024, 3, 1))
    assert [w.id for w in found] == ["cases.W002", "cases.W002"]
    assert all(isinstance(w, checks.Warning) for w in found)
    assert any("晋" in w.msg and "CPL 165" in w.msg for w in found)  # no figure at all for 晋
    assert any("陕" in w.msg and "2021-01-01" in w.msg for w in found)  # a stale one for 陕


def test_the_check_is_registered_for_database_runs_only(court):
    assert selectors.check_wage_thresholds_in_database in checks.registry.registry.get_checks()
    assert checks.Tags.database in selectors.check_wage_thresholds_in_database.tags
    assert selectors.check_wage_thresholds_in_database() == []


def test_the_acceptance_form_shows_the_warning(make_case, filing_officer):
    from court.cases.actions.filing import AcceptForm
    from court.cases.term import today

    case = make_case(state="filed")
    form = AcceptForm(case=case, user=filing_officer)
    assert "JI 272" in str(form.fields["procedure"].help_text)
    WageThreshold.objects.create(province="陕", effective_from=today(), average_wage=Decimal("99000"))
    assert not AcceptForm(case=case, user=filing_officer).fields["procedure"].help_text
