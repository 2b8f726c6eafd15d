"""The docket's cause filter (about 1,500 causes) is written by `forms.LongSelect` instead of a template per
option: the same options, labels and selection as Django's `forms.Select` (issue 15: the docket's time)."""

from __future__ import annotations

import re

import pytest
from django import forms

from court.cases.forms import DocketFilterForm, LongSelect


def _options(html: str) -> list[tuple[str, bool, str]]:
    return [(value, bool(selected), label) for value, selected, label in
            re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)]


def _both(data, user) -> tuple[str, str]:
    form = DocketFilterForm(data, user=user)
    form.is_valid()
    ours = str(form["cause"])
    form.fields["cause"].widget = forms.Select(choices=form.fields["cause"].choices)
    return ours, str(form["cause"])


@pytest.mark.parametrize("chosen", [False, True])
def test_the_cause_filter_lists_the_same_options_as_a_django_select(chosen, judge, cause):
    assert isinstance(DocketFilterForm(user=judge).fields["cause"].widget, LongSelect)
    data = {"cause": str(cause.pk)} if chosen else None
    ours, django = _both(data, judge)
    assert len(_options(ours)) > 1 and _options(ours) == _options(django)
    assert [label for _value, selected, label in _options(ours) if selected] == ([cause.name] if chosen else ["Any"])
    assert ours.startswith('<select name="cause"') and 'id="id_cause"' in ours


def test_a_cause_name_is_escaped(judge, cause):
    cause.name = "<b>借款</b> & 利息"
    cause.save()
    ours, _django = _both(None, judge)
    assert "&lt;b&gt;借款&lt;/b&gt; &amp; 利息" in ours and "<b>" not in ours
