"""Issuing the court's documents: templates by version, generation into the case file, service in one step.

* `template_save` adds a version (the only way a template changes; older versions stay, and so does every
  document issued from them).
* `document_generate` checks who may issue the kind (`kinds.SPECS[kind].issuers` through `court.cases.access`) and
  whether the case has what the document records, renders the active version to PDF, and files it through
  `court.cases.services.document_upload` (a court notice, not internal: the parties read it), with an
  `IssuedDocument` row naming the template version.
* `document_serve` does that and sends it through `court.cases.services.service_send` in one transaction; the
  issued document names the service attempt that served it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.cases import services as case_services
from court.cases.access import NOT_ALLOWED, Action, can
from court.cases.models import (
    Case,
    CaseDocument,
    CaseState,
    ClosingMode,
    DocumentKind,
    FeeNotice,
    Hearing,
    Party,
    Procedure,
    ServiceAttempt,
)
from court.cases.services import CaseRuleError
from court.cases.services.base import check_not_future, day_or_today, local_day, locked
from court.org.models import User

from . import defaults_en, defaults_zh, engine, render
from .facts import document_facts
from .kinds import PER_PARTY, SPECS
from .models import DocumentTemplate, IssuedDocument, TemplateKind, TemplateLanguage

T = TemplateKind
DEFAULTS = {TemplateLanguage.CHINESE: defaults_zh.TEMPLATES, TemplateLanguage.ENGLISH: defaults_en.TEMPLATES}
#: CPL 139: "应当在开庭三日前通知当事人和其他诉讼参与人".
SUMMONS_DAYS_BEFORE = 3

UNKNOWN_KIND = gettext_noop("Unknown kind of document “%(kind)s”.")
NOT_ACCEPTED = gettext_noop("The case has not been accepted (立案): it has no case number to print yet.")
NOT_REJECTED = gettext_noop("CPL 126: the ruling not to accept is issued for a complaint that was refused.")
NOT_CONVERTED = gettext_noop("JI 258: the ruling of conversion records a conversion to ordinary procedure; "
                             "there has been none.")
NOT_WITHDRAWN = gettext_noop("CPL 148: the ruling permitting withdrawal is issued once the case was closed by "
                             "withdrawal.")
NEEDS_HEARING = gettext_noop("Choose the hearing the document is about.")
HEARING_NOT_SCHEDULED = gettext_noop("The hearing is not scheduled (it was held, adjourned or cancelled).")
SUMMONS_TOO_LATE = gettext_noop("CPL 139: the parties are notified three days before the hearing; a summons for a "
                                "hearing on %(date)s can no longer be issued under ordinary procedure.")
NEEDS_ATTEMPT = gettext_noop("Choose the service attempt the proof is about.")
NEEDS_E_SERVICE = gettext_noop("OLR 31: a proof of electronic service is made for a document served electronically "
                               "and recorded as served.")
NEEDS_PARTY = gettext_noop("Choose the party the document is addressed to.")
NOT_OF_THIS_CASE = gettext_noop("The %(what)s does not belong to this case.")
NOT_SERVABLE = gettext_noop("A %(kind)s is kept in the case file, not served.")
TEMPLATE_BROKEN = gettext_noop("The template “%(title)s” (version %(version)s) cannot be printed: %(error)s")


def language_of(value: str | None) -> str:
    """zh-hans or en (the languages templates exist in): the given one, else the active language."""
    value = (value or translation.get_language() or TemplateLanguage.CHINESE).lower()
    return TemplateLanguage.ENGLISH if value.startswith("en") else TemplateLanguage.CHINESE


# Templates -------------------------------------------------------------------------------------------------------

@transaction.atomic
def template_save(*, kind: str, language: str, title: str, body: str, actor: User | None,
                  note: str = "") -> DocumentTemplate:
    """A new active version of the template of `kind` in `language`; the version it replaces stays, inactive."""
    if kind not in T.values:
        raise ValidationError(_(UNKNOWN_KIND) % {"kind": kind}, code="kind")
    engine.check(body)
    rows = DocumentTemplate.objects.select_for_update().filter(kind=kind, language=language)
    last = rows.aggregate(n=Max("version"))["n"] or 0
    rows.filter(active=True).update(active=False)
    return DocumentTemplate.objects.create(kind=kind, language=language, version=last + 1, title=title.strip(),
                                           body=body, note=note, changed_by=actor, active=True)


def active_template(kind: str, language: str) -> DocumentTemplate:
    """The active version; the default text becomes version 1 when a kind has none yet (a fresh database)."""
    template = DocumentTemplate.objects.filter(kind=kind, language=language, active=True).first()
    if template is None:
        title, body = DEFAULTS[language][kind]
        template = template_save(kind=kind, language=language, title=title, body=body, actor=None,
                                 note="default")
    return template


def seed_defaults(template_model: Any = DocumentTemplate) -> int:
    """Version 1 of every kind in both languages where none exists (the data migration calls it)."""
    created = 0
    for language, texts in DEFAULTS.items():
        for kind, (title, body) in texts.items():
            if not template_model.objects.filter(kind=kind, language=language).exists():
                template_model.objects.create(kind=kind, language=language, version=1, title=title, body=body,
                                              active=True, note="default")
                created += 1
    return created


# Who may issue what, and when -------------------------------------------------------------------------------------

def may_issue(user: User, kind: str, case: Case) -> bool:
    """Whether `user` may issue `kind` on `case` (the filing division or the trial team, as the kind says)."""
    spec = SPECS.get(kind)
    return spec is not None and any(can(user, action, case) for action in spec.issuers)


def _check_case(case: Case, kind: str) -> None:
    """The case has what the document records (CPL 126, 148; JI 258)."""
    if kind == T.RULING_REJECTION:
        if case.state != CaseState.REJECTED:
            raise CaseRuleError(NOT_REJECTED, code="not_rejected", article="CPL 126")
        return
    if not case.case_number or not case.filed_on:
        raise CaseRuleError(NOT_ACCEPTED, code="not_accepted", article="CPL 126")
    if kind == T.RULING_CONVERSION and not (case.converted_on and case.procedure == Procedure.ORDINARY):
        raise CaseRuleError(NOT_CONVERTED, code="not_converted", article="JI 258")
    if kind == T.RULING_WITHDRAWAL and case.closing_mode != ClosingMode.WITHDRAWAL:
        raise CaseRuleError(NOT_WITHDRAWN, code="not_withdrawn", article="CPL 148")


def kinds_available(user: User, case: Case) -> list[str]:
    """The kinds `user` may issue on `case` now (before choosing a hearing, an attempt or an addressee)."""
    found = []
    for kind in T.values:
        if not may_issue(user, kind, case):
            continue
        try:
            _check_case(case, kind)
        except CaseRuleError:
            continue
        found.append(kind)
    return found


def _belongs(obj: Any, case: Case, what: str) -> None:
    if obj is not None and obj.case_id != case.pk:
        raise CaseRuleError(NOT_OF_THIS_CASE, code="other_case", params={"what": what})


def _check_subject(case: Case, kind: str, *, on: date, party: Party | None, hearing: Hearing | None,
                   attempt: ServiceAttempt | None, fee_notice: FeeNotice | None) -> None:
    _belongs(party, case, _("party"))
    _belongs(hearing, case, _("hearing"))
    _belongs(attempt, case, _("service attempt"))
    _belongs(fee_notice, case, _("fee notice"))
    need = SPECS[kind].needs
    if need == "hearing":
        if hearing is None:
            raise CaseRuleError(NEEDS_HEARING, code="needs_hearing")
        if hearing.status != Hearing.Status.SCHEDULED:
            raise CaseRuleError(HEARING_NOT_SCHEDULED, code="hearing_not_scheduled")
        hearing_day = local_day(hearing.starts_at)
        # CPL 139; CPL 163 frees simple procedure (and small claims) from the three days.
        if (kind == T.SUMMONS and case.procedure == Procedure.ORDINARY
                and on > hearing_day - timedelta(days=SUMMONS_DAYS_BEFORE)):
            raise CaseRuleError(SUMMONS_TOO_LATE, code="summons_too_late", article="CPL 139",
                                params={"date": hearing_day})
    if need == "attempt":
        if attempt is None:
            raise CaseRuleError(NEEDS_ATTEMPT, code="needs_attempt")
        if kind == T.E_SERVICE_PROOF and not (attempt.channel == ServiceAttempt.Channel.ELECTRONIC
                                              and attempt.status == ServiceAttempt.Status.SERVED):
            raise CaseRuleError(NEEDS_E_SERVICE, code="needs_e_service", article="OLR 31")
    if kind == T.SUMMONS and party is None:
        raise CaseRuleError(NEEDS_PARTY, code="needs_party")


def _addressee(case: Case, kind: str, party: Party | None) -> Party | None:
    if party is not None or kind not in PER_PARTY:
        return party
    side = SPECS[kind].addressee
    return case.parties.filter(side=side).order_by("side_rank", "id").first() if side else None


def _fee_notice(case: Case, fee_notice: FeeNotice | None) -> FeeNotice | None:
    """The notice given, else the case's latest one (FEE 22), else None (the fee the case owes is printed)."""
    if fee_notice is not None:
        return fee_notice
    return case.fee_notices.select_related("party").order_by("-issued_on", "-id").first()


