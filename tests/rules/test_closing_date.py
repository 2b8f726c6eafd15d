"""The closing date: TL2000 Art. 10; JI 243; JI 149."""

from datetime import date

import pytest

from court.rules.errors import RuleViolation
from court.rules.procedure import DocumentService, closing_date, mediation_closing_date, mediation_effective_date


def test_a_judgment_closes_on_pronouncement() -> None:
    assert closing_date(mode="judgment", pronounced_on=date(2024, 3, 1), ruling_on=date(2024, 2, 1)) == date(2024, 3, 1)


def test_a_mediated_case_closes_when_the_last_party_is_served() -> None:
    served = [date(2024, 3, 5), date(2024, 3, 8), date(2024, 3, 6)]
    assert closing_date(mode="mediation", mediation_served_on=served) == date(2024, 3, 8)
    assert closing_date(mode="mediation", mediation_served_on=served, parties=3) == date(2024, 3, 8)


def test_a_mediated_case_needs_every_partys_service_date() -> None:
    with pytest.raises(RuleViolation):
        closing_date(mode="mediation")
    with pytest.raises(RuleViolation) as excinfo:
        closing_date(mode="mediation", mediation_served_on=[date(2024, 3, 5)], parties=2)
    assert excinfo.value.code == "closing_needs_mediation_service"


@pytest.mark.parametrize(
    "mode", ["withdrawal", "deemed_withdrawal", "dismissal", "transfer", "termination", "other"]
)
def test_other_modes_close_on_the_ruling_date(mode: str) -> None:
    assert closing_date(mode=mode, ruling_on=date(2024, 2, 1)) == date(2024, 2, 1)
    with pytest.raises(RuleViolation) as excinfo:
        closing_date(mode=mode, pronounced_on=date(2024, 2, 1))
    assert excinfo.value.code == "closing_needs_ruling"


def test_a_judgment_without_a_pronouncement_date_is_an_error() -> None:
    with pytest.raises(RuleViolation) as excinfo:
        closing_date(mode="judgment", ruling_on=date(2024, 2, 1))
    assert excinfo.value.article == "TL2000 Art. 10"


# TL2000 Art. 10 para 2: "人民法院判决书宣判、裁定书宣告或者调解书送达有下列情形之一的，结案时间遵守以下规定：…（三）邮寄送达
# 的，以交邮日期为结案时间；（四）通过有关单位转交送达的，以送达回证上当事人签收的日期为结案时间。"
# JI 149: "…应当以最后收到调解书的当事人签收的日期为调解书生效日期。"


def test_a_mediation_document_sent_by_post_closes_on_the_mailing_date() -> None:
    """A in person 05-10; B mailed 05-12, signed 05-15: the case closes 05-12, the document takes effect 05-15."""
    services = [DocumentService("direct", date(2024, 5, 10), date(2024, 5, 10)),
                DocumentService("post", date(2024, 5, 12), date(2024, 5, 15))]
    assert closing_date(mode="mediation", mediation_served_on=services, parties=2) == date(2024, 5, 12)
    assert mediation_effective_date(services) == date(2024, 5, 15)


def test_a_case_never_closes_before_a_party_served_in_person_had_the_document() -> None:
    """A in person 05-10; B mailed 05-08, signed 05-13: the latest of the parties' closing days, 05-10 (the
    reading that takes the mailing day of the party who received last would give 05-08)."""
    services = [DocumentService("direct", date(2024, 5, 10), date(2024, 5, 10)),
                DocumentService("post", date(2024, 5, 8), date(2024, 5, 13))]
    assert mediation_closing_date(services) == date(2024, 5, 10)


def test_service_in_person_or_through_another_court_closes_on_the_day_signed() -> None:
    services = [DocumentService("direct", date(2024, 5, 6), date(2024, 5, 7)),
                DocumentService("entrusted", date(2024, 5, 2), date(2024, 5, 9)),
                DocumentService("electronic", date(2024, 5, 8), date(2024, 5, 8))]
    assert mediation_closing_date(services) == date(2024, 5, 9)
    assert mediation_effective_date(services) == date(2024, 5, 9)
