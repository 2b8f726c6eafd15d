"""“Correct your complaint” (REG2015 Art. 7; OLR 9(2)): the requested items and the deadline, the complaint
pre-filled, bad input kept with the message next to its field, evidence added and withdrawn, resubmission."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from court.cases import services
from court.cases.models import CaseEvent, CaseState, Party
from court.cases.term import today
from court.org.models import Role, User
from tests.casefile.conftest import PDF, case_files_dir, upload  # noqa: F401  (case files in a temporary folder)

from .conftest import page_text


@pytest.fixture
def asked(make_case, filing_officer):
    case = make_case(state="filed", filed_on=today())
    return services.case_request_correction(case=case, actor=filing_officer, items="1. 被告住址不详\n2. 金额计算有误",
                                            on=today(), due_on=today() + timedelta(days=10))


def _post(case, *, amount="30000", address="蓝田县蓝关街道", resubmit=False, files=None, **extra):
    parties = list(case.parties.all())
    data = {"claim_amount": amount, "claims": case.claims, "facts": "更正后的事实",
            "parties-TOTAL_FORMS": str(len(parties) + 1), "parties-INITIAL_FORMS": str(len(parties)),
            "parties-MIN_NUM_FORMS": "0", "parties-MAX_NUM_FORMS": "30",
            "evidence-TOTAL_FORMS": "1", "evidence-INITIAL_FORMS": "0", "evidence-MIN_NUM_FORMS": "0",
            "evidence-MAX_NUM_FORMS": "20"}
    for i, p in enumerate(parties):
        data.update({f"parties-{i}-id": str(p.pk), f"parties-{i}-side": p.side, f"parties-{i}-kind": p.kind,
                     f"parties-{i}-name": p.name, f"parties-{i}-e_address": p.e_address or "li@example.cn"})
        data[f"parties-{i}-address"] = address if p.side == Party.Side.DEFENDANT else "蓝田县原告住址"
        if p.address_known:
            data[f"parties-{i}-address_known"] = "on"
        if p.e_service_consent:
            data[f"parties-{i}-e_service_consent"] = "on"
    data.update(files or {})
    data.update(extra)
    if resubmit:
        data["resubmit"] = "1"
    return data


def test_the_page_shows_the_items_the_deadline_and_the_complaint(asked, party, as_user):
    response = as_user(party).get(reverse("case_correction", args=[asked.pk]))
    text = page_text(response)
    assert response.status_code == 200
    assert "被告住址不详" in text and "金额计算有误" in text
    assert (today() + timedelta(days=10)).isoformat() in text
    assert response.context["form"]["claim_amount"].value() == Decimal("30000.00")
    assert len(response.context["party_forms"].forms) == 3  # plaintiff, defendant, a blank one to add


def test_the_case_page_and_my_cases_lead_to_it(asked, party, as_user):
    client = as_user(party)
    url = reverse("case_correction", args=[asked.pk])
    assert url in page_text(client.get(reverse("case_detail", args=[asked.pk])))
    my = page_text(client.get(reverse("my_cases")))
    assert url in my and (today() + timedelta(days=10)).isoformat() in my


def test_a_bad_amount_is_shown_next_to_the_field_and_nothing_typed_is_lost(asked, party, as_user):
    response = as_user(party).post(reverse("case_correction", args=[asked.pk]),
                                   _post(asked, amount="-5", address="西安市新地址"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["claim_amount"]
    text = page_text(response)
    assert 'data-field="claim_amount"' in text and "has-error" in text
    assert "更正后的事实" in text and "西安市新地址" in text  # what was typed stays
    assert asked.parties.get(side=Party.Side.DEFENDANT).address == "蓝田县蓝关街道"  # nothing saved


def test_a_missing_address_is_refused_next_to_the_party_field(asked, party, as_user):
    response = as_user(party).post(reverse("case_correction", args=[asked.pk]), _post(asked, address=""))
    assert response.status_code == 200
    assert response.context["party_forms"].forms[1].errors["address"]


def test_the_party_corrects_adds_evidence_and_resubmits(asked, party, as_user):
    files = {"evidence-0-name": "借条", "evidence-0-file": upload("iou.pdf", PDF)}
    response = as_user(party).post(reverse("case_correction", args=[asked.pk]),
                                   _post(asked, amount="45000", address="西安市雁塔区1号", resubmit=True, files=files))
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.state == CaseState.FILED and asked.claim_amount == Decimal("45000")
    assert asked.parties.get(side=Party.Side.DEFENDANT).address == "西安市雁塔区1号"
    assert asked.evidence.get(name="借条").document.original_name == "iou.pdf"
    kinds = list(asked.events.order_by("id").values_list("kind", flat=True))
    assert kinds[-3:] == [CaseEvent.Kind.FILING_AMENDED, CaseEvent.Kind.EVIDENCE_ADDED, CaseEvent.Kind.RESUBMITTED]


def test_evidence_is_withdrawn_from_the_list(asked, party, as_user):
    services.evidence_add(case=asked, actor=party, items=[services.EvidenceInput(name="旧证据",
                                                                                 file=upload("a.pdf", PDF))])
    item = asked.evidence.get()
    response = as_user(party).post(reverse("case_correction", args=[asked.pk]),
                                   _post(asked, withdraw_evidence=str(item.pk)))
    assert response.status_code == 302
    assert not asked.evidence.exists()
    assert asked.documents.count() == 1  # the file stays in the case file


@pytest.mark.parametrize("who,status", [("party", 200), ("lawyer", 200), ("filing_officer", 200),
                                        ("stranger", 404), ("judge", 404), ("other_judge", 404), ("mediator", 404),
                                        ("admin", 403)])
def test_who_opens_the_correction_page(request, asked, as_user, who, status):
    response = as_user(request.getfixturevalue(who)).get(reverse("case_correction", args=[asked.pk]))
    assert response.status_code == status


def test_a_defendant_who_joined_early_may_not_correct(asked, as_user):
    user = User.objects.create_user(username="d", password="x", role=Role.PARTY)
    asked.parties.filter(side=Party.Side.DEFENDANT).update(user=user)
    assert as_user(user).get(reverse("case_correction", args=[asked.pk])).status_code == 403


def test_a_complaint_not_in_correction_sends_back_to_the_case(make_case, party, as_user):
    case = make_case(state="filed", filed_on=today())
    response = as_user(party).get(reverse("case_correction", args=[case.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("case_detail", args=[case.pk])


def test_before_acceptance_the_page_shows_no_procedure_bench_or_term(asked, party, filing_officer, as_user):
    for user in (party, filing_officer):
        response = as_user(user).get(reverse("case_detail", args=[asked.pk]))
        text = page_text(response)
        assert 'id="not-decided"' in text and "Bench" not in text and "Term ledger" not in text
        assert response.context["term"] is None


def test_parties_are_listed_plaintiffs_first(make_case, party, as_user):
    from court.cases.services import PartyInput

    case = make_case(state="filed", filed_on=today())
    services.party_add(case=case, actor=party, data=PartyInput(side=Party.Side.PLAINTIFF, name="赵六"))
    sides = [p.side for p in as_user(party).get(reverse("case_detail", args=[case.pk])).context["parties"]]
    assert sides == ["plaintiff", "plaintiff", "defendant"]
