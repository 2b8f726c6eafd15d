"""The default templates in Chinese (version 1 of each kind; administrators edit them in the admin).

Each text carries what its article requires: CPL 126, 129 (受理通知书: the decision to accept and the parties' rights
and duties), CPL 128-130 (应诉通知书: 15 days to answer, a jurisdiction objection within that period), CPL 68 and
JI 99, 102, 266 (举证通知书: the period and the consequences of late evidence), FEE 22 (缴费通知: within 7 days from
the day after the notice), CPL 139 (传票 served three days before the hearing; 开庭公告: names, cause, time and
place), CPL 157 and JI 258 (裁定书 of conversion), CPL 126, 157, 171 (不予受理: appealable within 10 days), CPL 148
(准许撤诉), CPL 100 (调解书: claims, facts, result of mediation; effective on receipt), CPL 155 (判决书: cause,
claims, facts, reasons, law, result, costs, appeal period and court), CPL 87 (送达回证), CPL 90 and OLR 31
(电子送达凭证: the moment the message reached the addressee's system).
"""

from __future__ import annotations

PARTIES = """{% for p in plaintiffs %}原告：{{ p.name }}{% if p.address %}，住所地{{ p.address }}{% endif %}。
{% for r in p.representatives %}委托诉讼代理人：{{ r }}。
{% endfor %}{% endfor %}{% for p in defendants %}被告：{{ p.name }}{% if p.address %}，住所地{{ p.address }}{% endif %}。
{% for r in p.representatives %}委托诉讼代理人：{{ r }}。
{% endfor %}{% endfor %}{% for p in third_parties %}第三人：{{ p.name }}{% if p.address %}，住所地{{ p.address }}{% endif %}。
{% endfor %}"""

HEAD = """## {{ court.name }}
# %s
> {{ case.number }}
"""

SIGNED = """---
> {% if case.sole_judge %}审判员　{{ judge }}{% else %}审判长　{{ judge }}{% endif %}
> {{ issued_on }}
> 书记员　{{ clerk }}"""

SEALED = """---
> {{ court.name }}（印章）
> {{ issued_on }}"""

