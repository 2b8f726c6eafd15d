"""The evidence list (证据目录): numbered lines with their files; the count triage reads is derived from it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from court.cases import services
from court.cases.models import CaseEvent, EvidenceItem
from court.cases.services import EvidenceInput

from .conftest import PDF, image_bytes, upload


def _items(n: int, *, files: bool = True) -> list[EvidenceInput]:
    return [EvidenceInput(name=f"证据{i + 1}", source="原告提供", purpose="证明借款事实", pages=1,
                          file=upload(f"e{i}.pdf", PDF) if files else None) for i in range(n)]


def test_the_count_is_derived_from_the_list(recent, party):
    case = recent(state="filed")
    assert case.evidence_items == 3  # typed by the factory: a case without a list keeps its number
    services.evidence_add(case=case, actor=party, items=_items(2))
    case.refresh_from_db()
    assert case.evidence_items == 2
    assert list(case.evidence.values_list("number", "name")) == [(1, "证据1"), (2, "证据2")]
    assert all(e.document.kind == "evidence" and e.document.title == e.name for e in case.evidence.all())
    event = case.events.get(kind=CaseEvent.Kind.EVIDENCE_ADDED)
    assert event.reason == "1. 证据1\n2. 证据2" and event.payload["numbers"] == [1, 2]


def test_before_acceptance_the_filer_edits_and_removes_lines(recent, party):
    case = recent(state="filed")
    first, second, _third = services.evidence_add(case=case, actor=party, items=_items(3, files=False))
    services.evidence_edit(item=first, actor=party, name="借条原件", source="原告", purpose="借款合意", pages=2)
    services.evidence_remove(item=second, actor=party)
    case.refresh_from_db()
    assert case.evidence_items == 2
    assert list(case.evidence.values_list("number", "name")) == [(1, "借条原件"), (2, "证据3")]
    kinds = set(case.events.values_list("kind", flat=True))
    assert {CaseEvent.Kind.EVIDENCE_CHANGED, CaseEvent.Kind.EVIDENCE_REMOVED} <= kinds


def test_after_acceptance_evidence_is_added_as_later_items_only(recent, party, lawyer):
    case = recent()  # accepted
    [item] = services.evidence_add(case=case, actor=lawyer, items=_items(1))
    assert item.late and item.number == 1
    with pytest.raises(services.CaseRuleError) as refused:
        services.evidence_remove(item=item, actor=lawyer)
    assert refused.value.code == "evidence_list_closed"
    with pytest.raises(services.CaseRuleError):
        services.evidence_edit(item=item, actor=party, name="x")


def test_a_stranger_neither_adds_nor_changes(recent, party, stranger):
    case = recent(state="filed")
    [item] = services.evidence_add(case=case, actor=party, items=_items(1, files=False))
    with pytest.raises(PermissionDenied):
        services.evidence_add(case=case, actor=stranger, items=_items(1))
    with pytest.raises(PermissionDenied):
        services.evidence_remove(item=item, actor=stranger)


def test_the_list_is_bounded_and_named(recent, party):
    case = recent(state="filed")
    with pytest.raises(services.CaseRuleError, match="At most 50"):
        services.evidence_add(case=case, actor=party, items=_items(51, files=False))
    with pytest.raises(services.CaseRuleError, match="Name each piece"):
        services.evidence_add(case=case, actor=party, items=[EvidenceInput(name="  ")])
    with pytest.raises(services.CaseRuleError, match="not a PDF"):
        services.evidence_add(case=case, actor=party, items=[EvidenceInput(name="x", file=upload("x.pdf", b"<html>"))])
    assert not EvidenceItem.objects.exists()


def test_an_image_is_evidence_too(recent, party):
    case = recent(state="filed")
    [item] = services.evidence_add(case=case, actor=party, items=[
        EvidenceInput(name="转账截图", file=upload("IMG_0001.jpg", image_bytes("JPEG"), "image/jpeg"))])
    assert item.document.content_type == "image/jpeg"
