"""A mediated case closes on the day the mediation document reaches the last party, a mailed one on its
mailing day (TL2000 Art. 10), and the document takes effect on the last receipt (JI 149).

TL2000 Art. 10: "人民法院判决书宣判、裁定书宣告或者调解书送达最后一名当事人的日期为结案时间。…有下列情形之一的，结案时间
遵守以下规定：…（三）邮寄送达的，以交邮日期为结案时间；（四）通过有关单位转交送达的，以送达回证上当事人签收的日期为结案时间。"
JI 149: "…应当以最后收到调解书的当事人签收的日期为调解书生效日期。"
"""

from __future__ import annotations

from datetime import date

from court.cases import services
from court.cases.models import Party, ServiceAttempt
from court.rules.procedure import DocumentService

from .conftest import fresh, last_event

Channel, Document = ServiceAttempt.Channel, ServiceAttempt.Document


def _serve(case, judge, party, channel, sent_on, served_on):
    attempt = services.service_send(case=case, actor=judge, document=Document.MEDIATION, channel=channel,
                                    party=party, on=sent_on)
    services.service_record(attempt=attempt, actor=judge, served=True, on=served_on)


def test_a_mediation_document_mailed_to_the_last_party_closes_on_the_mailing_day(make_case, judge):
    """A in person 05-10; B mailed 05-12 and signed 05-15: closed 05-12, effective 05-15 (it used to close 05-15)."""
    case = make_case(state="heard", filed_on=date(2024, 4, 1))
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    _serve(case, judge, plaintiff, Channel.DIRECT, date(2024, 5, 10), date(2024, 5, 10))
    _serve(case, judge, defendant, Channel.POST, date(2024, 5, 12), date(2024, 5, 15))
    assert sorted(fresh(case).mediation_service_dates(), key=lambda s: s.served_on) == [
        DocumentService(Channel.DIRECT, date(2024, 5, 10), date(2024, 5, 10)),
        DocumentService(Channel.POST, date(2024, 5, 12), date(2024, 5, 15)),
    ]
    services.case_close(case=case, actor=judge, mode="mediation")
    assert fresh(case).closed_on == date(2024, 5, 12)
    assert last_event(case).payload["mediation_effective_on"] == "2024-05-15"


def test_served_in_person_the_case_closes_on_the_last_service(make_case, judge):
    case = make_case(state="heard", filed_on=date(2024, 4, 1))
    for party, day in zip(case.parties.order_by("side"), (date(2024, 5, 9), date(2024, 5, 13)), strict=True):
        _serve(case, judge, party, Channel.DIRECT, day, day)
    services.case_close(case=case, actor=judge, mode="mediation")
    assert fresh(case).closed_on == date(2024, 5, 13)
    assert last_event(case).payload["mediation_effective_on"] == "2024-05-13"


def test_the_closing_page_closes_on_the_recorded_service(make_case, judge):
    """On the page, every party's date left empty takes the recorded service, so the mailing day counts."""
    from court.cases.actions.closing import RECORDED_SERVICE_HELP, CloseForm

    case = make_case(state="heard", filed_on=date(2024, 4, 1))
    plaintiff = case.parties.get(side=Party.Side.PLAINTIFF)
    defendant = case.parties.get(side=Party.Side.DEFENDANT)
    _serve(case, judge, plaintiff, Channel.DIRECT, date(2024, 5, 10), date(2024, 5, 10))
    partial = CloseForm({"close-mode": "mediation", f"close-served_{plaintiff.pk}": "2024-05-10"},
                        case=case, user=judge)
    assert not partial.is_valid()  # not every party's service is recorded yet
    _serve(case, judge, defendant, Channel.POST, date(2024, 5, 12), date(2024, 5, 15))
    form = CloseForm({"close-mode": "mediation"}, case=fresh(case), user=judge)
    assert form.fields[f"served_{plaintiff.pk}"].help_text == RECORDED_SERVICE_HELP
    assert form.is_valid(), form.errors
    form.perform(fresh(case), judge)
    assert fresh(case).closed_on == date(2024, 5, 12)
