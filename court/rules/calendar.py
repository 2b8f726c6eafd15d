"""The official PRC working-day calendar: weekends, public holidays and make-up working days (调休)."""

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache

import chinese_calendar

# A calendar where no working day falls within this many days is broken data, not a long holiday.
_MAX_SCAN_DAYS = 366


class UnknownCalendarYear(LookupError):
    """The working-day calendar of a year is neither in chinese_calendar nor overridden."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"No official working-day calendar is known for {year}: update chinese_calendar "
            f"or enter that year's holidays and make-up working days as overrides."
        )
        self.year = year


@cache
def _package_years() -> frozenset[int]:
    candidates = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    known = set()
    for year in candidates:
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            continue
        known.add(year)
    return frozenset(known)


class WorkdayCalendar:
    """Working days per the State Council holiday notices; `overrides` (date → is working day) win."""

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._override_years = frozenset(d.year for d in self._overrides)

    def known_years(self) -> set[int]:
        """Years this calendar can answer for: the package's years and any year with an override."""
        return set(_package_years() | self._override_years)

    def is_workday(self, d: date) -> bool:
        """True on a working day, including a make-up working day on a weekend."""
        if d in self._overrides:
            return self._overrides[d]
        if d.year in _package_years():
            try:
                return chinese_calendar.is_workday(d)
            except NotImplementedError:
                pass
        if d.year in self._override_years:
            return d.weekday() < 5
        raise UnknownCalendarYear(d.year)

    def next_workday(self, d: date) -> date:
        """`d` if it is a working day, else the first working day after it (CPL 85 para 3)."""
        for _ in range(_MAX_SCAN_DAYS):
            if self.is_workday(d):
                return d
            d += timedelta(days=1)
        raise LookupError(f"No working day within {_MAX_SCAN_DAYS} days before {d}.")

    def add_workdays(self, d: date, n: int) -> date:
        """The date `n` working days after `d` (`d` itself not counted); negative `n` counts back."""
        step = timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        scanned = 0
        while remaining:
            d += step
            scanned += 1
            if self.is_workday(d):
                remaining -= 1
                scanned = 0
            elif scanned > _MAX_SCAN_DAYS:
                raise LookupError(f"No working day within {_MAX_SCAN_DAYS} days of {d}.")
        return d


@cache
def default_calendar() -> WorkdayCalendar:
    """The shared calendar with no overrides."""
    return WorkdayCalendar()
