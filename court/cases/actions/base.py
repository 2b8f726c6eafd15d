"""What every action on a case has: a form that knows its case and user, what the action is (`ActionSpec`),
and the case facts that decide whether the page offers it (`CaseContext`).

An action is offered when `access.can` grants the user the `Action` it declares and the case's state
machines allow it now; `perform(case, user)` then calls its service in `court.cases.services`
with keyword arguments. The service checks permission and the law again: the page only decides what to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, ClassVar

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from court.org.models import User

from ..access import FILING_STATES, Action, can
from ..bounds import NOTE_MAX_LENGTH, check_date
from ..models import ACTIVE_STATES, Case, Hearing, PeriodKind, ServiceAttempt
from ..term import today

#: The groups of the case page's action panel, in order: (key, heading).
ACTION_GROUPS = [
    ("filing", _("Filing decision")), ("parties", _("Parties and claims")),
    ("applications", _("Answers and applications")),
    ("service", _("Service")), ("hearing", _("Hearings")),
    ("term", _("Mediation, suspension and the term")), ("fees", _("Court fees")), ("closing", _("Closing")),
    ("docket", _("Docket")),
]


@dataclass(frozen=True)
class ActionSpec:
    """What an action is: its slug (URL `/cases/<pk>/<slug>/`, named `case_<slug>`, and form prefix), its
    button label, the message once done, its group on the page, the access Action it needs (the one its
    service requires), and whether it is a step that cannot be undone (shown in red)."""

    slug: str
    label: str | Promise
    done: str | Promise
    group: str
    needs: Action
    danger: bool = False


@dataclass
class CaseContext:
    """What the offer of actions needs to know about one case and one user, each looked up once."""

    case: Case
    user: User
    _perms: dict[Action, bool] = field(default_factory=dict)

    def can(self, action: Action) -> bool:
        if action not in self._perms:
            self._perms[action] = can(self.user, action, self.case)
        return self._perms[action]

    @cached_property
    def transitions(self) -> set[str]:
        return {t.name for t in self.case.get_available_state_transitions()}

    @cached_property
    def procedure_transitions(self) -> set[str]:
        return {t.name for t in self.case.get_available_procedure_transitions()}

    @cached_property
    def has_scheduled_hearing(self) -> bool:
        return scheduled_hearings(self.case).exists()

    @cached_property
    def has_open_attempt(self) -> bool:
        return open_attempts(self.case).exists()

    @cached_property
    def has_running_period(self) -> bool:
        return running_periods(self.case).exists()

    @property
    def in_filing(self) -> bool:
        return self.case.state in FILING_STATES

    @property
    def active(self) -> bool:
        return self.case.state in ACTIVE_STATES


def scheduled_hearings(case: Case):  # type: ignore[no-untyped-def]
    return case.hearings.filter(status=Hearing.Status.SCHEDULED)


def open_attempts(case: Case):  # type: ignore[no-untyped-def]
    """Service attempts whose result is not recorded yet."""
    return case.service_attempts.filter(status__in=[ServiceAttempt.Status.PENDING, ServiceAttempt.Status.SENT])


def running_periods(case: Case):  # type: ignore[no-untyped-def]
    """Excluded periods still running that the docket can end (suspensions end by resuming)."""
    return case.periods.filter(end_on__isnull=True).exclude(kind__in=[PeriodKind.EXTENSION, PeriodKind.SUSPENSION])


def preselect(field: forms.ModelChoiceField) -> None:
    """A choice among the case's own open items: no blank option, so a single item is already chosen."""
    field.empty_label = None


class CaseActionForm(forms.Form):
    """Base of the action forms: knows its case and user; dates default to today.

    A subclass declares `spec`, and either `transition` (the case's state transition it makes, which the
    state machine must allow) or its own `applies`; `perform` calls the service."""

    spec: ClassVar[ActionSpec]
    transition: ClassVar[str] = ""

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        self.case, self.user = case, user
        kwargs.setdefault("prefix", self.spec.slug)
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            if isinstance(f, forms.DateField) and f.required and name not in self.initial:
                f.initial = today
            if isinstance(f, forms.CharField) and f.max_length is None:  # notes, reasons: bounded on the server
                f.max_length = NOTE_MAX_LENGTH
                f.validators.append(MaxLengthValidator(NOTE_MAX_LENGTH))
                f.widget.attrs["maxlength"] = str(NOTE_MAX_LENGTH)

    def clean(self) -> dict[str, Any]:
        """Every date and time of an action lies between bounds.FIRST_YEAR and a year ahead."""
        data = super().clean()
        now = today()
        for name, value in list(data.items()):
            if isinstance(value, (date, datetime)) and name in self.fields:
                try:
                    check_date(value.date() if isinstance(value, datetime) else value, now)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data

    @classmethod
    def permitted(cls, ctx: CaseContext) -> bool:
        return ctx.can(cls.spec.needs)

    @classmethod
    def applies(cls, ctx: CaseContext) -> bool:
        """Whether the case's state machines allow this action now."""
        return cls.transition in ctx.transitions

    @classmethod
    def offered(cls, ctx: CaseContext) -> bool:
        return cls.permitted(ctx) and cls.applies(ctx)

    def perform(self, case: Case, user: User) -> Any:
        """Call the service with the cleaned data; a `CaseRuleError` is the law's refusal."""
        raise NotImplementedError(f"{type(self).__name__} does not say which service it calls")
