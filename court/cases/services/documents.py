"""The electronic case file (电子卷宗; OLR 11) and the evidence list (证据目录; CPL 67).

A document is checked by its content (`court.cases.uploads.check_upload`: PDF and images only, size-capped),
stored through `STORAGES["case_files"]` under a random name, and recorded with its event in one transaction;
if that transaction rolls back, the stored file is deleted again (`atomic_with_files`), so no file outlives
its row. The evidence list derives `Case.evidence_items`, the count triage reads (`Case.count_evidence`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User

from ..access import FILING_STATES, NOT_ALLOWED, Action, is_external, require
from ..bounds import (
    DOCUMENTS_PER_CASE_MAX,
    EVIDENCE_PER_CASE_MAX,
    EVIDENCE_PER_UPLOAD_MAX,
    EVIDENCE_TEXT_MAX_LENGTH,
)
from ..models import Case, CaseDocument, CaseFileStorage, DocumentKind, EvidenceItem
from ..uploads import UploadRefused, check_upload
from .base import (CaseRuleError, K, check_choice, check_length, check_not_archived, check_not_future, day_or_today,
                   locked, log_event)

TOO_MANY_DOCUMENTS = gettext_noop("A case file holds at most %(limit)s documents.")
TOO_MANY_EVIDENCE = gettext_noop("The evidence list holds at most %(limit)s items.")
TOO_MANY_AT_ONCE = gettext_noop("At most %(limit)s evidence items can be submitted at once.")
EVIDENCE_NEEDS_NAME = gettext_noop("Name each piece of evidence (名称).")
EVIDENCE_LIST_CLOSED = gettext_noop(
    "The evidence list can be changed only before the case is accepted; add further evidence as a new item."
)
NOT_YOUR_EVIDENCE = gettext_noop("Only whoever listed this evidence can change it.")
NO_EVIDENCE_GIVEN = gettext_noop("List at least one piece of evidence.")

#: The names stored by the enclosing `atomic_with_files` block (None outside one).
_STORED: ContextVar[list[str] | None] = ContextVar("case_files_stored", default=None)


@dataclass
class EvidenceInput:
    """One line of the evidence list as the services take it; `file` is an uploaded file or None."""

    name: str
    source: str = ""
    purpose: str = ""
    pages: int | None = None
    file: Any = None


def storage() -> CaseFileStorage:
    return CaseFileStorage()


@contextmanager
def atomic_with_files() -> Iterator[None]:
    """A transaction whose stored case files are deleted again if it does not commit. Nested blocks share the
    outermost block's list and clean up what they stored when they themselves roll back."""
    outer = _STORED.get()
    names: list[str] = outer if outer is not None else []
    token = _STORED.set(names) if outer is None else None
    start = len(names)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        _remove(names[start:])
        del names[start:]
        raise
    finally:
        if token is not None:
            _STORED.reset(token)


def _remove(names: Sequence[str]) -> None:
    for name in names:
        with suppress(OSError):
            storage().delete(name)


def _refusal(exc: UploadRefused) -> CaseRuleError:
    return CaseRuleError(exc.message, code=exc.code, params=exc.params)


def _store(case: Case, actor: User | None, *, kind: str, title: str, file: Any, internal: bool = False) -> CaseDocument:
    """Check `file` by content and size, store it under a random name and create its row (no event)."""
    try:
        checked = check_upload(file)
    except UploadRefused as exc:
        raise _refusal(exc) from None
    if case.documents.count() >= DOCUMENTS_PER_CASE_MAX:
        raise CaseRuleError(TOO_MANY_DOCUMENTS, code="too_many_documents", params={"limit": DOCUMENTS_PER_CASE_MAX})
    key = uuid.uuid4().hex
    content = file if isinstance(file, File) else File(file, name=key)
    name = storage().save(f"{key[:2]}/{key}", content)
    stored = _STORED.get()
    if stored is not None:
        stored.append(name)
    title = (title or "").strip()[:200] or checked.original_name[:200]
    return CaseDocument.objects.create(
        case=case, kind=kind, title=title, file=name, original_name=checked.original_name, size=checked.size,
        content_type=checked.content_type, sha256=checked.sha256, internal=internal, uploaded_by=actor)


def document_upload(*, case: Case, actor: User | None, kind: str, title: str, file: Any, internal: bool = False,
                    on: date | None = None) -> CaseDocument:
    """OLR 11: a party, a lawyer or the court puts a document into the case file. `internal` documents are the
    court's own (never shown to parties, lawyers or outside mediators) and only court staff add them."""
    with atomic_with_files():
        case = locked(case)
        check_not_archived(case)
        require(actor, Action.ADD_DOCUMENT, case)
        if internal and actor is not None and is_external(actor):
            raise PermissionDenied(_(NOT_ALLOWED))
        on = day_or_today(on)
        check_not_future(on)
        check_choice(_("kind of document"), kind, DocumentKind.values)
        doc = _store(case, actor, kind=kind, title=title, file=file, internal=internal)
        log_event(case, K.INTERNAL_DOCUMENT_ADDED if internal else K.DOCUMENT_ADDED, actor=actor, on=on,
                  reason=doc.title, basis="OLR 11", document=doc.pk, kind=doc.kind, size=doc.size,
                  sha256=doc.sha256)
    return doc


