"""Every legal bar holds in a plan (JI 257, CPL 165-166, JI 258, JI 140, TL2000 Art. 10, CPL 145)."""

from datetime import date

import pytest

from court.demo.plan import CAUSE_BY_NAME, DemoPlan, plan_court
from court.rules.calendar import WorkdayCalendar
from court.rules.procedure import NUMEROUS_PARTIES
from court.rules.terms import deadline_reporting_unknown_year, excluded_days

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    return plan_court(1500, 11, today=TODAY)


def accepted(plan: DemoPlan):
    return [c for c in plan.cases if c.filed_on]


def test_barred_cases_never_start_simple_or_small_claims(plan: DemoPlan) -> None:
    barred = [c for c in accepted(plan) if not c.defendant_address_known or c.foreign_related
              or max(c.plaintiffs, c.defendants) >= NUMEROUS_PARTIES]
    assert barred, "the plan should contain barred cases"
    assert all(c.initial_procedure == "ordinary" for c in barred)


def test_small_claims_are_money_claims_at_or_under_half_the_wage(plan: DemoPlan) -> None:
    small = [c for c in accepted(plan) if c.initial_procedure == "small_claims"]
    assert small
    for case in small:
        assert 0 < case.claim_amount <= plan.wage / 2
        assert not case.appraisal_requested


def test_small_claims_only_for_money_payments_never_status_or_title(plan: DemoPlan) -> None:
    """CPL 165 "简单金钱给付民事案件"; CPL 166 "（一）人身关系、财产确权案件" never: each cause's claim nature, as the
    catalogue (causes_2020.json) states it, decides; 法定继承纠纷 is a title case whatever its amount."""
    small = [c for c in accepted(plan) if c.initial_procedure == "small_claims"]
    assert {CAUSE_BY_NAME[c.cause].claim_nature for c in small} <= {"money", "mixed"}
    assert all(c.money_claim_only for c in small if CAUSE_BY_NAME[c.cause].claim_nature == "mixed")
    inheritance = [c for c in accepted(plan) if c.cause == "法定继承纠纷" and 0 < c.claim_amount <= plan.wage / 2]
    assert inheritance and not any(c.initial_procedure == "small_claims" for c in inheritance)


def test_every_demo_cause_takes_its_claim_nature_from_the_catalogue() -> None:
    from court.demo.plan.causes import CAUSES, CLAIM_NATURES

    assert all(spec.name in CLAIM_NATURES for spec in CAUSES)
    assert CAUSE_BY_NAME["离婚纠纷"].claim_nature == "status"
    assert CAUSE_BY_NAME["法定继承纠纷"].claim_nature == "title"
    assert CAUSE_BY_NAME["买卖合同纠纷"].claim_nature == "mixed"


def test_conversions_to_ordinary_come_before_the_simple_term_expires(plan: DemoPlan) -> None:
    calendar = WorkdayCalendar()
    converted = [c for c in accepted(plan) if c.converted_on]
    assert converted
    for case in converted:
        months = 2 if case.initial_procedure == "small_claims" else 3
        excluded = excluded_days(case.filed_on, case.converted_on, case.periods())
        assert case.converted_on <= deadline_reporting_unknown_year(case.filed_on, months, excluded, calendar)[0]


def test_publication_only_under_ordinary_procedure(plan: DemoPlan) -> None:
    published = 0
    for case in accepted(plan):
        procedure = case.initial_procedure
        for step in case.steps:
            if step.op == "convert":
                procedure = step.args["to"]
            if step.op == "service_send" and step.args["channel"] == "publication":
                published += 1
                assert procedure == "ordinary"
    assert published


def test_mediation_closes_on_the_last_partys_service(plan: DemoPlan) -> None:
    mediated = [c for c in accepted(plan) if c.closing_mode == "mediation"]
    assert mediated
    for case in mediated:
        served = [s.on for s in case.steps if s.op == "service_record" and s.args["ref"].startswith("m")]
        assert len(served) == len(case.parties)
        assert max(served) == case.closed_on


