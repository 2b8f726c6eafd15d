"""Filing through the guided steps in tests: `file_online(client, data)` walks the steps with one dict of fields
(each step keeps only its own) and submits; `filing_data` is the complaint the web tests used to post at once."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from court.portal.filing import steps
from court.portal.models import FilingDraft


def management(prefix: str, total: int) -> dict[str, str]:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def party(prefix: str, i: int, name: str, **extra: str) -> dict[str, str]:
    data = {"kind": "person", "name": name, "address": "蓝田县蓝关街道1号", "address_known": "on"}
    data.update(extra)
    return {f"{prefix}-{i}-{k}": v for k, v in data.items()}


def claims(*items: tuple[str, str]) -> dict[str, str]:
    data = management("claims", len(items))
    for i, (text, amount) in enumerate(items):
        data |= {f"claims-{i}-text": text, f"claims-{i}-amount": amount}
    return data


def filing_data(court, cause, **overrides: Any) -> dict[str, str]:
    """A loan complaint: two defendants, one claim of 30,000 yuan."""
    data = {"court": str(court.pk), "cause": str(cause.pk), "facts": "被告于2024年借款未还"}
    data |= claims(("判令被告归还借款3万元", "30000.00"))
    data |= management("plaintiffs", 1) | party("plaintiffs", 0, "张三", e_service_consent="on",
                                                e_address="zhangsan@example.cn")
    data |= management("defendants", 2) | party("defendants", 0, "李四") | party("defendants", 1, "王五")
    data |= management("third", 0)
    data.update(overrides)
    return data


def start(client) -> FilingDraft:
    response = client.post(reverse("file_case"))
    assert response.status_code == 302, response.status_code
    return FilingDraft.objects.filter(case__isnull=True).latest("id")


def post_step(client, draft: FilingDraft, step: str, data: dict[str, Any], **extra: Any):
    draft.refresh_from_db()
    body = {"version": str(draft.version), **data, **extra}
    return client.post(reverse("portal:draft_step", args=[draft.pk, step]), body)


def fill(client, draft: FilingDraft, data: dict[str, Any]) -> dict[str, Any]:
    """Post every step before the evidence with `data` (each step keeps its own fields); the responses by step."""
    return {step: post_step(client, draft, step, data, goto=steps.STEPS[steps.STEPS.index(step) + 1])
            for step in (steps.COURT, steps.PARTIES, steps.CLAIMS, steps.FACTS)}


def add_evidence(client, draft: FilingDraft, name: str, file, **fields: str):
    data = {"evidence-name": name, "evidence-source": fields.get("source", "原告"),
            "evidence-purpose": fields.get("purpose", "证明借款"), "evidence-pages": fields.get("pages", "1"),
            "evidence-file": file, "action": "add"}
    return post_step(client, draft, steps.EVIDENCE, data)


def submit(client, draft: FilingDraft):
    return client.post(reverse("portal:draft_submit", args=[draft.pk]))


def file_online(client, data: dict[str, Any], evidence: list[tuple[str, Any]] = ()) -> Any:
    """Start a draft, fill every step, add the evidence, submit: the submission's response (its draft as
    `response.draft`, each step's response as `response.steps`)."""
    draft = start(client)
    responses = fill(client, draft, data)
    for name, file in evidence:
        responses.setdefault("evidence", [])
        responses["evidence"].append(add_evidence(client, draft, name, file))
    response = submit(client, draft)
    response.draft, response.steps = draft, responses
    return response
