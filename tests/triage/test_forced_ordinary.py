"""Training's "forced to ordinary" rows are exactly the rows court.rules.procedure bars from simple procedure."""

from __future__ import annotations

from court.rules.procedure import simple_procedure_bars
from triage import rules
from triage.train import forced_ordinary

from .synth import synth_frame


def test_forced_rows_are_those_with_a_ji_257_bar():
    frame = synth_frame(600, seed=3)
    frame.loc[::7, "defendants"] = 12  # JI 257(3): ten or more on one side
    frame.loc[::11, "plaintiffs"] = 10
    frame.loc[::13, "plaintiffs"] = 9  # nine is not "numerous" (JI 75)
    expected = [bool(simple_procedure_bars(rules.facts_from_row(row))) for row in frame.to_dict("records")]
    assert forced_ordinary(frame).tolist() == expected
    assert 0 < sum(expected) < len(expected)
