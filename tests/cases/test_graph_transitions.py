"""`graph_transitions_mermaid` draws every django-fsm transition, and docs/state-machines.md is up to date."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from court.cases.management.commands.graph_transitions_mermaid import HEADER, MACHINES, machine_edges, render_all

DOC = Path(settings.BASE_DIR) / "docs" / "state-machines.md"


def _output(*args: str) -> str:
    out = StringIO()
    call_command("graph_transitions_mermaid", *args, stdout=out)
    return out.getvalue()


def test_every_transition_of_every_machine_is_drawn():
    text = _output()
    for model, field_name in MACHINES:
        field = model._meta.get_field(field_name)
        transitions = list(field.get_all_transitions(model))
        assert transitions, f"{model.__name__}.{field_name}"
        assert f"## {model.__name__}.{field_name}" in text
        for transition in transitions:
            assert f" : {transition.name}" in text, transition.name
        for source, target, name in machine_edges(model, field_name):
            assert f"    {source} --> {target} : {name}" in text
    assert text.count("stateDiagram-v2") == len(MACHINES)


def test_return_value_transitions_draw_each_allowed_target():
    edges = {(s, t) for s, t, n in machine_edges(*MACHINES[0]) if n == "resume"}
    assert {("suspended", "heard"), ("suspended", "service"), ("suspended", "mediation")} <= edges


def test_it_writes_a_markdown_file_with_a_header(tmp_path):
    target = tmp_path / "docs" / "machines.md"
    _output("--out", str(target))
    assert target.read_text(encoding="utf-8") == f"{HEADER}\n\n{render_all()}"


def test_the_documented_diagrams_match_the_code():
    assert DOC.read_text(encoding="utf-8") == f"{HEADER}\n\n{render_all()}"
