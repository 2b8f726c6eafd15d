"""The dashboard's window and filters, read from the query string."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from court.cases import bounds
from court.cases.models import Cause, Procedure
from court.org.models import Role, Team, User
from court.rules.terms import add_months

from .access import MetricsScope
from .population import Window

PRESETS = (("this_year", _("This year")), ("last_year", _("Last year")), ("2023", "2023"))
COMPARE = (("last_year", _("the same period last year")), ("previous", _("the period before")))
FROM_AFTER_TO = _("The start date (from) must not be after the end date (to).")
#: The period a request may ask for: years FIRST_YEAR … next year, at most MAX_YEARS years long (a longer one
#: held a core for minutes and rendered a page of megabytes).
FIRST_YEAR = bounds.FIRST_YEAR
MAX_YEARS = 10
YEAR_OUT_OF_RANGE = _("Give a date from %(first)s to %(last)s.")
PERIOD_TOO_LONG = _("The period may be at most %(years)s years long.")
BAD_MONTH = _("Give the month as YYYY-MM, from %(first)s to %(last)s.")
UNASSIGNED = "none"


def last_year(today: date) -> int:
    return today.year + 1


def check_period(start: date, end: date, today: date) -> None:
    """Refuse a period outside FIRST_YEAR … next year or longer than MAX_YEARS years (forms.ValidationError)."""
    for day in (start, end):
        if not FIRST_YEAR <= day.year <= last_year(today):
            raise forms.ValidationError(YEAR_OUT_OF_RANGE, code="year_out_of_range",
                                        params={"first": FIRST_YEAR, "last": last_year(today)})
    if end >= add_months(start, 12 * MAX_YEARS):
        raise forms.ValidationError(PERIOD_TOO_LONG, code="period_too_long", params={"years": MAX_YEARS})


def month_start(text: str, today: date) -> date:
    """The first day of the month `text` (YYYY-MM) within the bounds; ValueError with the message otherwise."""
    try:
        first = date.fromisoformat(text + "-01")
    except ValueError:
        first = None
    if first is None or not FIRST_YEAR <= first.year <= last_year(today):
        raise ValueError(str(BAD_MONTH % {"first": FIRST_YEAR, "last": last_year(today)}))
    return first


def preset_window(preset: str, today: date) -> Window:
    if preset == "last_year":
        return Window(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    if preset.isdigit():
        return Window(date(int(preset), 1, 1), date(int(preset), 12, 31))
    return Window(date(today.year, 1, 1), today)


class MetricsForm(forms.Form):
    """`from`, `to` (or a `preset`), and the team, judge, cause and procedure filters."""

    preset = forms.ChoiceField(label=_("Preset"), choices=(("", "—"), *PRESETS), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    judge = forms.ChoiceField(label=_("Judge"), required=False)
    cause = forms.ModelChoiceField(label=_("Cause"), queryset=Cause.objects.all(), required=False)
    procedure = forms.ChoiceField(label=_("Procedure"), choices=(("", "—"), *Procedure.choices), required=False)
    compare = forms.ChoiceField(label=_("Compare with"), choices=COMPARE, required=False)

    def __init__(self, *args: Any, scope: MetricsScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields = {
            "from": forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})),
            "to": forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})),
            **self.fields,
        }
        teams = Team.objects.all()
        judges = User.objects.filter(role=Role.JUDGE)
        if scope.court_id is not None:
            teams, judges = teams.filter(court_id=scope.court_id), judges.filter(court_id=scope.court_id)
        if scope.team_id is not None:
            teams, judges = teams.filter(pk=scope.team_id), judges.filter(team_id=scope.team_id)
        none = (UNASSIGNED, _("(unassigned)"))
        team_choices = [(str(t.pk), t.name) for t in teams]
        self.fields["team"].choices = team_choices if scope.team_id is not None else [("", "—"), *team_choices, none]
        self.fields["judge"].choices = [("", "—"), *((str(u.pk), str(u)) for u in judges), none]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = timezone.localdate()
        if data.get("preset"):
            window = preset_window(data["preset"], today)
        else:
            default = preset_window("this_year", today)
            start, end = data.get("from") or default.start, data.get("to") or default.end
            if start > end:
                raise forms.ValidationError(FROM_AFTER_TO, code="from_after_to")
            check_period(start, end, today)
            window = Window(start, end)
        data["window"] = window
        data["compare"] = data.get("compare") or "last_year"
        # Show the applied period in the date inputs (a preset or an empty input applies a window too).
        shown = self.data.copy()
        shown["from"], shown["to"] = window.start.isoformat(), window.end.isoformat()
        shown.pop("preset", None)
        self.data = shown
        return data

    def filter_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        cause = data.get("cause")
        return {"team_id": _int_or_none(data.get("team")), "judge_id": _int_or_none(data.get("judge")),
                "cause_id": cause.pk if cause else None, "procedure": data.get("procedure") or None}

    def query_params(self) -> dict[str, str]:
        """The canonical query string of this selection (window as from/to)."""
        data = self.cleaned_data
        window: Window = data["window"]
        params = {"from": window.start.isoformat(), "to": window.end.isoformat()}
        for name in ("team", "judge", "procedure"):
            if data.get(name):
                params[name] = data[name]
        if data.get("cause"):
            params["cause"] = str(data["cause"].pk)
        if data.get("compare", "last_year") != "last_year":
            params["compare"] = data["compare"]
        return params


def _int_or_none(value: str | None) -> int | str | None:
    if not value:
        return None
    return UNASSIGNED if value == UNASSIGNED else int(value)
