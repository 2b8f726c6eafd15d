"""The case timeline for people (issue 12: it showed raw payload keys such as `p_complex 0.112 needs_review False`,
`mode in_person`, `True` and ISO datetimes with +08:00)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

from court.cases import services
from court.cases.models import CaseEvent
from court.cases.services.base import log_event
from court.cases.term import today
from court.cases.timeline import PAYLOAD_FIELDS, payload_items

from .conftest import page_text

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _timeline(response) -> str:
    text = page_text(response)
    return text[text.index('id="h-events"'):text.index('id="h-actions"')]


def _hearing_scheduled(recent, judge):
    case = recent(state="service", days_ago=30)
    services.hearing_schedule(case=case, actor=judge, notified_on=today() - timedelta(days=10),
                              starts_at=datetime.combine(today() - timedelta(days=1), time(9, 30), SHANGHAI),
                              room="第一法庭")
    return case


def test_staff_read_labels_choices_and_local_times(recent, judge, as_user):
    case = _hearing_scheduled(recent, judge)
    shown = _timeline(as_user(judge).get(reverse("case_detail", args=[case.pk])))
    day = today() - timedelta(days=1)
    assert f"<b>Starts at</b> {day} 09:30" in shown and "+08:00" not in shown and "T01:30" not in shown
    assert "<b>Mode</b> In person" in shown and "in_person" not in shown
    assert "<b>Courtroom or link</b> 第一法庭" in shown
    assert "<b>No answer period needed</b> No" in shown and "False" not in shown


def test_parties_see_only_the_labelled_keys(recent, judge, party, as_user):
    case = _hearing_scheduled(recent, judge)
    shown = _timeline(as_user(party).get(reverse("case_detail", args=[case.pk])))
    assert "<b>Mode</b> In person" in shown and "<b>Courtroom or link</b> 第一法庭" in shown
    assert "<b>hearing</b>" not in shown  # the hearing's id: internal (INTERNAL_KEYS), shown to no one
    staff = _timeline(as_user(judge).get(reverse("case_detail", args=[case.pk])))
    assert "<b>hearing</b>" not in staff and "<b>Mode</b> In person" in staff


def test_the_triage_workings_read_for_the_staff(make_case, judge):
    items = dict(payload_items({"p_complex": 0.112, "needs_review": False, "route": "simple",
                                "model_version": "v3"}, staff=True))
    assert items == {"Probability of a complex case": "11%", "Needs a judge's review": "No",
                     "Route": "Simple procedure", "Model version": "v3"}
    assert payload_items({"p_complex": 0.112, "needs_review": False, "model_version": "v3"}, staff=False) == []


def test_amounts_dates_lists_and_empty_values():
    items = dict(payload_items({"top_up": "2500", "top_up_due": "2024-03-28", "within_normal_term": True,
                                "online_consents": {"张三": "2024-03-01", "李四": ""}, "room": "",
                                "answer_due": None}, staff=False))
    assert items == {"Fee to top up": "2,500.00 yuan", "Top up by": "2024-03-28", "Within the normal term": "Yes",
                     "Consents to an online hearing": "张三 (2024-03-01)、李四"}


def test_the_timeline_reads_in_chinese(chinese, recent, judge, as_user):
    case = _hearing_scheduled(recent, judge)
    shown = _timeline(as_user(judge).get(reverse("case_detail", args=[case.pk])))
    assert "<b>方式</b>" in shown and "<b>开庭时间</b>" in shown and "<b>否</b>" not in shown and " 否" in shown


def test_every_label_is_declared_once_with_a_formatter():
    assert all(field.label and callable(field.format) for field in PAYLOAD_FIELDS.values())


def test_an_event_of_another_app_with_unknown_keys_shows_them_to_staff_only(recent, judge, party, as_user):
    case = recent(state="service")
    log_event(case, CaseEvent.Kind.PARTY_ADDED, actor=judge, on=today(),
              name="王五", secret_key="x1")
    assert "secret_key" in _timeline(as_user(judge).get(reverse("case_detail", args=[case.pk])))
    party_view = _timeline(as_user(party).get(reverse("case_detail", args=[case.pk])))
    assert "secret_key" not in party_view and "<b>Name</b> 王五" in party_view


def _payload_keys_written() -> dict[str, set[str]]:
    """Every keyword our code passes to `log_event` (court/ and triage/), with the files that pass it."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    keys: dict[str, set[str]] = {}
    for path in [*root.joinpath("court").rglob("*.py"), *root.joinpath("triage").rglob("*.py")]:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "log_event":
                for kw in node.keywords:
                    if kw.arg:
                        keys.setdefault(kw.arg, set()).add(str(path.relative_to(root)))
    return keys


def test_every_payload_key_our_services_write_reads_with_a_label_or_is_internal():
    """Issue 12: the timeline showed raw keys (`p_complex 0.112 needs_review False`, `trigger`, `decided_by`)."""
    from court.cases.timeline import INTERNAL_KEYS

    columns = {"actor", "on", "from_state", "to_state", "reason", "basis"}  # CaseEvent's own fields
    keys = _payload_keys_written()
    assert len(keys) > 100  # the scan finds the services' calls
    raw = {key: sorted(files) for key, files in keys.items()
           if key not in PAYLOAD_FIELDS and key not in INTERNAL_KEYS and key not in columns}
    assert raw == {}


def test_triage_triggers_read_as_words(make_case, judge):
    from triage.models import trigger_label

    assert trigger_label("service_failed") == "Service failed"
    assert trigger_label("submitted") == "Complaint submitted"
    assert trigger_label("sweep") == "the retry of a failed triage"
    items = dict(payload_items({"trigger": "service_failed", "decided_by": "model", "recommendation": 7},
                               staff=True))
    assert items == {"After": "Service failed", "Decided by": "The model"}
    # "document" is a service's document kind in one event and a file's id in another: the id is not shown
    assert dict(payload_items({"document": 3, "kind": "evidence"}, staff=True)) == {"Kind": "Evidence"}
    assert dict(payload_items({"document": "summons"}, staff=True)) == {"Document": "Summons"}