def test_a_judgment_needs_a_hearing_held_before_it(plan: DemoPlan) -> None:
    judged = [c for c in accepted(plan) if c.closing_mode == "judgment"]
    assert judged
    for case in judged:
        held = [s.on for s in case.steps if s.op == "hearing_hold"]
        assert held and max(held) <= case.closed_on


def test_every_closing_mode_occurs(plan: DemoPlan) -> None:
    modes = {c.closing_mode for c in plan.historical}
    assert modes == {"judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "transfer",
                     "termination", "other"}


def _ordinary_at(case, step_on: date) -> bool:
    procedure = case.initial_procedure
    for step in case.steps:
        if step.on > step_on:
            break
        if step.op == "convert":
            procedure = step.args["to"]
    return procedure == "ordinary"


def test_ordinary_hearings_come_after_the_answer_and_evidence_periods(plan: DemoPlan) -> None:
    """CPL 128 "被告应当在收到之日起十五日内提出答辩状"; CPL 285 (no domicile in China) "三十日内"; JI 99 "人民法院应当在
    审理前的准备阶段确定当事人的举证期限……第一审普通程序案件不得少于十五日"."""
    from court.rules.periods import answer_due, day_period_end

    calendar = WorkdayCalendar()
    checked = 0
    for case in accepted(plan):
        hearings = [s for s in case.steps if s.op == "hearing_schedule" and _ordinary_at(case, s.on)]
        if not hearings:
            continue
        sent = {s.args["ref"]: s.args["party"] for s in case.steps
                if s.op == "service_send" and s.args["document"] == "complaint"}
        served = {}
        for s in case.steps:
            if s.op == "service_record" and s.args["served"] and s.args["ref"] in sent:
                served.setdefault(sent[s.args["ref"]], s.on)
        evidence = [s for s in case.steps if s.op == "evidence_period"]
        assert len(evidence) == 1 and evidence[0].args["days"] >= 15, case.key
        assert len(served) == case.defendants, case.key
        ready = max([answer_due(on, no_domicile=case.parties[i].no_domicile_in_china, calendar=calendar)
                     for i, on in served.items()] + [day_period_end(evidence[0].on, evidence[0].args["days"],
                                                                    calendar=calendar)])
        assert all(h.args["day"] > ready for h in hearings), case.key
        checked += 1
    assert checked > 50


def test_online_hearings_only_with_every_partys_own_consent(plan: DemoPlan) -> None:
    """OLR 4(4): consent to electronic service is not consent to an online hearing; each party gives its own."""
    online = [c for c in accepted(plan) if any(s.op == "hearing_schedule" and s.args["mode"] != "in_person"
                                               for s in c.steps)]
    assert online
    assert all(p.online_hearing_consent for c in online for p in c.parties)


def test_publication_takes_sixty_days_only_for_a_party_abroad(plan: DemoPlan) -> None:
    """CPL 95: "经过三十日，即视为送达"; CPL 283: sixty days for a party with no domicile in China, not for every
    party of a foreign-related case."""
    for case in accepted(plan):
        for period in case.periods():
            if period.kind != "publication":
                continue
            step = next(s for s in case.steps if s.op == "service_send" and s.on == period.start_on
                        and s.args["channel"] == "publication")
            days = 60 if case.parties[step.args["party"]].no_domicile_in_china else 30
            assert (period.end_on - period.start_on).days >= days
            assert (period.end_on - period.start_on).days < days + 10


def test_a_counterclaim_moves_a_small_claims_case_out_before_it_closes(plan: DemoPlan) -> None:
    """CPL 166 "（五）当事人提出反诉的案件" are no small claims; JI 278: "…提出反诉…致使案件不符合小额诉讼案件条件的，
    应当适用简易程序的其他规定审理"."""
    moved = 0
    for case in accepted(plan):
        counter = next((s for s in case.steps if s.op == "counterclaim"), None)
        if counter is None or case.initial_procedure != "small_claims":
            continue
        convert = next(s for s in case.steps if s.op == "convert")
        assert convert.on == counter.on and case.steps.index(convert) > case.steps.index(counter)
        moved += 1
    assert moved
