"""The drafts service: a complaint prepared step by step and saved on the server (`FilingDraft`), its evidence
files (`DraftFile`, checked like every case document by `court.cases.uploads.check_upload`), and its submission.

- Saving carries the version the filer's page was showing: a stale tab (an older version) is refused, never
  allowed to overwrite a newer save.
- Bounded: at most `OPEN_DRAFTS_MAX` open drafts per filer, `DATA_MAX_BYTES` of typed text per draft, and the
  evidence lines one submission takes (`EVIDENCE_PER_UPLOAD_MAX`).
- Submitting is idempotent: the draft row is locked (`select_for_update`), a draft already filed returns its
  case, and the draft is claimed by a conditional update, so that two requests racing past the lock (SQLite has
  no row locks) still file once. The complaint and its evidence files are one `atomic_with_files` transaction.
"""

from __future__ import annotations

import json
import uuid
from contextlib import suppress
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases import services
from court.cases.bounds import EVIDENCE_PER_UPLOAD_MAX
from court.cases.models import Case, CaseFileStorage
from court.cases.term import today
from court.cases.uploads import UploadRefused, check_upload
from court.org.models import Role, User

from ..models import DraftFile, FilingDraft
from . import steps

OPEN_DRAFTS_MAX = 20
DATA_MAX_BYTES = 256 * 1024

ONLY_PARTIES_FILE = gettext_noop("Only parties and lawyers file complaints online.")
TOO_MANY_DRAFTS = gettext_noop(
    "You have %(limit)s drafts open: submit or delete one of them before you start another.")
DRAFT_TOO_LARGE = gettext_noop(
    "This draft is too long to save (at most %(kb)s KB of text): shorten the facts or the claims.")
DRAFT_CHANGED = gettext_noop(
    "This draft was saved from another window or tab since this page was opened. Nothing was overwritten: "
    "reload the page to see the newer version, or save again to keep what is typed here.")
DRAFT_SUBMITTED = gettext_noop("This complaint was submitted already; its draft can no longer be changed.")
TOO_MANY_FILES = gettext_noop("A complaint takes at most %(limit)s pieces of evidence at once.")
UNKNOWN_STEP = gettext_noop("There is no such step.")
DRAFT_INCOMPLETE = gettext_noop("Some steps are not complete yet: correct them before submitting.")


class DraftIncomplete(services.CaseRuleError):
    """Submission refused: `complaint` says which steps are not valid."""

    def __init__(self, complaint: steps.Complaint):
        super().__init__(DRAFT_INCOMPLETE, code="incomplete")
        self.complaint = complaint


def _require_filer(user: User) -> None:
    if user.is_superuser or user.role not in (Role.PARTY, Role.LAWYER):
        raise PermissionDenied(_(ONLY_PARTIES_FILE))


def open_drafts(user: User) -> Any:
    return FilingDraft.objects.filter(owner=user, case__isnull=True)


def draft_start(*, owner: User) -> FilingDraft:
    """A new, empty draft (at most `OPEN_DRAFTS_MAX` open at once)."""
    _require_filer(owner)
    with transaction.atomic():
        if open_drafts(owner).count() >= OPEN_DRAFTS_MAX:
            raise services.CaseRuleError(TOO_MANY_DRAFTS, code="too_many_drafts", params={"limit": OPEN_DRAFTS_MAX})
        return FilingDraft.objects.create(owner=owner, step=steps.COURT)


def _refuse_change(draft: FilingDraft) -> None:
    if draft.case_id is not None:
        raise services.CaseRuleError(DRAFT_SUBMITTED, code="submitted")