# Generating and serving ------------------------------------------------------------------------------------------

def document_generate(*, case: Case, actor: User | None, kind: str, hearing: Hearing | None = None,
                      service_attempt: ServiceAttempt | None = None, fee_notice: FeeNotice | None = None,
                      party: Party | None = None, language: str | None = None,
                      on: date | None = None) -> CaseDocument:
    """Render the active template of `kind` with the case's facts, file the PDF in the case file (a court notice,
    visible to the parties) and record the template version it was made from (`IssuedDocument`)."""
    if kind not in SPECS:
        raise CaseRuleError(UNKNOWN_KIND, code="kind", params={"kind": kind})
    language = language_of(language)
    with case_services.atomic_with_files():
        case = locked(case)
        if actor is not None and not may_issue(actor, kind, case):
            raise PermissionDenied(_(NOT_ALLOWED))
        on = day_or_today(on)
        check_not_future(on)
        _check_case(case, kind)
        if kind == T.FEE:
            fee_notice = _fee_notice(case, fee_notice)
        _check_subject(case, kind, on=on, party=party, hearing=hearing, attempt=service_attempt,
                       fee_notice=fee_notice)
        party = _addressee(case, kind, party)
        template = active_template(kind, language)
        facts = document_facts(case, language=language, on=on, party=party, hearing=hearing,
                               attempt=service_attempt, fee_notice=fee_notice)
        text = engine.render(template.body, facts)
        footer = f"{case.case_number or ''} · {template.title} · v{template.version}"
        try:
            body = render.pdf(text, title=template.title, language=language, footer=footer)
        except ValueError as exc:  # reportlab's markup parser: a tag typed into the template left open
            raise CaseRuleError(TEMPLATE_BROKEN, code="template_broken",
                                params={"title": template.title, "version": template.version, "error": exc}) from None
        title = template.title + (f"（{party.name}）" if party is not None and language != "en"
                                  else f" ({party.name})" if party is not None else "")
        name = f"{case.case_number or case.pk}-{kind}-v{template.version}.pdf"
        document = case_services.document_upload(case=case, actor=actor, kind=DocumentKind.NOTICE,
                                                 title=title[:200], file=ContentFile(body, name=name),
                                                 internal=False, on=on)
        IssuedDocument.objects.create(document=document, case=case, kind=kind, template=template, party=party,
                                      hearing=hearing, fee_notice=fee_notice, about_attempt=service_attempt,
                                      issued_on=on, issued_by=actor)
    return document


def document_serve(*, case: Case, actor: User | None, kind: str, party: Party, channel: str,
                   hearing: Hearing | None = None, fee_notice: FeeNotice | None = None,
                   language: str | None = None, on: date | None = None) -> tuple[CaseDocument, ServiceAttempt]:
    """Generate the document for `party` and send it through the service machine in one transaction (CPL 87-95;
    electronic service needs the party's consent, CPL 90): either both happen or neither."""
    spec = SPECS.get(kind)
    if spec is None:
        raise CaseRuleError(UNKNOWN_KIND, code="kind", params={"kind": kind})
    if spec.serves_as is None:
        raise CaseRuleError(NOT_SERVABLE, code="not_servable", params={"kind": T(kind).label})
    if party is None:
        raise CaseRuleError(NEEDS_PARTY, code="needs_party")
    with case_services.atomic_with_files():
        document = document_generate(case=case, actor=actor, kind=kind, hearing=hearing, fee_notice=fee_notice,
                                     party=party, language=language, on=on)
        attempt = case_services.service_send(case=case, actor=actor, document=spec.serves_as, channel=channel,
                                             party=party, on=on)
        IssuedDocument.objects.filter(document=document).update(served_by=attempt)
    return document, attempt
