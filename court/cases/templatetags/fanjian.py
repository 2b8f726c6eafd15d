"""Display helpers for the case pages: money in yuan, ISO dates, term alerts, legal bases, states."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from ..articles import basis_display
from ..models import CaseState, Procedure

register = template.Library()


@register.filter
def yuan(value: Decimal | int | str | None) -> str:
    """`30000` → `30,000.00 yuan` (two decimals, Decimal arithmetic, never float)."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    return _("%(amount)s yuan") % {"amount": f"{amount:,.2f}"}


@register.filter
def iso(value: date | datetime | None) -> str:
    """A date as YYYY-MM-DD, a datetime as YYYY-MM-DD HH:MM in the court's time zone."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


ALERT_LABELS = {
    "overdue": ("badge-danger", gettext_noop("Overdue")),
    "window": ("badge-warn", gettext_noop("Extension window")),
    "suspended": ("badge-muted", gettext_noop("Suspended")),
}


@register.simple_tag
def alert_badge(alert: str | None) -> str:
    if not alert or alert not in ALERT_LABELS:
        return ""
    css, label = ALERT_LABELS[alert]
    return format_html('<span class="badge {}">{}</span>', css, _(label))


@register.filter
def days_class(days: int | None) -> str:
    """CSS class for a days-left figure: red when overdue, amber within the 15-day window (TL2019 Art. 1)."""
    if days is None:
        return ""
    if days < 0:
        return "neg"
    if days <= 15:
        return "warn"
    return ""


@register.filter
def basis(value: str | None) -> str:
    """A stored legal basis ("CPL 126; REG2015 Art. 8") in the reader's language."""
    return basis_display(value or "", get_language())


@register.filter
def state_label(value: str | None) -> str:
    """A case state or procedure code from the event log as its label; other codes as stored."""
    if not value:
        return ""
    for choices in (CaseState, Procedure):
        if value in choices.values:
            return str(choices(value).label)
    return value