TEMPLATES: dict[str, tuple[str, str]] = {
    "acceptance": ("受理案件通知书", HEAD % "受理案件通知书" + """{{ addressee.name|default:plaintiffs_names }}：
你方诉{{ defendants_names }}{{ case.cause }}一案的起诉状已于{{ case.submitted_on }}收到。经审查，起诉符合法定受理条件，本院决定立案审理，立案日期为{{ case.filed_on }}，案号为{{ case.number }}。现将有关事项通知如下：
一、本案适用{{ case.procedure }}审理{% if case.sole_judge %}，由审判员一人独任审理{% else %}，由合议庭审理{% endif %}。
二、依照《中华人民共和国民事诉讼法》第五十二条的规定，当事人有权委托代理人，提出回避申请，收集、提供证据，进行辩论，请求调解，提起上诉，申请执行；可以查阅、复制本案有关材料和法律文书。当事人必须依法行使诉讼权利，遵守诉讼秩序，履行发生法律效力的判决书、裁定书和调解书（民事诉讼法第一百二十九条）。
三、应当自接到交纳诉讼费用通知次日起七日内预交案件受理费{% if fee.amount %}人民币{{ fee.amount }}元{% endif %}（《诉讼费用交纳办法》第二十二条）；确有困难的，可以申请缓交、减交或者免交。
四、当事人对自己提出的主张应当及时提供证据（民事诉讼法第六十八条），举证期限另行通知。
五、本院向你方确认的送达地址送达诉讼文书；地址变更的，应当及时书面告知本院。
特此通知。
""" + SEALED),
    "response": ("应诉通知书", HEAD % "应诉通知书" + """{{ addressee.name|default:defendants_names }}：
本院已受理原告{{ plaintiffs_names }}诉你方{{ case.cause }}一案，立案日期为{{ case.filed_on }}。依照《中华人民共和国民事诉讼法》第一百二十八条、第一百二十九条的规定，现将起诉状副本送达你方，并将有关事项通知如下：
一、你方应当在收到起诉状副本之日起{{ case.answer_days }}日内向本院提出答辩状，写明你方的姓名、性别、年龄、民族、职业、工作单位、住所、联系方式（法人或者其他组织的名称、住所和法定代表人或者主要负责人的姓名、职务、联系方式），并按对方当事人的人数提出副本。不提出答辩状的，不影响本院审理。
二、对管辖权有异议的，应当在提交答辩状期间提出（民事诉讼法第一百三十条）。
三、当事人有权委托代理人，提出回避申请，收集、提供证据，进行辩论，请求调解，提起上诉，申请执行（民事诉讼法第五十二条）。
四、当事人对自己提出的主张应当及时提供证据，举证期限另行通知（民事诉讼法第六十八条）。
五、本案适用{{ case.procedure }}审理。
特此通知。
""" + SEALED),
    "evidence": ("举证通知书", HEAD % "举证通知书" + """{{ addressee.name|default:plaintiffs_names }}：
本院受理的原告{{ plaintiffs_names }}诉被告{{ defendants_names }}{{ case.cause }}一案，依照《中华人民共和国民事诉讼法》第六十八条及最高人民法院相关司法解释的规定，现将有关举证事项通知如下：
一、当事人对自己提出的主张应当及时提供证据。没有证据或者证据不足以证明当事人的事实主张的，由负有举证证明责任的当事人承担不利的后果。
二、本案举证期限{% if case.evidence_start %}自{{ case.evidence_start }}起{{ case.evidence_days }}日，至{{ case.evidence_end }}届满{% else %}由本院另行确定{% endif %}{% if case.ordinary %}（普通程序案件不得少于十五日，民诉法解释第九十九条）{% else %}（简易程序案件不得超过十五日，民诉法解释第二百六十六条）{% endif %}。在该期限内提供证据确有困难的，可以在期限届满前书面申请延长。
三、当事人逾期提供证据的，本院应当责令其说明理由；因故意或者重大过失逾期提供的证据，本院不予采纳，但该证据与案件基本事实有关的，本院应当采纳并予以训诫、罚款（民事诉讼法第六十八条；民诉法解释第一百零二条）。
四、提交证据应当列出证据目录，写明证据名称、来源、证明目的和页数；提交外文证据的，应当附中文译本。
特此通知。
""" + SEALED),
    "fee": ("交纳诉讼费用通知书", HEAD % "交纳诉讼费用通知书" + """{{ addressee.name|default:fee.payer|default:plaintiffs_names }}：
你方诉{{ defendants_names }}{{ case.cause }}一案，本院已立案受理。依照《诉讼费用交纳办法》的规定，应交纳{% if fee.kind %}{{ fee.kind }}{% else %}案件受理费{% endif %}人民币{{ fee.amount }}元。
请你方自接到本通知次日起七日内交纳（《诉讼费用交纳办法》第二十二条）{% if fee.due_on %}，即不迟于{{ fee.due_on }}{% endif %}。逾期不交纳又未提出司法救助申请，或者申请司法救助未获批准，在本院指定期限内仍未交纳的，本院将依照有关规定处理。
经济上确有困难的，可以在交纳期限内向本院申请缓交、减交或者免交（司法救助）。
{% if fee.basis %}计算依据：{{ fee.basis }}。
{% endif %}特此通知。
""" + SEALED),
    "summons": ("传票", HEAD % "传　票" + """|被传唤人|{{ addressee.name }}|
|地址|{{ addressee.address|default:addressee.e_address }}|
|案由|{{ case.cause }}|
|当事人|原告{{ plaintiffs_names }}；被告{{ defendants_names }}{% if third_parties_names %}；第三人{{ third_parties_names }}{% endif %}|
|传唤事由|开庭审理（{{ hearing.mode }}）|
|应到时间|{{ hearing.starts_at }}|
|应到处所|{{ hearing.room }}|
注意事项：
一、被传唤人必须准时到达应到处所；本传票于开庭三日前送达（民事诉讼法第一百三十九条）。
二、本传票由被传唤人携带来院报到。
三、被传唤人收到传票后，应在送达回证上签名或者盖章。
四、原告经传票传唤，无正当理由拒不到庭的，或者未经法庭许可中途退庭的，可以按撤诉处理；被告经传票传唤，无正当理由拒不到庭的，可以缺席判决（民事诉讼法第一百四十六条、第一百四十七条）。
""" + SIGNED),
    "announcement": ("开庭公告", HEAD % "开庭公告" + """本院定于{{ hearing.starts_at }}在{{ hearing.room }}公开开庭审理原告{{ plaintiffs_names }}诉被告{{ defendants_names }}{% if third_parties_names %}、第三人{{ third_parties_names }}{% endif %}{{ case.cause }}一案（{{ case.number }}）。
依照《中华人民共和国民事诉讼法》第一百三十九条的规定，特此公告。
""" + SEALED),
    "ruling_conversion": ("民事裁定书（简易程序转为普通程序）", HEAD % "民事裁定书" + PARTIES + """本院在审理原告{{ plaintiffs_names }}诉被告{{ defendants_names }}{{ case.cause }}一案中，于{{ case.filed_on }}立案后，依法适用{{ case.initial_procedure }}。{% if conversion.reason %}因{{ conversion.reason }}，{% endif %}本案不宜适用简易程序审理。
依照《中华人民共和国民事诉讼法》第一百五十七条第一款第十一项，《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百五十八条第二款的规定，裁定如下：
本案转为普通程序审理。
本案审理期限自立案之日起计算（民诉法解释第二百五十八条第三款）。审判人员及相关事项另行书面通知双方当事人。
""" + SIGNED),
    "ruling_rejection": ("民事裁定书（不予受理）", HEAD % "民事裁定书" + """起诉人：{{ plaintiffs_names }}。
{{ case.submitted_on }}，本院收到起诉人{{ plaintiffs_names }}的起诉状，起诉人诉{{ defendants_names }}{{ case.cause }}。
本院经审查认为，{{ rejection.reason|default:"起诉不符合法定受理条件" }}。依照《中华人民共和国民事诉讼法》第一百二十二条、第一百二十六条、第一百五十七条第一款第一项的规定，裁定如下：
对{{ plaintiffs_names }}的起诉，本院不予受理。
如不服本裁定，可以在裁定书送达之日起{{ appeal.ruling }}日内，向本院递交上诉状，上诉于上一级人民法院（民事诉讼法第一百七十一条）；在中华人民共和国领域内没有住所的，上诉期为{{ appeal.abroad }}日。
""" + SIGNED),
    "ruling_withdrawal": ("民事裁定书（准许撤诉）", HEAD % "民事裁定书" + PARTIES + """原告{{ plaintiffs_names }}诉被告{{ defendants_names }}{{ case.cause }}一案，本院于{{ case.filed_on }}立案后，依法适用{{ case.procedure }}进行审理。原告{{ plaintiffs_names }}于宣判前向本院提出撤诉申请{% if closing.reason %}，理由：{{ closing.reason }}{% endif %}。
本院认为，原告撤诉的请求不违反法律规定，依照《中华人民共和国民事诉讼法》第一百四十八条第一款、第一百五十七条第一款第五项的规定，裁定如下：
准许原告{{ plaintiffs_names }}撤诉。
案件受理费减半收取，由原告负担（《诉讼费用交纳办法》第十五条）。
""" + SIGNED),
    "mediation": ("民事调解书", HEAD % "民事调解书" + PARTIES + """原告{{ plaintiffs_names }}与被告{{ defendants_names }}{{ case.cause }}一案，本院于{{ case.filed_on }}立案后，依法适用{{ case.procedure }}进行审理。
原告的诉讼请求：{{ case.claims|default:"（诉讼请求）" }}
案件事实：{{ case.facts|default:"（本院查明的案件事实）" }}
本案在审理过程中，经本院主持调解，当事人自愿达成如下协议：
一、（调解结果）
二、案件受理费减半收取，由（当事人）负担。
上述协议不违反法律规定，本院予以确认（民事诉讼法第一百条）。
本调解书经双方当事人签收后，即具有法律效力。
""" + SIGNED),
    "judgment": ("民事判决书", HEAD % "民事判决书" + PARTIES + """原告{{ plaintiffs_names }}与被告{{ defendants_names }}{{ case.cause }}一案，本院于{{ case.filed_on }}立案后，依法适用{{ case.procedure }}，公开开庭进行了审理。本案现已审理终结。
原告{{ plaintiffs_names }}向本院提出诉讼请求：{{ case.claims|default:"（诉讼请求）" }}。事实和理由：{{ case.facts|default:"（事实和理由）" }}
被告{{ defendants_names }}辩称：（答辩意见）
本院经审理认定事实如下：（判决认定的事实）
本院认为，（判决理由及适用的法律）。依照（法律条文）之规定，判决如下：
一、（判决结果）
案件受理费人民币（金额）元，由（当事人）负担。
如不服本判决，可以在判决书送达之日起{{ appeal.judgment }}日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于上一级人民法院；在中华人民共和国领域内没有住所的当事人，上诉期为{{ appeal.abroad }}日（民事诉讼法第一百五十五条、第一百七十一条、第二百八十六条）。
""" + SIGNED),
    "service_receipt": ("送达回证", HEAD % "送达回证" + """|案由|{{ case.cause }}|
|当事人|原告{{ plaintiffs_names }}；被告{{ defendants_names }}|
|送达文书名称及件数|{{ service.document }}　一件|
|受送达人|{{ service.party }}|
|送达地址|{{ service.address|default:service.e_address }}|
|送达方式|{{ service.channel }}|
|送达日期|{{ service.sent_on }}|
|受送达人签名或者盖章|　　　　　　　　年　　月　　日|
|代收人及代收理由|　|
|备考|{{ service.evidence }}{{ service.failure_reason }}|
依照《中华人民共和国民事诉讼法》第八十七条的规定，受送达人应当在送达回证上记明收到日期，签名或者盖章。
> 送达人：{{ clerk }}
> 填发人：{{ clerk }}　{{ issued_on }}"""),
    "e_service_proof": ("电子送达凭证", HEAD % "电子送达凭证" + """|案由|{{ case.cause }}|
|当事人|原告{{ plaintiffs_names }}；被告{{ defendants_names }}|
|送达文书|{{ service.document }}|
|受送达人|{{ service.party }}|
|电子送达地址|{{ service.e_address }}|
|送达方式|{{ service.channel }}|
|送达信息到达受送达人特定系统的时间|{{ service.reached_at }}|
|送达日期|{{ service.served_on }}|
|送达记录编号|{{ service.number }}|
受送达人已同意电子送达（民事诉讼法第九十条；《人民法院在线诉讼规则》第二十九条）。本院向受送达人确认的电子地址送达，送达信息到达电子地址所在系统时，即为送达（《人民法院在线诉讼规则》第三十一条第一款）。
本凭证由送达平台全程留痕生成，具有送达回证效力（《人民法院在线诉讼规则》第三十一条第三款）。
""" + SEALED),
}
