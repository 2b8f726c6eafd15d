"""Driving the guided filing in the browser (selectors by name and value, so that they work in both languages)."""

from __future__ import annotations

from typing import Any


def start_draft(page, live_server) -> None:
    page.goto(f"{live_server.url}/file/")
    with page.expect_navigation():
        page.click("form[action='/file/'] button[type=submit]")
    assert "/portal/drafts/" in page.url and page.url.endswith("/court/"), page.url


def next_step(page) -> None:
    """Save and continue."""
    with page.expect_navigation():
        page.click("form.guided .submitbar button.btn-primary[name=goto]")


def go_to(page, step: str) -> None:
    """A step tab (it saves the current step first)."""
    with page.expect_navigation():
        page.click(f"form.guided .filing-steps button[value={step}]")


def fill_court(page, cause: Any) -> None:
    page.locator("select[name=cause]").select_option(str(cause.pk))
    next_step(page)


def fill_parties(page, plaintiff: str = "张三", defendants: tuple[str, ...] = ("李四",)) -> None:
    page.fill("input[name=plaintiffs-0-name]", plaintiff)
    page.fill("input[name=plaintiffs-0-address]", "蓝田县蓝关街道1号")
    for i, name in enumerate(defendants):
        if i:
            page.click("section[data-formset=defendants] [data-add-form]")
        page.fill(f"input[name=defendants-{i}-name]", name)
        page.fill(f"input[name=defendants-{i}-address]", f"蓝田县华胥镇{i + 2}号")
    next_step(page)


def fill_claims(page, items: tuple[tuple[str, str], ...] = (("判令被告归还借款人民币38000元", "38000.00"),)) -> None:
    for i, (text, amount) in enumerate(items):
        if i:
            page.click("section[data-formset=claims] [data-add-form]")
        page.fill(f"textarea[name=claims-{i}-text]", text)
        page.fill(f"input[name=claims-{i}-amount]", amount)
    next_step(page)


def fill_facts(page, text: str = "被告于2025年3月向原告借款38000元，约定三个月内归还，到期未还。") -> None:
    page.fill("textarea[name=facts]", text)
    next_step(page)


def add_evidence(page, name: str, file: dict, **fields: str) -> None:
    page.fill("input[name=evidence-name]", name)
    if "source" in fields:
        page.fill("input[name=evidence-source]", fields["source"])
    if "purpose" in fields:
        page.fill("textarea[name=evidence-purpose]", fields["purpose"])
    if "pages" in fields:
        page.fill("input[name=evidence-pages]", fields["pages"])
    page.set_input_files("input[name=evidence-file]", files=[file])
    with page.expect_navigation():
        page.click("form.guided button[name=action][value=add]")


def submit(page) -> None:
    """From the review page: submit, and land on the "received" page."""
    with page.expect_navigation():
        page.click("form[data-submit-once] button[type=submit]")
    assert page.url.endswith("/received/"), page.url


def file_online(page, live_server, cause: Any, defendants: tuple[str, ...] = ("李四",),
                evidence: tuple[tuple[str, dict], ...] = ()) -> None:
    """A whole complaint through the steps, ending on the "received" page."""
    start_draft(page, live_server)
    fill_court(page, cause)
    fill_parties(page, defendants=defendants)
    fill_claims(page)
    fill_facts(page)
    for name, file in evidence:
        add_evidence(page, name, file)
    go_to(page, "review")
    submit(page)
