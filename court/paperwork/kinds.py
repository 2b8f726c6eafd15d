"""What each kind of document needs, who issues it and how it is served; each names the article it follows.

`needs` is what the document is about (a hearing, a service attempt, a fee notice); `issuers` the access
`Action`s of which one suffices (`court.cases.access.can`); `serves_as` the `ServiceAttempt.Document` under which
it goes through the service machine (None: a proof of service, which is kept, not served); `addressee` the side
a document is addressed to when no party is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from court.cases.access import Action
from court.cases.models import Party, ServiceAttempt

from .models import TemplateKind as T

D = ServiceAttempt.Document
FILING = (Action.DECIDE_FILING, Action.DOCKET)  # the filing division (立案庭) or the trial team
TEAM = (Action.DOCKET,)


@dataclass(frozen=True)
class KindSpec:
    kind: str
    articles: str
    issuers: tuple[Action, ...]
    serves_as: str | None
    addressee: str | None = None  # Party.Side, or None: every party (or the public)
    needs: str = ""  # "hearing", "attempt", "fee_notice" or ""


SPECS: dict[str, KindSpec] = {s.kind: s for s in (
    # CPL 126: "符合起诉条件的，应当在七日内立案，并通知当事人"; CPL 129: the rights and duties in the notice.
    KindSpec(T.ACCEPTANCE, "CPL 126, 129", FILING, D.OTHER, Party.Side.PLAINTIFF),
    # CPL 128: the complaint to the defendant within 5 days, answer within 15 days; CPL 129; CPL 130 objection.
    KindSpec(T.RESPONSE, "CPL 128-130", TEAM, D.COMPLAINT, Party.Side.DEFENDANT),
    # CPL 68; JI 99 (ordinary: at least 15 days), JI 266 (simple: at most 15 days), JI 102 (late evidence).
    KindSpec(T.EVIDENCE, "CPL 68; JI 99, 102, 266", TEAM, D.OTHER),
    # FEE 22: paid within 7 days from the day after the notice; JI 199 for the top-up after conversion.
    KindSpec(T.FEE, "FEE 20-22; JI 199", FILING, D.OTHER, Party.Side.PLAINTIFF, needs="fee_notice"),
    # CPL 139: parties notified three days before the hearing; CPL 146-147 absence.
    KindSpec(T.SUMMONS, "CPL 139, 146-147", TEAM, D.SUMMONS, needs="hearing"),
    # CPL 139: "公开审理的，应当公告当事人姓名、案由和开庭的时间、地点"; posted, not served.
    KindSpec(T.ANNOUNCEMENT, "CPL 139", TEAM, None, needs="hearing"),
    # JI 258(2): conversion by ruling, the judges and related matters notified in writing; CPL 157.
    KindSpec(T.RULING_CONVERSION, "CPL 157; JI 258", TEAM, D.RULING),
    # CPL 126: a ruling of non-acceptance within 7 days, appealable (CPL 157(1), 171: 10 days).
    KindSpec(T.RULING_REJECTION, "CPL 126, 157, 171", (Action.DECIDE_FILING,), D.RULING, Party.Side.PLAINTIFF),
    # CPL 148: withdrawal before judgment decided by ruling; CPL 157(5).
    KindSpec(T.RULING_WITHDRAWAL, "CPL 148, 157", TEAM, D.RULING),
    # CPL 100: claims, facts and the result of mediation; signed, sealed, effective on receipt.
    KindSpec(T.MEDIATION, "CPL 100", TEAM, D.MEDIATION),
    # CPL 155: cause, claims, facts, reasons, law, result, costs, appeal period and court; CPL 171.
    KindSpec(T.JUDGMENT, "CPL 155, 171", TEAM, D.JUDGMENT),
    # CPL 87: "送达诉讼文书必须有送达回证，由受送达人在送达回证上记明收到日期，签名或者盖章".
    KindSpec(T.SERVICE_RECEIPT, "CPL 87", TEAM, None, needs="attempt"),
    # CPL 90(2); OLR 31: served when the message reaches the addressee's system; the proof has a receipt's effect.
    KindSpec(T.E_SERVICE_PROOF, "CPL 90; OLR 29-31", TEAM, None, needs="attempt"),
)}

#: Kinds whose document is one addressee's (an addressee is asked for and served).
PER_PARTY = frozenset({T.ACCEPTANCE, T.RESPONSE, T.EVIDENCE, T.FEE, T.SUMMONS, T.RULING_CONVERSION,
                       T.RULING_REJECTION, T.RULING_WITHDRAWAL, T.MEDIATION, T.JUDGMENT})
