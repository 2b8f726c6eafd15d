"""What a party files in a pending case and the judge's rulings on it: the defendant's answer (答辩状, CPL 128),
an application to withdraw the suit (撤诉申请, CPL 148; JI 238-239) and an objection to jurisdiction (管辖异议,
CPL 130; JI 223). The party itself or its lawyer files (`access.require_for_party`); the trial team may record
what arrived on paper. Each document goes into the case file; the applications wait in the judge's queue
(`pending_applications`) for a ruling (裁定, CPL 157(1)(二), (五)) that states its result and its reasons.

The rules, as read from the texts:
- An answer is the defendant's, due within its answer period (CPL 128 "被告应当在收到之日起十五日内提出答辩状").
  A later answer is still taken and marked late: the texts bar none, and the case never waits for it (CPL 128
  para 2 "被告不提出答辩状的，不影响人民法院审理").
- An objection to jurisdiction comes within the answer period (CPL 130 "应当在提交答辩状期间提出"); JI 82 denies
  it to a third party without independent claims, and the answer period is the defendant's, so only defendants
  raise it here. Where the procedure gives the defendant no answer period (simple procedure or small claims,
  none set: JI 266, 275) it comes before the defendant answers on the merits, in writing or at a hearing (CPL
  130 para 2; JI 223 para 2) — a product reading. The time it is under review is not counted in the term (JI
  243; TL2000 Art. 9(7)): filing it starts the excluded period, the ruling ends it. Upheld, the case is
  transferred (CPL 130 "异议成立的，裁定将案件移送有管辖权的人民法院"); refused, it goes on ("异议不成立的，裁定驳回").
- A withdrawal is the plaintiff's (CPL 148 "宣判前，原告申请撤诉的，是否准许，由人民法院裁定"; JI 82: not a third
  party's). The court may refuse it (JI 238). Granted, the case closes as withdrawn on the ruling date (TL2000
  Art. 10) once no plaintiff's claim remains and there is no counterclaim, which goes on (JI 239 "人民法院准许本诉
  原告撤诉的，应当对反诉继续审理").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from court.org.models import User
from court.rules import periods as rule_periods

from ..access import Action, require, require_for_party
from ..bounds import FACTS_MAX_LENGTH
from ..models import (
    ACTIVE_STATES,
    Application,
    Case,
    CaseEvent,
    ClosingMode,
    DocumentKind,
    Party,
    PeriodKind,
    Procedure,
)
from .base import (
    CaseRuleError,
    K,
    check_choice,
    check_date,
    check_length,
    day_or_today,
    locked,
    log_event,
    require_pending,
)
from .closing import case_close
from .documents import EvidenceInput, _store, atomic_with_files, evidence_add
from .interruptions import period_end, period_start
from .preparation import answer_periods
from .service_of_process import PARTY_OF_OTHER_CASE

ANSWER_ONLY_DEFENDANT = gettext_noop("CPL 128: the answer (答辩状) is the defendant's.")
ANSWER_NEEDS_CONTENT = gettext_noop("Write the answer or attach it as a file.")
APPLICATION_NEEDS_TEXT = gettext_noop("Give the reasons for the application.")
WITHDRAWAL_ONLY_PLAINTIFF = gettext_noop(
    "CPL 148: the plaintiff applies to withdraw the suit (JI 82: a third party without independent claims may not)."
)
OBJECTION_ONLY_DEFENDANT = gettext_noop(
    "CPL 130: an objection to jurisdiction is raised within the answer period, which is the defendant's (JI 82: a "
    "third party without independent claims may not raise one)."
)
OBJECTION_OUT_OF_TIME = gettext_noop(
    "CPL 130: an objection to jurisdiction must be raised within the answer period, which ended on %(ends)s."
)
OBJECTION_AFTER_ANSWER_ON_MERITS = gettext_noop(
    "CPL 130 para 2; JI 223: without an answer period, an objection to jurisdiction comes before the party answers "
    "on the merits, in writing or at a hearing."
)
OBJECTION_PERIOD_WAIVED = gettext_noop(
    "CPL 130: the parties waived the answer period (JI 266, 275), within which an objection to jurisdiction is raised."
)
APPLICATION_ALREADY_PENDING = gettext_noop("This party's application of this kind already awaits the ruling.")
APPLICATION_ALREADY_DECIDED = gettext_noop("This application was decided on %(on)s.")
RULING_NEEDS_REASONS = gettext_noop("CPL 157: a ruling states its result and the reasons for it.")
RULING_BEFORE_APPLICATION = gettext_noop("The ruling (%(on)s) cannot come before the application (%(filed)s).")

#: The side that may file each kind of application.
APPLICANT_SIDE = {Application.Kind.WITHDRAWAL: Party.Side.PLAINTIFF,
                  Application.Kind.JURISDICTION_OBJECTION: Party.Side.DEFENDANT}
APPLICATION_BASIS = {Application.Kind.WITHDRAWAL: "CPL 148; JI 238",
                     Application.Kind.JURISDICTION_OBJECTION: "CPL 130; JI 223"}


def answer_period_of(case: Case, party: Party) -> rule_periods.AnswerPeriod | None:
    """The answer period of defendant `party` (`preparation.answer_periods`), or None if it has none."""
    return next((period for defendant, period in answer_periods(case) if defendant.pk == party.pk), None)


def _check_text(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CaseRuleError(message, code="no_text")
    check_length(_("reasons"), text, FACTS_MAX_LENGTH)
    return text


def _check_party(case: Case, party: Party) -> Party:
    if party.case_id != case.pk:
        raise CaseRuleError(PARTY_OF_OTHER_CASE, code="party_of_other_case")
    return party


def check_objection_in_time(case: Case, party: Party, on: date) -> None:
    """CPL 130: within the defendant's answer period (see the module's docstring for a case without one)."""
    if case.answer_period_waived:
        raise CaseRuleError(OBJECTION_PERIOD_WAIVED, code="objection_late", article="CPL 130")
    period = answer_period_of(case, party)
    if period is None:
        answered = case.events.filter(kind=CaseEvent.Kind.ANSWER_FILED, payload__party_id=party.pk).exists()
        if case.heard or answered:
            raise CaseRuleError(OBJECTION_AFTER_ANSWER_ON_MERITS, code="objection_late", article="CPL 130")
        return
    if period.ends_on is not None and on > period.ends_on:
        raise CaseRuleError(OBJECTION_OUT_OF_TIME, code="objection_late", article="CPL 130",
                            params={"ends": period.ends_on})


def _file_document(case: Case, actor: User | None, *, kind: str, title: str, file: Any) -> int | None:
    if file is None:
        return None
    return _store(case, actor, kind=kind, title=title, file=file).pk


def application_file(*, case: Case, actor: User | None, party: Party, kind: str, text: str, file: Any = None,
                     on: date | None = None) -> Application:
    """A party's application, with its document in the case file; it waits for the judge's ruling. A
    withdrawal is the plaintiff's (CPL 148); an objection to jurisdiction is the defendant's, within the answer
    period (CPL 130), and starts the excluded period of its review (JI 243; TL2000 Art. 9(7))."""
    with atomic_with_files():
        case = locked(case)
        party = _check_party(case, Party.objects.get(pk=party.pk))
        require_for_party(actor, party)
        check_choice(_("kind of application"), kind, Application.Kind.values)
        require_pending(case, _("take an application"))
        on = day_or_today(on)
        check_date(case, on)
        text = _check_text(text, APPLICATION_NEEDS_TEXT)
        if party.side != APPLICANT_SIDE[kind]:
            message = WITHDRAWAL_ONLY_PLAINTIFF if kind == Application.Kind.WITHDRAWAL else OBJECTION_ONLY_DEFENDANT
            raise CaseRuleError(message, code="wrong_side", article=APPLICATION_BASIS[kind].split(";")[0])
        if case.applications.filter(party=party, kind=kind, status=Application.Status.PENDING).exists():
            raise CaseRuleError(APPLICATION_ALREADY_PENDING, code="pending")
        if kind == Application.Kind.JURISDICTION_OBJECTION:
            check_objection_in_time(case, party, on)
        label = Application.Kind(kind).label
        document = _file_document(case, actor, kind=DocumentKind.APPLICATION, file=file,
                                  title=f"{label} · {party.name}")
        application = Application.objects.create(case=case, kind=kind, party=party, text=text, document_id=document,
                                                 filed_on=on, filed_by=actor)
        log_event(case, K.APPLICATION_FILED, actor=actor, on=on, from_state=case.state, to_state=case.state,
                  reason=text, basis=APPLICATION_BASIS[kind], application=kind, application_id=application.pk,
                  party=party.name, party_id=party.pk, document_id=document)
        if (kind == Application.Kind.JURISDICTION_OBJECTION
                and not case.periods.filter(kind=PeriodKind.JURISDICTION_OBJECTION, end_on__isnull=True).exists()):
            # The system starts the period: the party may not run the docket (Action.DOCKET), the law does it.
            period_start(case=case, actor=None, kind=PeriodKind.JURISDICTION_OBJECTION, start_on=on,
                         reason=_("Objection to jurisdiction by %(party)s") % {"party": party.name})
    return application


def application_decide(*, application: Application, actor: User | None, grant: bool, ruling: str,
                       on: date | None = None) -> Application:
    """The judge's ruling (裁定, CPL 157) on a pending application, on `on` (the ruling date). A granted
    withdrawal closes the case as withdrawn on that date (CPL 148; TL2000 Art. 10) unless a counterclaim or
    another plaintiff's claim goes on (JI 239); an upheld objection transfers the case (CPL 130; JI 211); the
    excluded period of an objection ends with the last pending objection's ruling (JI 243)."""
    with atomic_with_files():
        case = locked(application.case)
        require(actor, Action.DECIDE, case)
        application = Application.objects.select_for_update().select_related("party").get(pk=application.pk)
        if application.status != Application.Status.PENDING:
            raise CaseRuleError(APPLICATION_ALREADY_DECIDED, code="decided", params={"on": application.decided_on})
        if case.state not in ACTIVE_STATES:
            require_pending(case, _("take a ruling"))
        on = day_or_today(on)
        check_date(case, on)
        if on < application.filed_on:
            raise CaseRuleError(RULING_BEFORE_APPLICATION, code="before_application",
                                params={"on": on, "filed": application.filed_on})
        ruling = _check_text(ruling, RULING_NEEDS_REASONS)
        application.status = Application.Status.GRANTED if grant else Application.Status.REFUSED
        application.decided_on, application.decided_by, application.ruling = on, actor, ruling
        application.save()
        kind = application.kind
        closes, extra = False, {}
        if kind == Application.Kind.WITHDRAWAL and grant:
            still_claiming = case.parties.filter(side=Party.Side.PLAINTIFF).exclude(
                applications__kind=kind, applications__status=Application.Status.GRANTED).exists()
            closes = not still_claiming and not case.counterclaim
            extra = {"counterclaim_continues": case.counterclaim} if case.counterclaim else {}
        elif kind == Application.Kind.JURISDICTION_OBJECTION:
            closes = grant
            # CPL 157 para 2: a ruling on jurisdiction may be appealed; in small claims it is final (JI 276).
            extra = {"appealable": case.procedure != Procedure.SMALL_CLAIMS}
        log_event(case, K.APPLICATION_DECIDED, actor=actor, on=on, from_state=case.state, to_state=case.state,
                  reason=ruling, basis=APPLICATION_BASIS[kind] + "; CPL 157", application=kind,
                  application_id=application.pk, party=application.party.name, granted=grant, **extra)
        if kind == Application.Kind.JURISDICTION_OBJECTION:
            _end_objection_period(case, actor, on)
        if closes:
            mode = ClosingMode.WITHDRAWAL if kind == Application.Kind.WITHDRAWAL else ClosingMode.TRANSFER
            case_close(case=case, actor=actor, mode=mode, ruling_on=on, reason=ruling)
    return application