def draft_save(*, draft: FilingDraft, owner: User, step: str, data: dict[str, str], version: int | None) -> int:
    """Store what was typed in `step` (strings as typed) and return the new version. Refused (`CaseRuleError`)
    with code `stale` when `version` is not the stored one, `submitted` after submission, `too_large` over the
    size cap. `version=None` saves whatever the stored version (a deliberate overwrite)."""
    _require_filer(owner)
    if step not in steps.STEPS:
        raise services.CaseRuleError(UNKNOWN_STEP, code="unknown_step")
    with transaction.atomic():
        current = FilingDraft.objects.select_for_update().get(pk=draft.pk, owner=owner)
        _refuse_change(current)
        if version is not None and version != current.version:
            raise services.CaseRuleError(DRAFT_CHANGED, code="stale")
        merged = {**current.data, step: {str(k)[:100]: str(v) for k, v in data.items()}}
        if len(json.dumps(merged, ensure_ascii=False).encode()) > DATA_MAX_BYTES:
            raise services.CaseRuleError(DRAFT_TOO_LARGE, code="too_large", params={"kb": DATA_MAX_BYTES // 1024})
        FilingDraft.objects.filter(pk=current.pk).update(data=merged, step=step, version=F("version") + 1,
                                                         updated_at=timezone.now())
        current.refresh_from_db()
    draft.data, draft.step, draft.version, draft.updated_at = current.data, current.step, current.version, \
        current.updated_at
    return current.version


def _delete_stored(names: list[str]) -> None:
    for name in names:
        with suppress(OSError):
            CaseFileStorage().delete(name)


def draft_delete(*, draft: FilingDraft, owner: User) -> None:
    """Delete an open draft and its files (a submitted draft stays: it records what was filed)."""
    _require_filer(owner)
    with transaction.atomic():
        current = FilingDraft.objects.select_for_update().get(pk=draft.pk, owner=owner)
        _refuse_change(current)
        names = [n for n in current.files.values_list("file", flat=True) if n]
        current.delete()
        transaction.on_commit(lambda: _delete_stored(names))


def draft_file_add(*, draft: FilingDraft, owner: User, name: str, source: str = "", purpose: str = "",
                   pages: int | None = None, file: Any) -> DraftFile:
    """An evidence line with its file: checked by content and size (`check_upload`, as for every case document)
    and stored through the case-file storage under a random name."""
    _require_filer(owner)
    try:
        checked = check_upload(file)
    except UploadRefused as exc:
        raise services.CaseRuleError(exc.message, code=exc.code, params=exc.params) from None
    if not name.strip():
        raise services.CaseRuleError(services.EVIDENCE_NEEDS_NAME, code="evidence_needs_name")
    stored: list[str] = []
    try:
        with transaction.atomic():
            current = FilingDraft.objects.select_for_update().get(pk=draft.pk, owner=owner)
            _refuse_change(current)
            count = current.files.count()
            if count >= EVIDENCE_PER_UPLOAD_MAX:
                raise services.CaseRuleError(TOO_MANY_FILES, code="too_many_files",
                                             params={"limit": EVIDENCE_PER_UPLOAD_MAX})
            key = uuid.uuid4().hex
            content = file if isinstance(file, File) else File(file, name=key)
            stored.append(CaseFileStorage().save(f"drafts/{key[:2]}/{key}", content))
            position = (current.files.order_by("-position").values_list("position", flat=True).first() or 0) + 1
            return DraftFile.objects.create(
                draft=current, position=position, name=name.strip()[:200], source=source.strip()[:200],
                purpose=purpose.strip()[:1000], pages=pages, file=stored[0], original_name=checked.original_name,
                size=checked.size, content_type=checked.content_type, sha256=checked.sha256)
    except BaseException:
        _delete_stored(stored)
        raise


def draft_file_remove(*, item: DraftFile, owner: User) -> None:
    """Take an evidence line (and its file) out of an open draft."""
    _require_filer(owner)
    with transaction.atomic():
        current = FilingDraft.objects.select_for_update().get(pk=item.draft_id, owner=owner)
        _refuse_change(current)
        name = item.file.name
        item.delete()
        if name:
            transaction.on_commit(lambda: _delete_stored([name]))


class _FiledMeanwhile(Exception):
    """Another request claimed the draft between our lock and our update (no row locks on SQLite)."""


def draft_submit(*, draft: FilingDraft, owner: User, on: date | None = None) -> tuple[Case, bool]:
    """File the draft once: (the case, True) the first time; (the same case, False) for every repeat — Back and
    submit again, a double click, a retried request. The draft's files become the case's evidence through
    `evidence_add`, in the same transaction as `case_submit`; then the draft is read-only."""
    _require_filer(owner)
    on = on or today()
    try:
        with services.atomic_with_files():
            current = FilingDraft.objects.select_for_update().get(pk=draft.pk, owner=owner)
            if current.case_id is not None:
                return current.case, False
            complaint = steps.complaint_of(current, owner, on)
            if not complaint.complete:
                raise DraftIncomplete(complaint)
            court = complaint.forms[steps.COURT]["form"].cleaned_data["court"]
            case = services.case_submit(court=court, filing=complaint.filing_input(), actor=owner, on=on)
            lines = list(current.files.order_by("position", "id"))
            # Each stored file under the name it was uploaded with, as the case document's name.
            opened = {line.pk: File(CaseFileStorage().open(line.file.name, "rb"), name=line.original_name)
                      for line in lines if line.file}
            try:
                items = [services.EvidenceInput(name=line.name, source=line.source, purpose=line.purpose,
                                                pages=line.pages, file=opened.get(line.pk)) for line in lines]
                if items:
                    services.evidence_add(case=case, actor=owner, items=items, on=case.submitted_on)
            finally:
                for handle in opened.values():
                    handle.close()
            claimed = FilingDraft.objects.filter(pk=current.pk, case__isnull=True).update(
                case=case, submitted_at=timezone.now(), step=steps.REVIEW, updated_at=timezone.now())
            if not claimed:
                raise _FiledMeanwhile
            # The files are in the case file now: the draft keeps its lines, not a second copy of each file.
            names = [line.file.name for line in lines if line.file]
            DraftFile.objects.filter(draft=current).update(file="")
            transaction.on_commit(lambda: _delete_stored(names))
    except _FiledMeanwhile:
        current = FilingDraft.objects.select_related("case").get(pk=draft.pk)
        return current.case, False
    return case, True
