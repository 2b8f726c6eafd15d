"""The calendar's ranges: a week (Monday to Sunday) or a month (whole weeks, Monday first) around a day, the
days of the grid, the previous and next ranges. Pure date arithmetic; bounded by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WEEK, MONTH = "week", "month"
VIEWS = (WEEK, MONTH)


@dataclass(frozen=True)
class Range:
    view: str
    anchor: date  # the Monday of the week, or the first of the month
    first: date  # the first day shown (a Monday)
    last: date  # the last day shown (a Sunday)
    previous: date
    next: date

    @property
    def weeks(self) -> list[list[date]]:
        days = [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]
        return [days[i:i + 7] for i in range(0, len(days), 7)]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def calendar_range(view: str, day: date) -> Range:
    """The week or the month that contains `day`."""
    if view == WEEK:
        monday = _monday(day)
        return Range(WEEK, monday, monday, monday + timedelta(days=6), monday - timedelta(days=7),
                     monday + timedelta(days=7))
    first_of_month = day.replace(day=1)
    next_month = _add_months(first_of_month, 1)
    last_of_month = next_month - timedelta(days=1)
    return Range(MONTH, first_of_month, _monday(first_of_month), _monday(last_of_month) + timedelta(days=6),
                 _add_months(first_of_month, -1), next_month)
