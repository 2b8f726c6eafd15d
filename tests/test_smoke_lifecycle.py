from court.cases.models import CaseEvent, CaseState


def test_a_case_runs_from_filing_to_judgment(make_case):
    case = make_case(state="closed")
    assert case.state == CaseState.CLOSED
    assert case.case_number == "（2024）陕0122民初1号"
    assert case.net_trial_days == 25
    assert case.within_normal_term is True
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[0] == CaseEvent.Kind.SUBMITTED and kinds[-1] == CaseEvent.Kind.CLOSED
