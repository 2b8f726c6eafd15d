"""The default templates in English (version 1 of each kind): the same content as defaults_zh.py, article by
article (see its docstring: CPL 87, 90, 100, 126-130, 139, 148, 155, 157, 171; JI 99, 102, 258, 266; FEE 22;
OLR 29-31)."""

from __future__ import annotations

PARTIES = """{% for p in plaintiffs %}Plaintiff: {{ p.name }}{% if p.address %}, of {{ p.address }}{% endif %}.
{% for r in p.representatives %}Agent ad litem: {{ r }}.
{% endfor %}{% endfor %}{% for p in defendants %}Defendant: {{ p.name }}{% if p.address %}, of {{ p.address }}{% endif %}.
{% for r in p.representatives %}Agent ad litem: {{ r }}.
{% endfor %}{% endfor %}{% for p in third_parties %}Third party: {{ p.name }}{% if p.address %}, of {{ p.address }}{% endif %}.
{% endfor %}"""

HEAD = """## {{ court.name }}
# %s
> {{ case.number }}
"""

SIGNED = """---
> {% if case.sole_judge %}Judge{% else %}Presiding judge{% endif %}: {{ judge }}
> {{ issued_on }}
> Clerk: {{ clerk }}"""

SEALED = """---
> {{ court.name }} (seal)
> {{ issued_on }}"""