def _check_item(item: EvidenceInput) -> None:
    if not item.name.strip():
        raise CaseRuleError(EVIDENCE_NEEDS_NAME, code="evidence_needs_name")
    check_length(_("name of the evidence"), item.name, 200)
    check_length(_("source"), item.source, 200)
    check_length(_("what it proves"), item.purpose, EVIDENCE_TEXT_MAX_LENGTH)


def evidence_add(*, case: Case, actor: User | None, items: Sequence[EvidenceInput],
                 on: date | None = None) -> list[EvidenceItem]:
    """CPL 67, OLR 11: evidence listed (名称, 来源, 证明目的, pages), each with its file in the case file. With the
    complaint, or later as further items (`late`); one event for the submission. Derives the case's count."""
    with atomic_with_files():
        case = locked(case)
        check_not_archived(case)
        require(actor, Action.ADD_DOCUMENT, case)
        on = day_or_today(on)
        check_not_future(on)
        if not items:
            raise CaseRuleError(NO_EVIDENCE_GIVEN, code="no_evidence")
        if len(items) > EVIDENCE_PER_UPLOAD_MAX:
            raise CaseRuleError(TOO_MANY_AT_ONCE, code="too_many_at_once", params={"limit": EVIDENCE_PER_UPLOAD_MAX})
        if case.evidence.count() + len(items) > EVIDENCE_PER_CASE_MAX:
            raise CaseRuleError(TOO_MANY_EVIDENCE, code="too_many_evidence", params={"limit": EVIDENCE_PER_CASE_MAX})
        for item in items:
            _check_item(item)
        number = (case.evidence.aggregate(n=Max("number"))["n"] or 0) + 1
        late = case.state not in FILING_STATES
        created = []
        for offset, item in enumerate(items):
            doc = (_store(case, actor, kind=DocumentKind.EVIDENCE, title=item.name, file=item.file)
                   if item.file is not None else None)
            created.append(EvidenceItem.objects.create(
                case=case, number=number + offset, name=item.name.strip(), source=item.source.strip(),
                purpose=item.purpose.strip(), pages=item.pages, document=doc, added_by=actor, late=late))
        _recount(case)
        log_event(case, K.EVIDENCE_ADDED, actor=actor, on=on, basis="CPL 67; OLR 11",
                  reason="\n".join(str(e) for e in created), numbers=[e.number for e in created],
                  documents=[e.document_id for e in created if e.document_id], late=late)
    return created


def _recount(case: Case) -> None:
    case.count_evidence()
    case.save()


def _changeable(item: EvidenceItem, actor: User | None) -> Case:
    case = locked(item.case)
    require(actor, Action.ADD_DOCUMENT, case)
    if case.state not in FILING_STATES:
        raise CaseRuleError(EVIDENCE_LIST_CLOSED, code="evidence_list_closed")
    if actor is not None and is_external(actor) and actor.pk not in (item.added_by_id, case.filed_by_id):
        raise PermissionDenied(_(NOT_YOUR_EVIDENCE))
    return case


def evidence_edit(*, item: EvidenceItem, actor: User | None, name: str, source: str = "", purpose: str = "",
                  pages: int | None = None, on: date | None = None) -> EvidenceItem:
    """Before acceptance the filer corrects a line of the list (its file stays in the case file)."""
    with transaction.atomic():
        case = _changeable(item, actor)
        on = day_or_today(on)
        check_not_future(on)
        _check_item(EvidenceInput(name=name, source=source, purpose=purpose))
        item.name, item.source, item.purpose, item.pages = name.strip(), source.strip(), purpose.strip(), pages
        item.save()
        log_event(case, K.EVIDENCE_CHANGED, actor=actor, on=on, reason=str(item), number=item.number)
    return item


def evidence_remove(*, item: EvidenceItem, actor: User | None, on: date | None = None) -> None:
    """Before acceptance the filer withdraws a line of the list; the lines after it move up, the count follows.
    Its file stays in the case file: nothing submitted to the court is lost."""
    with transaction.atomic():
        case = _changeable(item, actor)
        on = day_or_today(on)
        check_not_future(on)
        number, text = item.number, str(item)
        item.delete()
        for later in case.evidence.filter(number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])
        _recount(case)
        log_event(case, K.EVIDENCE_REMOVED, actor=actor, on=on, reason=text, number=number)
