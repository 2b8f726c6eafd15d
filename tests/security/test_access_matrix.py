"""The access matrix, generated from the URL configuration: every URL pattern (pages and API) × every role ×
its own and another's object, against the rule table `RULES`. A URL without a rule fails the test (denial by
default): whoever adds a URL declares who may open it.

Each request is classified: `ok` (served, or redirected somewhere other than the sign-in), `login` (sent to
sign in, or a 401 from the API), `deny` (403), `hide` (404: the object is not there for this user), `gone`
(405: the method is not offered; POST-only URLs are then posted to, with an empty body). A rule maps each role
(and object: `own` is the party's case on team A, `other` another party's case on team B) to the class it must
get. Nothing is written: the requests a rule expects to be refused are the ones that are sent as POST.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from court.cases import services
from court.cases.models import FeeNotice
from tests.casefile.conftest import PDF, case_files_dir, upload  # noqa: F401
from court.cases.access import Action
from court.cases.actions import ACTIONS
from court.org.models import MediatorOrg, Role, User

ROLES = ["anonymous", "party", "lawyer", "other_party", "judge", "assistant", "clerk", "clerk_b", "filing_officer",
         "mediator_court", "mediator_external", "admin", "superuser"]
COURT = {"judge", "assistant", "clerk", "clerk_b", "filing_officer", "mediator_court", "mediator_external", "admin",
         "superuser"}
OUTSIDE = {"party", "lawyer", "other_party"}
SIGNED_IN = set(ROLES) - {"anonymous"}
#: Who sees which case: `own` (the party's, represented by the lawyer, team A, being served) and `other`
#: (another party's, team B). Mediators mediate neither (cases_for_user: live mediations only).
SEES = {"own": {"party", "lawyer", "judge", "assistant", "clerk", "filing_officer", "admin", "superuser"},
        "other": {"other_party", "clerk_b", "filing_officer", "admin", "superuser"}}
#: Who may take each kind of step on the `own` case (state: service, so not a filing state), declared here
#: independently of court/cases/access.py.
MAY = {
    Action.VIEW: SEES["own"],
    Action.DECIDE_FILING: {"filing_officer", "superuser"},
    Action.DOCKET: {"judge", "assistant", "clerk", "superuser"},
    Action.DECIDE: {"judge", "superuser"},
    Action.MEDIATE: {"judge", "assistant", "superuser"},
    Action.EXTEND: {"admin", "superuser"},
    Action.TRIAGE: {"judge", "superuser"},
    Action.AMEND: {"party", "lawyer", "superuser"},
    Action.AMEND_FILING: {"party", "lawyer", "filing_officer", "superuser"},
    Action.ADD_PARTY: {"judge", "assistant", "clerk", "superuser"},
    Action.END_MEDIATION: {"judge", "assistant", "clerk", "superuser"},
    Action.ASSIGN: {"filing_officer", "admin", "superuser"},
    Action.ADD_DOCUMENT: {"party", "lawyer", "judge", "assistant", "clerk", "superuser"},
    Action.WITHDRAW_FILING: {"superuser"},  # the filer's, before 立案 only
    Action.FOR_PARTY: {"party", "lawyer", "superuser"},
    Action.RECORD_FEE: {"filing_officer", "judge", "assistant", "clerk", "superuser"},
    Action.DECIDE_FEE_RELIEF: {"filing_officer", "judge", "superuser"},
}


@dataclass(frozen=True)
class Rule:
    """`expect(role, which)` → the class a GET (or, if 405, an empty POST) must get; `objects` says which
    objects fill the path (`("own", "other")`, or `(None,)` for a URL without one)."""

    expect: Callable[[str, str | None], str]
    objects: tuple[str | None, ...] = (None,)
    get: Callable[[str, str | None], str] | None = None  # what a GET gets, where it differs from a POST


def everyone(result: str = "ok") -> Rule:
    return Rule(lambda role, which: result)


def signed_in(result: str = "ok", others: str = "ok", only: set[str] | None = None) -> Rule:
    """Anonymous users sign in first; `only` get `result`, the rest `others`."""
    return Rule(lambda role, which: "login" if role == "anonymous" else
                (result if only is None or role in only else others))


def case_read(others: str = "hide") -> Rule:
    """A page or API read of one case: those who see it, 404 for everyone else."""
    return Rule(lambda role, which: "login" if role == "anonymous" else
                ("ok" if role in SEES[which] else others), objects=("own", "other"))


def case_step(action: Action, also: frozenset[str] = frozenset()) -> Rule:
    """A step on the `own` case: 404 for who cannot see it, 403 for who sees it but may not take the step."""
    def expect(role: str, which: str | None) -> str:
        if role == "anonymous":
            return "login"
        if role not in SEES["own"]:
            return "hide"
        return "ok" if role in MAY[action] | also else "deny"
    return Rule(expect, objects=("own",), get=case_read().expect)


def roles(ok: set[str], others: str = "deny") -> Rule:
    """Signed-in users in `ok` are served, the others get `others`."""
    return signed_in(only=ok, others=others)


def case_roles(ok: set[str], which: tuple[str, ...] = ("own", "other")) -> Rule:
    """A case URL: 404 for who cannot see the case, served to `ok`, 403 for the rest."""
    return Rule(lambda role, which: "login" if role == "anonymous" else
                ("hide" if role not in SEES[which] else ("ok" if role in ok else "deny")), objects=which)


TEAMS = {"judge", "assistant", "clerk", "clerk_b"}
METRICS = TEAMS | {"admin", "superuser"}
PUBLIC = ["set_language", "login", "logout", "portal:signup", "portal:signup_sent", "portal:activate",
          "portal:password_reset", "portal:password_reset_done", "portal:password_reset_confirm",
          "portal:password_reset_complete", "api:schema", "fee_callback"]
ANY_SIGNED_IN = ["portal:account", "portal:email_confirm", "portal:password_change", "portal:password_change_done",
                 "portal:join", "portal:inbox", "portal:inbox_read_all", "home", "docket", "my_cases", "mediations",
                 "api_tokens", "api:me", "api:token_list", "api:token_revoke", "api:notice_list", "api:court_list",
                 "api:cause_list", "api:case_list", "api:filings"]
#: Someone else's (or no) draft: 404 for the parties and lawyers whose drafts these pages are, 403 for the court.
DRAFTS = ["portal:draft_save", "portal:draft_submit", "portal:draft_received", "portal:draft_delete",
          "portal:draft_file", "portal:draft_file_remove", "portal:draft_step"]

RULES: dict[str, Rule] = {
    **{name: everyone() for name in PUBLIC},
    **{name: signed_in() for name in ANY_SIGNED_IN},
    **{name: Rule(lambda role, which: "login" if role == "anonymous" else ("hide" if role in OUTSIDE else "deny"),
                  objects=("own", "other")) for name in DRAFTS},
    "admin": Rule(lambda role, which: "ok" if role in ("admin", "superuser") else "login"),  # court admins are staff
    "portal:notice": signed_in("hide"),  # another's notice or none: 404
    "portal:cause_search": roles(OUTSIDE),
    "file_case": roles(OUTSIDE),
    "filing_queue": roles({"filing_officer", "admin", "superuser"}),
    "applications_queue": roles(TEAMS | {"admin", "superuser"}),
    "work_queue": roles(TEAMS | {"admin", "superuser"}),
    # The docket's and the queue's print and CSV/Excel export (issue 12): as their pages, parties and lawyers refused.
    **{name: roles(COURT) for name in ["docket_print", "docket_export"]},
    **{name: roles(TEAMS | {"admin", "superuser"}) for name in ["work_queue_print", "work_queue_export"]},
    "case_detail": case_read(),
    "case_document_upload": case_read(),
    "case_evidence_add": case_read(),
    "document_download": case_read(),
    "case_correction": case_roles({"party", "lawyer", "other_party", "filing_officer", "superuser"}),
    "case_generate_document": case_roles(TEAMS | {"filing_officer", "superuser"}),
    "case_hearing_papers": case_roles(TEAMS | {"superuser"}),  # a summons is the trial team's (paperwork.kinds)
    "portal:issue_code": case_roles(SEES["own"] | SEES["other"], which=("own",)),
    "fee_pay": case_roles(SEES["own"] | SEES["other"], which=("own",)),
    **{f"case_{slug}": case_step(form.spec.needs) for slug, form in ACTIONS.items()},
    # The service address: the party for itself, or the team records it (can_for_party with DOCKET).
    "case_address": case_step(Action.FOR_PARTY, also=frozenset(MAY[Action.DOCKET])),
    **{name: roles(METRICS) for name in ["metrics_dashboard", "metrics_details", "metrics_cases", "metrics_export",
                                         "metrics_report_pdf", "metrics_report_xlsx", "api:metrics"]},
    "metrics_archived": roles({"admin", "superuser"}, others="deny") if False else
    Rule(lambda role, which: "login" if role == "anonymous" else ("hide" if role in ("admin", "superuser") else "deny")),
    **{name: roles({"admin", "superuser"}) for name in ["triage:threshold", "triage:versions", "triage:active_card"]},
    "triage:card": Rule(lambda role, which: "login" if role == "anonymous" else
                        ("hide" if role in ("admin", "superuser") else "deny")),  # no such model version: 404
    "triage:activate": Rule(lambda role, which: "login" if role == "anonymous" else
                            ("ok" if role in ("admin", "superuser") else "deny")),
    "triage:decide": signed_in("hide"),  # no such recommendation
    "triage:retriage": case_step(Action.TRIAGE),
    "api:case_detail": case_read(),
    # The API's steps on a case (court/api/views/casefile.py, async_hearings.py, party_steps.py): a GET as a case
    # read, a POST as the page's step (the case file: ADD_DOCUMENT; the party's own filings: FOR_PARTY).
    "api:case_documents": case_step(Action.ADD_DOCUMENT),
    "api:case_evidence": case_step(Action.ADD_DOCUMENT),
    "api:case_async_hearings": case_read(),
    **{name: case_step(Action.FOR_PARTY) for name in ["api:case_async_submissions", "api:case_answers",
                                                       "api:case_applications", "api:fee_payments", "api:fee_relief"]},
    "api:case_hearings": case_read(),
    "api:case_fees": case_read(),
    "api:document_download": case_read(),
    "api:docket": roles(COURT),
    "api:filing_queue": roles({"filing_officer", "admin", "superuser"}),
    "api:not_found": everyone("hide"),
    # Mediation (court.mediation): the list for everyone signed in; diversion the filing officer's, an in-case
    # mediation the team's; a mediation page by its own pk (none here: 404; tests/mediation/test_pages.py has
    # the roles on a real one).
    "mediation:list": signed_in(),
    "mediation:divert": case_roles(MAY[Action.DECIDE_FILING], which=("own",)),
    "mediation:start": case_roles(MAY[Action.DOCKET], which=("own",)),
    "mediation:detail": signed_in("hide"),
    "metrics_mediation": roles({"admin", "superuser"}),  # the chain is the whole court's, not a team's
    # Hearings (court.hearings): the 开庭公告 for anyone; the calendars for the court's staff (not outsiders: 404);
    # a room or an online hearing room that is not there: 404 (tests/hearings/test_pages.py has the real ones).
    "hearing_announcements": everyone(),
    "hearing_calendars": roles(COURT - {"mediator_external"}, others="hide"),
    "calendar_team": roles(COURT - {"mediator_external"}, others="hide"),
    "calendar_room": signed_in("hide"),
    "hearing_room": signed_in("hide"),
}


# --- the machinery ----------------------------------------------------------------------------------------------

def patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    """(name, route, pattern) of every URL; the admin's own URLs count as one ("admin")."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if getattr(pattern, "app_name", None) == "admin":
                yield "admin", route, pattern
                continue
            yield from patterns(pattern, route, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
        else:
            assert isinstance(pattern, URLPattern)
            yield namespace + (pattern.name or route), route, pattern


def classify(response: Any) -> str:
    status = response.status_code
    if status == 401 or (status == 302 and "/login/" in response.get("Location", "")):
        return "login"
    return {403: "deny", 404: "hide", 405: "gone"}.get(status, "ok" if status < 400 or status in (400, 409, 422)
                                                      else f"status {status}")


@pytest.fixture
def world(db, case_files_dir, court, team, team_b, judge, assistant, clerk, other_judge, filing_officer, admin, party, lawyer,
          make_case, settings):
    """Every role and the two cases; the throttles off."""
    settings.FANJIAN_API_RATES = {"anon": "100000/min", "user": "100000/min", "write": "100000/min"}
    settings.AXES_ENABLED = False
    cache.clear()
    mk = lambda name, role, **kw: User.objects.create_user(username=name, password="x", role=role, **kw)  # noqa: E731
    users = {
        "anonymous": None, "party": party, "lawyer": lawyer, "judge": judge, "assistant": assistant,
        "clerk": clerk, "filing_officer": filing_officer, "admin": admin,
        "other_party": mk("other_party", Role.PARTY),
        "clerk_b": mk("clerk_b", Role.CLERK, court=court, team=team_b),
        "mediator_court": mk("med_court", Role.MEDIATOR, court=court, mediator_org=MediatorOrg.COURT),
        "mediator_external": mk("med_elder", Role.MEDIATOR, court=court, mediator_org=MediatorOrg.VILLAGE_ELDER),
        "superuser": User.objects.create_superuser(username="root", password="x", court=court),
    }
    own = make_case(state="service")
    other = make_case(state="accepted", plaintiff_user=users["other_party"], lawyer=None, team=team_b,
                      judge=other_judge)
    for case in (own, other):
        services.document_upload(case=case, actor=None, kind="other", title="起诉状", file=upload("a.pdf", PDF))
        FeeNotice.objects.create(case=case, amount="50.00", issued_on=case.filed_on)
    return users, {"own": own, "other": other}


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


REFUSED = ("login", "deny", "hide")


def observe(world: Any, fill: Callable[[str | None, dict[str, Any]], str | None], name: str, rule: Rule
            ) -> list[str]:
    """Every role on every object of one URL: a GET, and an empty POST wherever the rule expects a refusal (so
    nothing is ever written by a request the rule allows). A GET answered 405 stands for what the POST gets."""
    users, objects = world
    wrong = []
    for which in rule.objects:
        url = fill(which, objects)
        for role in ROLES:
            client = client_for(users[role])
            want_post = rule.expect(role, which)
            want_get = rule.get(role, which) if rule.get else want_post
            got_get = classify(client.get(url))
            if got_get != "gone" and got_get != want_get:
                wrong.append(f"{name} GET {url} as {role}: got {got_get}, rule says {want_get}")
            if want_post in REFUSED or (got_get == "gone" and want_get in REFUSED):
                got_post = classify(client.post(url, {}))
                if got_post == "gone" and got_get != "gone":
                    continue  # a GET-only URL: the GET was checked
                if got_post != want_post:
                    wrong.append(f"{name} POST {url} as {role}: got {got_post}, rule says {want_post}")
    return wrong


def fill_for(name: str, route: str) -> Callable[[str | None, dict[str, Any]], str]:
    """The URL of `name` with its path filled from the objects (`which`: own or other)."""
    def fill(which: str | None, objects: dict[str, Any]) -> str:
        case = objects.get(which or "own")
        values = PATH_VALUES.get(name, {})
        text = "/" + route
        import re

        def value(match: re.Match[str]) -> str:
            key = match.group(2)
            if key in values:
                got = values[key]
                return str(got(case) if callable(got) else got)
            if key in ("pk", "case_pk"):
                return str(case.pk)
            return "0"
        return re.sub(r"<(?:(\w+):)?(\w+)>", value, text).replace("^.*$", "no-such-thing/")
    return fill


#: Path values other than the case's pk, by URL name (a callable gets the case).
_DOCUMENT = {"pk": lambda case: case.documents.get().pk}
PATH_VALUES: dict[str, dict[str, Any]] = {
    "document_download": _DOCUMENT, "api:document_download": _DOCUMENT,
    "portal:issue_code": {"party_pk": lambda case: case.parties.first().pk},
    "fee_pay": {"notice_pk": lambda case: case.fee_notices.get().pk},
    "api:fee_payments": {"notice_pk": lambda case: case.fee_notices.get().pk},
    "api:fee_relief": {"notice_pk": lambda case: case.fee_notices.get().pk},
    "metrics_export": {"table": "cases", "fmt": "csv"},
    "docket_export": {"fmt": "xlsx"}, "work_queue_export": {"fmt": "csv"},
    "calendar_team": {"pk": lambda case: case.team_id, "view": "week"},
    "calendar_room": {"view": "week"},
}


def test_every_url_has_a_rule():
    missing = sorted({name for name, _route, _p in patterns()} - set(RULES))
    assert missing == [], f"URLs without an access rule (add them to RULES): {missing}"


#: The matrix in shards (every SHARDS-th URL each), so that the suite's workers share its few thousand requests.
SHARDS = 6


@pytest.mark.parametrize("shard", range(SHARDS))
def test_the_access_matrix(world, shard):
    ruled = [(name, route) for name, route, _pattern in patterns() if name in RULES]
    assert len(ruled) > 100  # every URL of the URLconf is here (test_every_url_has_a_rule checks the rest)
    wrong = []
    for name, route in ruled[shard::SHARDS]:
        wrong += observe(world, fill_for(name, route), name, RULES[name])
    assert wrong == [], "\n".join(wrong)