TEMPLATES: dict[str, tuple[str, str]] = {
    "acceptance": ("Notice of acceptance", HEAD % "Notice of Acceptance" + """To {{ addressee.name|default:plaintiffs_names }}:
Your complaint against {{ defendants_names }} ({{ case.cause }}) was received on {{ case.submitted_on }}. It meets the conditions of a suit, and this court has accepted the case for trial on {{ case.filed_on }} under case number {{ case.number }}. You are notified as follows:
1. The case is tried under {{ case.procedure|lower }}{% if case.sole_judge %} by a sole judge{% else %} by a collegial panel{% endif %}.
2. Under Article 52 of the Civil Procedure Law, the parties may appoint agents, apply for recusal, collect and submit evidence, argue their case, ask for mediation, appeal and apply for enforcement, and may read and copy the materials of the case. They must exercise these rights lawfully, respect the order of the proceedings and comply with effective judgments, rulings and mediation documents (CPL Article 129).
3. The case acceptance fee{% if fee.amount %} of CNY {{ fee.amount }}{% endif %} is to be prepaid within 7 days from the day after you receive the notice to pay court fees (Measures on Litigation Fees, Article 22); if you cannot afford it, you may apply for a deferral, reduction or waiver.
4. Each party must provide evidence for its claims in time (CPL Article 68); the period for evidence will be notified separately.
5. Documents are served at the address you confirmed; tell the court in writing of any change.
""" + SEALED),
    "response": ("Notice to respond", HEAD % "Notice to Respond" + """To {{ addressee.name|default:defendants_names }}:
This court has accepted the case of {{ plaintiffs_names }} against you ({{ case.cause }}), filed on {{ case.filed_on }}. Under Articles 128 and 129 of the Civil Procedure Law, a copy of the complaint is served on you and you are notified as follows:
1. File your answer within {{ case.answer_days }} days of receiving the copy of the complaint, stating your name, sex, age, ethnicity, occupation, employer, domicile and contact details (for an organisation: its name, domicile and the name, position and contact details of its legal representative or principal), with a copy for each other party. If you file no answer, the trial goes on.
2. Any objection to jurisdiction must be raised within the period for the answer (CPL Article 130).
3. The parties may appoint agents, apply for recusal, collect and submit evidence, argue their case, ask for mediation, appeal and apply for enforcement (CPL Article 52).
4. Each party must provide evidence for its claims in time; the period for evidence will be notified separately (CPL Article 68).
5. The case is tried under {{ case.procedure|lower }}.
""" + SEALED),
    "evidence": ("Notice on evidence", HEAD % "Notice on Evidence" + """To {{ addressee.name|default:plaintiffs_names }}:
In the case of {{ plaintiffs_names }} against {{ defendants_names }} ({{ case.cause }}), under Article 68 of the Civil Procedure Law and the Supreme People's Court's interpretation, you are notified as follows:
1. Each party must provide evidence for its claims in time. A party bearing the burden of proof who has no evidence, or not enough, bears the consequences.
2. The period for evidence {% if case.evidence_start %}runs {{ case.evidence_days }} days from {{ case.evidence_start }} and ends on {{ case.evidence_end }}{% else %}will be set by the court{% endif %}{% if case.ordinary %} (at least 15 days under ordinary procedure, JI Article 99){% else %} (at most 15 days under simple procedure, JI Article 266){% endif %}. A party who cannot provide evidence in time may apply in writing for an extension before the period ends.
3. Evidence provided late must be explained; evidence withheld deliberately or through gross negligence is not admitted, unless it concerns the basic facts of the case, in which case it is admitted with an admonition or a fine (CPL Article 68; JI Article 102).
4. List the evidence with its name, source, what it proves and its pages; evidence in a foreign language comes with a Chinese translation.
""" + SEALED),
    "fee": ("Notice to pay the court fee", HEAD % "Notice to Pay the Court Fee" + """To {{ addressee.name|default:fee.payer|default:plaintiffs_names }}:
This court has accepted your case against {{ defendants_names }} ({{ case.cause }}). Under the Measures on Litigation Fees, the {% if fee.kind %}{{ fee.kind|lower }}{% else %}case acceptance fee{% endif %} is CNY {{ fee.amount }}.
Pay it within 7 days from the day after you receive this notice (Measures on Litigation Fees, Article 22){% if fee.due_on %}, that is by {{ fee.due_on }}{% endif %}. If it is not paid and no application for relief is made, or relief is refused and the fee is still not paid within the period set, the court will proceed under the applicable rules.
If you cannot afford the fee, you may apply within the period for a deferral, reduction or waiver (judicial aid).
{% if fee.basis %}Basis of the calculation: {{ fee.basis }}.
{% endif %}""" + SEALED),
    "summons": ("Summons", HEAD % "Summons" + """|Person summoned|{{ addressee.name }}|
|Address|{{ addressee.address|default:addressee.e_address }}|
|Cause of action|{{ case.cause }}|
|Parties|Plaintiff {{ plaintiffs_names }}; defendant {{ defendants_names }}{% if third_parties_names %}; third party {{ third_parties_names }}{% endif %}|
|Purpose|Hearing ({{ hearing.mode|lower }})|
|Time|{{ hearing.starts_at }}|
|Place|{{ hearing.room }}|
Notes:
1. Be on time at the place stated; this summons is served at least three days before the hearing (CPL Article 139).
2. Bring this summons with you and report to the court.
3. Sign or seal the proof of service when you receive it.
4. A plaintiff who, summoned, refuses to appear without good reason or leaves without the court's leave may be treated as having withdrawn the suit; against a defendant who does so, judgment may be given by default (CPL Articles 146 and 147).
""" + SIGNED),
    "announcement": ("Hearing announcement", HEAD % "Announcement of a Hearing" + """On {{ hearing.starts_at }}, in {{ hearing.room }}, this court will hear in public the case of plaintiff {{ plaintiffs_names }} against defendant {{ defendants_names }}{% if third_parties_names %}, third party {{ third_parties_names }}{% endif %} ({{ case.cause }}, {{ case.number }}).
Announced under Article 139 of the Civil Procedure Law.
""" + SEALED),
    "ruling_conversion": ("Civil ruling (conversion to ordinary procedure)", HEAD % "Civil Ruling" + PARTIES + """In the case of plaintiff {{ plaintiffs_names }} against defendant {{ defendants_names }} ({{ case.cause }}), filed on {{ case.filed_on }} and tried under {{ case.initial_procedure|lower }}, {% if conversion.reason %}because {{ conversion.reason }}, {% endif %}the case is not suited to simple procedure.
Under Article 157(1)(11) of the Civil Procedure Law and Article 258(2) of the Supreme People's Court's interpretation, the court rules:
The case is tried under ordinary procedure.
The trial term runs from the filing date (JI Article 258(3)). The judges and related matters are notified to both parties in writing.
""" + SIGNED),
    "ruling_rejection": ("Civil ruling (complaint not accepted)", HEAD % "Civil Ruling" + """Complainant: {{ plaintiffs_names }}.
On {{ case.submitted_on }}, this court received the complaint of {{ plaintiffs_names }} against {{ defendants_names }} ({{ case.cause }}).
Having examined it, the court finds that {{ rejection.reason|default:"the complaint does not meet the conditions of a suit" }}. Under Articles 122, 126 and 157(1)(1) of the Civil Procedure Law, the court rules:
The complaint of {{ plaintiffs_names }} is not accepted.
A party who disagrees may appeal within {{ appeal.ruling }} days of the service of this ruling, by filing a statement of appeal with this court, to the court at the next level up (CPL Article 171); a party with no domicile in China within {{ appeal.abroad }} days.
""" + SIGNED),
    "ruling_withdrawal": ("Civil ruling (withdrawal permitted)", HEAD % "Civil Ruling" + PARTIES + """In the case of plaintiff {{ plaintiffs_names }} against defendant {{ defendants_names }} ({{ case.cause }}), filed on {{ case.filed_on }} and tried under {{ case.procedure|lower }}, the plaintiff applied before judgment to withdraw the suit{% if closing.reason %} ({{ closing.reason }}){% endif %}.
The withdrawal does not violate the law. Under Articles 148(1) and 157(1)(5) of the Civil Procedure Law, the court rules:
The plaintiff {{ plaintiffs_names }} is permitted to withdraw the suit.
The case acceptance fee is halved and borne by the plaintiff (Measures on Litigation Fees, Article 15).
""" + SIGNED),
    "mediation": ("Civil mediation document", HEAD % "Civil Mediation Document" + PARTIES + """The case of plaintiff {{ plaintiffs_names }} against defendant {{ defendants_names }} ({{ case.cause }}) was filed on {{ case.filed_on }} and tried under {{ case.procedure|lower }}.
The plaintiff's claims: {{ case.claims|default:"(claims)" }}
The facts of the case: {{ case.facts|default:"(facts found by the court)" }}
In the course of the trial, in a mediation conducted by the court, the parties agreed voluntarily:
1. (result of the mediation)
2. The case acceptance fee is halved and borne by (party).
The agreement does not violate the law and is confirmed by the court (CPL Article 100).
This mediation document takes legal effect once signed for by both parties.
""" + SIGNED),
    "judgment": ("Civil judgment", HEAD % "Civil Judgment" + PARTIES + """The case of plaintiff {{ plaintiffs_names }} against defendant {{ defendants_names }} ({{ case.cause }}) was filed on {{ case.filed_on }}, tried under {{ case.procedure|lower }} and heard in public. The trial has ended.
The plaintiff {{ plaintiffs_names }} claims: {{ case.claims|default:"(claims)" }}. Facts and reasons: {{ case.facts|default:"(facts and reasons)" }}
The defendant {{ defendants_names }} answers: (answer)
The court finds the following facts: (facts found)
The court holds that (reasons and the law applied). Under (articles), the court gives judgment:
1. (result)
The case acceptance fee of CNY (amount) is borne by (party).
A party who disagrees may appeal within {{ appeal.judgment }} days of the service of this judgment, by filing a statement of appeal with this court with copies for the other parties, to the court at the next level up; a party with no domicile in China within {{ appeal.abroad }} days (CPL Articles 155, 171 and 286).
""" + SIGNED),
    "service_receipt": ("Proof of service", HEAD % "Proof of Service" + """|Cause of action|{{ case.cause }}|
|Parties|Plaintiff {{ plaintiffs_names }}; defendant {{ defendants_names }}|
|Document served and copies|{{ service.document }}, one copy|
|Addressee|{{ service.party }}|
|Address|{{ service.address|default:service.e_address }}|
|Channel|{{ service.channel }}|
|Sent on|{{ service.sent_on }}|
|Addressee's signature or seal and date|　|
|Received by another and why|　|
|Remarks|{{ service.evidence }}{{ service.failure_reason }}|
Under Article 87 of the Civil Procedure Law, the addressee writes the date of receipt on this proof of service and signs or seals it.
> Served by: {{ clerk }}
> Issued by: {{ clerk }}, {{ issued_on }}"""),
    "e_service_proof": ("Proof of electronic service", HEAD % "Proof of Electronic Service" + """|Cause of action|{{ case.cause }}|
|Parties|Plaintiff {{ plaintiffs_names }}; defendant {{ defendants_names }}|
|Document served|{{ service.document }}|
|Addressee|{{ service.party }}|
|Electronic address|{{ service.e_address }}|
|Channel|{{ service.channel }}|
|Time the message reached the addressee's system|{{ service.reached_at }}|
|Date of service|{{ service.served_on }}|
|Service record number|{{ service.number }}|
The addressee consented to electronic service (CPL Article 90; Online Litigation Rules, Article 29). Served at the electronic address the addressee confirmed, the document is served when the message reaches the system of that address (Online Litigation Rules, Article 31(1)).
The service platform keeps a full trace of it and produced this proof, which has the effect of a proof of service (Online Litigation Rules, Article 31(3)).
""" + SEALED),
}
