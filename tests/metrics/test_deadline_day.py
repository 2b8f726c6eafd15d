"""A case closed ON its normal deadline is within the term (interchange.md: closed_on <= deadline)."""

from __future__ import annotations

from datetime import date, timedelta

from court.metrics import engine


def test_closing_on_the_deadline_day_counts_as_within(old_case, court):
    filed = date(2023, 3, 10)
    deadline = old_case(filed, as_of=date(2023, 4, 1)).normal_deadline  # the term clock's own deadline
    on_time = old_case(filed, deadline)
    late = old_case(filed, deadline + timedelta(days=1))
    assert on_time.within_normal_term is True and late.within_normal_term is False
    window = engine.Window(deadline, deadline)
    assert engine.figures(engine.Filters(court_id=court.pk), window)["in_normal_term_rate"] == 1.0
    window = engine.Window(deadline, deadline + timedelta(days=1))
    assert engine.figures(engine.Filters(court_id=court.pk), window)["in_normal_term_rate"] == 0.5