def _end_objection_period(case: Case, actor: User | None, on: date) -> None:
    if case.applications.filter(kind=Application.Kind.JURISDICTION_OBJECTION,
                                status=Application.Status.PENDING).exists():
        return  # another defendant's objection is still under review
    period = case.periods.filter(kind=PeriodKind.JURISDICTION_OBJECTION, end_on__isnull=True).first()
    if period is not None:
        period_end(period=period, actor=actor, end_on=max(on, period.start_on))


def answer_file(*, case: Case, actor: User | None, party: Party, text: str = "", file: Any = None,
                evidence: Sequence[EvidenceInput] = (), on: date | None = None) -> Case:
    """The defendant's answer (答辩状, CPL 128), written or as a file in the case file (DocumentKind.ANSWER),
    with its evidence on the evidence list (CPL 67). After the defendant's answer period it is still taken and
    marked late: the case did not wait for it (CPL 128 para 2)."""
    with atomic_with_files():
        case = locked(case)
        party = _check_party(case, Party.objects.get(pk=party.pk))
        require_for_party(actor, party)
        require_pending(case, _("take an answer"))
        on = day_or_today(on)
        check_date(case, on)
        if party.side != Party.Side.DEFENDANT:
            raise CaseRuleError(ANSWER_ONLY_DEFENDANT, code="wrong_side", article="CPL 128")
        text = (text or "").strip()
        if not text and file is None:
            raise CaseRuleError(ANSWER_NEEDS_CONTENT, code="no_text", article="CPL 128")
        check_length(_("answer"), text, FACTS_MAX_LENGTH)
        period = answer_period_of(case, party)
        ends_on = period.ends_on if period is not None else None
        late = ends_on is not None and on > ends_on and not case.answer_period_waived
        document = _file_document(case, actor, kind=DocumentKind.ANSWER, file=file,
                                  title=_("Answer (答辩状) · %(party)s") % {"party": party.name})
        log_event(case, K.ANSWER_FILED, actor=actor, on=on, from_state=case.state, to_state=case.state, reason=text,
                  basis="CPL 128" + (" para 2" if late else ""), party=party.name, party_id=party.pk,
                  document_id=document, answer_due=ends_on, late=late)
        if evidence:
            evidence_add(case=case, actor=actor, items=list(evidence), on=on)
    return case


def pending_applications(cases: QuerySet[Case]) -> QuerySet[Application]:
    """The applications awaiting a ruling on `cases` (already limited to what the reader may see), oldest first."""
    return (Application.objects.filter(case__in=cases.values("pk"), status=Application.Status.PENDING)
            .select_related("case", "case__cause", "party").order_by("filed_on", "id"))
