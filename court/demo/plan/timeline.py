"""The timeline of one case: its path through the procedures, how it ends, and its dated steps.

`spec_for` draws the structure of a case's life (initial procedure and conversions, closing mode, whether it
ends out of the normal term, its excluded periods); `realise` lays that structure out as dated `Step`s that
close a given number of days after filing, or says it cannot fit the term rules.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from court.rules.periods import answer_due, day_period_end, publication_effective
from court.rules.terms import add_months

from ..people import MEDIATORS
from .case import CALENDAR, ORDINARY, SIMPLE, SMALL, CasePlan, Step, simple_barred, small_claims_eligible
from .causes import CAUSE_BY_NAME


def _choose_path(case: CasePlan, rng: random.Random, ordinary: bool, wage: Decimal) -> dict[str, Any]:
    """Initial procedure and conversions, given whether the case ends under ordinary procedure."""
    if ordinary:
        if simple_barred(case) or rng.random() < 0.62:
            return {"initial": ORDINARY, "convert": None}
        initial = SMALL if small_claims_eligible(case, wage) and rng.random() < 0.35 else SIMPLE
        return {"initial": initial, "convert": ORDINARY}
    if small_claims_eligible(case, wage) and rng.random() < 0.62:
        return {"initial": SMALL, "convert": SIMPLE if rng.random() < 0.05 else None}
    return {"initial": SIMPLE, "convert": None}


def _choose_mode(case: CasePlan, rng: random.Random, final: str) -> str:
    spec = CAUSE_BY_NAME[case.cause]
    if case.spec.get("forced_mode"):
        return case.spec["forced_mode"]
    mw = 0.40 + spec.mediation_bias - (0.08 if final == ORDINARY else 0.0)
    r = rng.random()
    if r < mw * 0.46:
        return "mediation"
    if r < mw * 0.92:
        return "withdrawal"
    if r < mw:
        return "deemed_withdrawal"
    r = rng.random()
    if r < 0.035:
        return "dismissal"
    if r < 0.05:
        return "transfer" if case.side_kind("defendant") != "person" else "dismissal"
    if r < 0.06 and final == ORDINARY:
        return "termination"
    if r < 0.075:
        return "other"
    return "judgment"


#: The evidence period the demo court sets before an ordinary hearing (JI 99: "不得少于十五日").
EVIDENCE_DAYS = 15

_NET = {  # (min, max, mode) of net trial days within the normal term, by final procedure and closing mode
    SMALL: {"judgment": (16, 58, 30), "mediation": (7, 56, 20), "withdrawal": (4, 50, 14), "other": (8, 52, 22)},
    SIMPLE: {"judgment": (18, 88, 44), "mediation": (7, 86, 27), "withdrawal": (4, 85, 18), "other": (8, 85, 30)},
    ORDINARY: {"judgment": (35, 178, 105), "mediation": (18, 176, 75), "withdrawal": (8, 175, 50),
               "other": (15, 175, 70)},
}


def spec_for(case: CasePlan, rng: random.Random, ordinary: bool, out: bool, wage: Decimal) -> dict[str, Any]:
    """The structure of a case's life: path, mode, out-of-term, the periods it will have and their lengths."""
    spec = dict(case.spec)
    spec.update(_choose_path(case, rng, ordinary, wage))
    final = spec["convert"] or spec["initial"]
    if final == SIMPLE and spec["initial"] == SMALL:
        final = SIMPLE
    spec["final"] = final
    spec["mode"] = _choose_mode(case, rng, final)
    spec["out"] = out and not case.foreign_related
    if spec["out"]:
        spec["extension"] = 0 if rng.random() < 0.12 else (6 if final == ORDINARY else 1)
        spec["higher"] = final == ORDINARY and spec["extension"] and rng.random() < 0.08
    else:
        spec["extension"], spec["higher"] = 0, False
    mode = spec["mode"]
    periods: list[tuple[str, int, int, int]] = []  # kind, preferred, min, max
    if case.appraisal_requested and mode in ("judgment", "mediation", "withdrawal"):
        if final == ORDINARY:
            periods.append(("appraisal", int(rng.triangular(30, 150, 60)), 20, 200))
        else:
            periods.append(("appraisal", int(rng.triangular(12, 45, 22)), 7, 60))
    if final == ORDINARY and rng.random() < 0.012 and case.claim_amount > wage * 2:
        periods.append(("audit_valuation", int(rng.triangular(30, 90, 45)), 20, 120))
    if mode in ("mediation", "withdrawal") and rng.random() < 0.07:
        periods.append(("settlement", int(rng.triangular(7, 30, 14)), 5, 60))
    if mode == "transfer" or (case.side_kind("defendant") != "person" and rng.random() < (
            0.06 if final == ORDINARY else 0.015)):
        periods.append(("jurisdiction_objection", int(rng.triangular(10, 40, 20)), 7, 60))
    if mode == "termination" or (final == ORDINARY and mode in ("judgment", "withdrawal") and rng.random() < 0.03):
        periods.append(("suspension", int(rng.triangular(20, 150, 50)), 10, 240))
    spec["periods"] = periods
    heard_modes = ("judgment", "deemed_withdrawal")
    spec["hearing"] = mode in heard_modes or (mode == "mediation" and rng.random() < 0.55) or (
        mode in ("withdrawal", "dismissal", "other") and rng.random() < 0.3)
    spec["evidence_adjournment"] = spec["hearing"] and mode == "judgment" and rng.random() < 0.08
    if spec["evidence_adjournment"]:
        spec["evidence_len"] = rng.randint(7, 28)  # TL2019 Art. 5: the next hearing within a month
    spec["other_adjournment"] = spec["hearing"] and not spec["evidence_adjournment"] and rng.random() < 0.05
    spec["failed_mediation"] = mode == "judgment" and rng.random() < 0.12
    spec["mediator"] = rng.choice([m.username for m in MEDIATORS] + ["__judge__"] * 3)
    spec["counterclaim"] = (spec["initial"] == SMALL and spec["convert"]) or (
        final == ORDINARY and rng.random() < 0.05)
    spec["archive"] = rng.random() < 0.92
    spec["correction"] = rng.random() < 0.04
    lo, hi, peak = _NET[final]["judgment" if mode in ("judgment", "deemed_withdrawal") else
                               mode if mode in ("mediation", "withdrawal") else "other"]
    if spec["out"]:
        base_days = (add_months(spec["filed_on"], {SMALL: 2, SIMPLE: 3, ORDINARY: 6}[final]) - spec["filed_on"]).days
        more = {SMALL: 28, SIMPLE: 28, ORDINARY: 170}[final]
        spec["net"] = int(rng.triangular(base_days + 9, base_days + more, base_days + more * 0.25))
    else:
        spec["net"] = int(rng.triangular(lo, hi, peak))
    spec["rng"] = rng.random()
    return spec


def elapsed_for(spec: dict[str, Any]) -> int:
    return spec["net"] + sum(p[1] for p in spec["periods"]) + (32 if spec.get("publication") else 0)


def realise(case: CasePlan, spec: dict[str, Any], elapsed: int, tag: str) -> list[Step] | None:
    """The dated steps of a closed case with this structure that closes `elapsed` days after filing, or None
    when the structure cannot fit (the term rules or the minimum time the acts need)."""
    rng = random.Random(f"{tag}:{spec['rng']}")
    filed: date = spec["filed_on"]
    final, initial, mode = spec["final"], spec["initial"], spec["mode"]
    closed = filed + timedelta(days=elapsed)
    base = {SMALL: 2, SIMPLE: 3, ORDINARY: 6}[final]
    base_days = (add_months(filed, base) - filed).days
    ext_days = (add_months(filed, base + spec["extension"] + (3 if spec["higher"] else 0)) - filed).days
    defendants = [i for i, p in enumerate(case.parties) if p.side == "defendant"]
    unknown = [i for i in defendants if not case.parties[i].address_known]
    # Publication (JI 140: ordinary only) is the first excluded period; its length follows the calendar.
    pub_at = 9 if unknown else None
    pub_len = 0
    if pub_at is not None:
        if initial != ORDINARY:
            return None
        pub_len = _publication_days(case, unknown, filed + timedelta(days=pub_at))
    adjustable = [list(p) for p in spec["periods"]]
    evidence_len = spec.get("evidence_len", 0) if spec["evidence_adjournment"] else 0
    fixed = pub_len + evidence_len
    min_net = 30 if pub_at is not None else (14 if mode in ("judgment", "deemed_withdrawal") else 4)
    if spec["hearing"]:
        min_net = max(min_net, 12 if final != ORDINARY else 16)
    if spec["convert"] == ORDINARY:
        min_net = max(min_net, 20)
    if spec["failed_mediation"]:
        min_net += 6
    if spec["out"]:
        lo_net, hi_net = base_days + 9, (ext_days - 3 if spec["extension"] else 10_000)
    else:
        lo_net, hi_net = min_net, base_days - 1
    lo_net = max(lo_net, min_net)
    if lo_net > hi_net:
        return None
    # Fit the adjustable periods so that net = elapsed - excluded lands in [lo_net, hi_net].
    pref = sum(p[1] for p in adjustable)
    x_lo, x_hi = elapsed - hi_net - fixed, elapsed - lo_net - fixed
    amin, amax = sum(p[2] for p in adjustable), sum(p[3] for p in adjustable)
    lo, hi = max(x_lo, amin), min(x_hi, amax)
    if lo > hi:
        return None
    target = min(max(pref, lo), hi)
    if adjustable:
        _scale(adjustable, target)
    net = elapsed - fixed - sum(p[1] for p in adjustable)
    if net < lo_net or net > hi_net:
        return None
    return _lay_out(case, spec, rng, filed, closed, net, adjustable, pub_at, evidence_len, unknown, defendants)


def _publication_days(case: CasePlan, published: list[int], on: date) -> int:
    """Days until service by publication on `on` takes effect for the last of the `published` parties: 30 (CPL 95),
    60 for a party with no domicile in China (CPL 283)."""
    return max((publication_effective(on, calendar=CALENDAR, no_domicile=case.parties[i].no_domicile_in_china)
                - on).days for i in published)


def _answer_ends(case: CasePlan, served: dict[int, date]) -> list[date]:
    """Each defendant's last day to answer (CPL 128: 15 days; CPL 285: 30 with no domicile in China)."""
    return [answer_due(on, no_domicile=case.parties[i].no_domicile_in_china, calendar=CALENDAR)
            for i, on in served.items()]


def _hearings_after_periods(case: CasePlan, steps: list[Step]) -> bool:
    """Every hearing of the dated steps comes after each defendant's answer period and the evidence period
    (CPL 128, 285; JI 99), read back from the steps as the services will read them."""
    sent = {s.args["ref"]: s.args["party"] for s in steps if s.op == "service_send" and s.args["document"] == "complaint"}
    served: dict[int, date] = {}
    for s in steps:
        if s.op == "service_record" and s.args["served"] and s.args["ref"] in sent:
            served.setdefault(sent[s.args["ref"]], s.on)
    ends = _answer_ends(case, served)
    ends += [day_period_end(s.on, s.args["days"], calendar=CALENDAR) for s in steps if s.op == "evidence_period"]
    return all(s.args["day"] > max(ends) for s in steps if s.op == "hearing_schedule")


def _scale(periods: list[list[Any]], target: int) -> None:
    total = sum(p[1] for p in periods)
    for p in periods:
        p[1] = min(max(p[1], p[2]), p[3])
    for _ in range(50):
        total = sum(p[1] for p in periods)
        diff = target - total
        if diff == 0:
            return
        movable = [p for p in periods if (p[1] < p[3] if diff > 0 else p[1] > p[2])]
        if not movable:
            return
        share = max(1, abs(diff) // len(movable))
        for p in movable:
            if diff == 0:
                break
            step = min(share, abs(diff), (p[3] - p[1]) if diff > 0 else (p[1] - p[2]))
            p[1] += step if diff > 0 else -step
            diff += -step if diff > 0 else step


class _Clock:
    """Maps active (counted) days to calendar dates around the excluded periods placed on the timeline."""

    def __init__(self, filed: date) -> None:
        self.filed = filed
        self.gaps: list[tuple[int, int]] = []  # (active position, length), in insertion order

    def add(self, at: int, length: int) -> int:
        self.gaps.append((at, length))
        return len(self.gaps) - 1

    def date(self, at: int, after: bool = True) -> date:
        """The date of active day `at`, after (or before) the periods that start there."""
        shift = sum(length for pos, length in self.gaps if pos < at or (after and pos == at))
        return self.filed + timedelta(days=at + shift)

    def gap_start(self, index: int) -> date:
        at = self.gaps[index][0]
        shift = sum(length for i, (pos, length) in enumerate(self.gaps) if pos < at or (pos == at and i < index))
        return self.filed + timedelta(days=at + shift)


_PERIOD_REASONS = {
    "appraisal": "委托司法鉴定", "settlement": "双方申请庭外和解", "jurisdiction_objection": "被告提出管辖权异议",
    "mediation_extension": "双方同意延长调解期间", "audit_valuation": "委托审计评估",
}


def _lay_out(case: CasePlan, spec: dict[str, Any], rng: random.Random, filed: date, closed: date, net: int,
             periods: list[list[Any]], pub_at: int | None, evidence_len: int, unknown: list[int],
             defendants: list[int]) -> list[Step] | None:
    final, initial, mode = spec["final"], spec["initial"], spec["mode"]
    clock = _Clock(filed)
    # (active pos, order, op, args, after the gaps at pos); args may name dates to compute: _gap, _day
    marks: list[tuple[int, int, str, dict[str, Any], bool]] = []

    def mark(at: int, order: int, op: str, after: bool = True, **args: Any) -> None:
        marks.append((at, order, op, args, after))

    # Service of the complaint on each defendant (CPL 87-95); publication only under ordinary procedure (JI 140).
    send_at = min(rng.randint(1, 4), max(1, net // 4))
    last_served = send_at
    served_at: dict[int, int] = {}  # defendant -> active day its complaint was served
    for i in defendants:
        party = case.parties[i]
        if not party.address_known:
            assert pub_at is not None
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="post", ref=f"s{i}a")
            mark(send_at + 5, 11, "service_record", ref=f"s{i}a", served=False, reason="查无此人，邮件退回")
            mark(pub_at, 12, "service_send", after=False, party=i, document="complaint", channel="publication",
                 ref=f"s{i}p")
            mark(pub_at, 13, "service_record", ref=f"s{i}p", served=True)
            last_served, served_at[i] = max(last_served, pub_at), pub_at
        elif party.e_service_consent:
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="electronic", ref=f"s{i}e")
            at = send_at + rng.randint(0, 1)
            mark(at, 11, "service_record", ref=f"s{i}e", served=True)
            last_served, served_at[i] = max(last_served, at), at
        elif rng.random() < 0.1 and net > send_at + 12:
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="post", ref=f"s{i}a")
            mark(send_at + 6, 11, "service_record", ref=f"s{i}a", served=False, reason="拒收退回")
            mark(send_at + 7, 12, "service_send", party=i, document="complaint", channel="direct", ref=f"s{i}d")
            mark(send_at + 8, 13, "service_record", ref=f"s{i}d", served=True)
            last_served, served_at[i] = max(last_served, send_at + 8), send_at + 8
        else:
            gap = rng.randint(2, 6)
            mark(send_at, 10, "service_send", party=i, document="complaint", channel="post", ref=f"s{i}p")
            mark(send_at + gap, 11, "service_record", ref=f"s{i}p", served=True)
            last_served, served_at[i] = max(last_served, send_at + gap), send_at + gap
    if pub_at is not None:
        clock.add(pub_at, _publication_days(case, unknown, filed + timedelta(days=pub_at)))
    if last_served >= net - 1:
        return None
    cursor = last_served + 1
    # Counterclaim and conversions (CPL 143, 166(5), 169-170; JI 258: before the simple term expires).
    convert_at = None
    if spec["convert"]:
        src_days = (add_months(filed, 2 if initial == SMALL else 3) - filed).days
        hi = min(src_days - 3, net - 3)
        if hi < cursor:
            return None
        convert_at = rng.randint(cursor, min(hi, cursor + 40))
        if spec["counterclaim"]:
            mark(convert_at, 20, "counterclaim", reason="被告提起反诉")
        reason = {ORDINARY: "案情复杂，不宜适用简易程序", SIMPLE: "被告提起反诉，不再适用小额诉讼程序"}[spec["convert"]]
        mark(convert_at, 21, "convert", to=spec["convert"], reason=reason)
    elif spec["counterclaim"]:
        mark(min(cursor + 2, net - 1), 20, "counterclaim", reason="被告提起反诉")
    # An ordinary hearing waits for every defendant's answer period (CPL 128, 285) and the evidence period the
    # court sets in the preparation stage (JI 99: at least 15 days). The evidence notice goes out with the last
    # service of the complaint (under simple procedure, which allows up to 15 days, JI 266), or on conversion
    # from small claims (JI 275 allows about 7).
    evidence_at = ready_at = None
    if spec["hearing"] and final == ORDINARY:
        evidence_at = convert_at if initial == SMALL else last_served
        assert evidence_at is not None
        ready = max([*_answer_ends(case, {i: clock.date(at) for i, at in served_at.items()}),
                     day_period_end(clock.date(evidence_at), EVIDENCE_DAYS, calendar=CALENDAR)])
        ready_at = evidence_at
        while clock.date(ready_at) <= ready:
            ready_at += 1
        mark(evidence_at, 22, "evidence_period", days=EVIDENCE_DAYS)
    # The first hearing.
    h1 = None
    if spec["hearing"]:
        lo = cursor + (3 if final == ORDINARY else 1)
        if convert_at is not None and convert_at + 4 > lo:
            lo = convert_at + 4
        if ready_at is not None:
            lo = max(lo, ready_at)
        hi = net - (1 if mode in ("judgment", "deemed_withdrawal") else 3)
        if spec["failed_mediation"]:
            hi -= 5
        if spec["other_adjournment"]:
            hi -= 8
        if hi < lo:
            return None
        h1 = rng.randint(lo, lo + int((hi - lo) * 0.8))
    # Periods not counted in the term (JI 243; TL2000 Art. 9); none between an adjourned hearing and the next
    # one, which must follow within a month (TL2019 Art. 5).
    last_hearing = (h1 + 7 if spec["other_adjournment"] else h1) if h1 is not None else None
    for kind, length, _lo, _hi in periods:
        if kind == "suspension" and mode == "termination":
            pos = net  # suspended until the case ends by termination (CPL 154)
        elif kind == "suspension":
            pos = cursor
        elif kind == "jurisdiction_objection":
            pos = min(cursor + 1, net - 1)
        elif kind in ("settlement", "mediation_extension"):
            pos = max(cursor, net - 2, (h1 + 1) if h1 is not None else 0)
        elif kind == "appraisal" and last_hearing is not None and last_hearing + 1 < net:
            pos = last_hearing + 1
        else:
            pos = max(cursor, net // 2)
        if h1 is not None and last_hearing is not None and h1 < pos <= last_hearing:
            pos = last_hearing + 1
        if pos > net:
            return None
        gap = clock.add(pos, length)
        if kind == "suspension":
            ground = ("一方当事人死亡，需要等待继承人表明是否参加诉讼（CPL 153(1)）" if mode == "termination"
                      else "本案须以另一案的审理结果为依据（CPL 153(5)）")
            mark(pos, 30, "suspend", after=False, _gap=gap, ground=ground)
            if mode != "termination":
                mark(pos, 31, "resume", _gap_end=gap, reason="中止诉讼的原因消除")
        else:
            mark(pos, 30, "period_start", after=False, _gap=gap, _gap_end_arg=gap, kind=kind,
                 reason=_PERIOD_REASONS[kind])
    # Hearings (CPL 139; OLR 20-21; TL2019 Art. 3).
    held_at = None
    if h1 is not None:
        if unknown or not case.online_hearing_consent:
            hmode = "in_person"
        elif final != ORDINARY and (convert_at is None or h1 < convert_at) and rng.random() < 0.22:
            hmode = "async"
        else:
            hmode = rng.choice(["in_person", "online", "online"])
        notified = max(last_served, h1 - rng.randint(3, 10))
        if h1 - notified < 3 and (final == ORDINARY and (convert_at is None or convert_at <= notified)):
            return None
        held_at, ref = h1, "h1"
        if spec["evidence_adjournment"]:
            mark(notified, 40, "hearing_schedule", ref="h1", _day=(h1, False), mode=hmode)
            mark(h1, 41, "hearing_adjourn", after=False, ref="h1", cause="new_evidence", reason="当事人申请提交新证据")
            clock.add(h1, evidence_len)
            mark(h1, 42, "hearing_schedule", after=False, ref="h2", _day=(h1, True), mode=hmode)
            mark(h1, 43, "period_end", kind="evidence_adjournment")
            ref = "h2"
        elif spec["other_adjournment"]:
            mark(notified, 40, "hearing_schedule", ref="h1", _day=(h1, True), mode=hmode)
            mark(h1, 41, "hearing_adjourn", ref="h1", cause="party", reason="当事人申请延期开庭")
            mark(h1, 42, "hearing_schedule", ref="h2", _day=(h1 + 7, True), mode=hmode)
            held_at, ref = h1 + 7, "h2"
        else:
            mark(notified, 40, "hearing_schedule", ref="h1", _day=(h1, True), mode=hmode)
        mark(held_at, 44, "hearing_hold", ref=ref)
        if spec["failed_mediation"]:
            mark(held_at + 1, 45, "mediation_start", mediator=spec["mediator"])
            mark(held_at + 4, 46, "mediation_end", reason="双方分歧较大，调解不成")
    elif spec["failed_mediation"]:
        return None
    # Closing (TL2000 Art. 10): mediation closes on the last party's service of the mediation document.
    if mode == "mediation":
        m_at = max(cursor, (held_at + 1) if held_at is not None else cursor, net - rng.randint(3, 12))
        m_at = min(m_at, net - 1)
        if held_at is not None and m_at <= held_at:
            return None
        mark(m_at, 50, "mediation_start", mediator=spec["mediator"])
        served_by = list(range(len(case.parties)))  # every party, third parties too (JI 149)
        last = rng.choice(served_by)
        for i in served_by:
            at = net if i == last else rng.randint(m_at, net)
            channel = "electronic" if case.parties[i].e_service_consent and rng.random() < 0.7 else "direct"
            mark(m_at, 51, "service_send", party=i, document="mediation", channel=channel, ref=f"m{i}")
            mark(at, 52 if at < net else 55, "service_record", ref=f"m{i}", served=True)
    mark(net, 60, "close", mode=mode)
    if any(at > net for at, *_ in marks):
        return None
    # Build the dated steps.
    steps: list[Step] = [Step(spec["submitted_on"], "submit", {})]
    if spec.get("correction") and spec["submitted_on"] < filed - timedelta(days=2):
        steps.append(Step(spec["submitted_on"] + timedelta(days=1), "request_correction",
                          {"items": "请补充被告身份信息及证据清单"}))
        steps.append(Step(filed - timedelta(days=1), "resubmit", {}))
    steps.append(Step(filed, "accept", {"procedure": initial}))
    for at, _order, op, args, after in sorted(marks, key=lambda m: (m[0], m[4], m[1])):
        args = dict(args)
        on = clock.date(at, after=after)
        if "_gap" in args:
            on = clock.gap_start(args.pop("_gap"))
        if "_gap_end" in args:
            g = args.pop("_gap_end")
            on = clock.gap_start(g) + timedelta(days=clock.gaps[g][1])
        if "_gap_end_arg" in args:
            g = args.pop("_gap_end_arg")
            args["end_on"] = clock.gap_start(g) + timedelta(days=clock.gaps[g][1])
        if "_day" in args:
            day_at, day_after = args.pop("_day")
            args["day"] = clock.date(day_at, after=day_after)
            if args["mode"] == "async":
                args["respond_by"] = args["day"] + timedelta(days=5)
        steps.append(Step(on, op, args))
    # Extensions (CPL 152, 164, 168), approved at least 15 days before the term expires (TL2019 Art. 1).
    if spec["out"] and spec["extension"]:
        base = {SMALL: 2, SIMPLE: 3, ORDINARY: 6}[final]
        ext_on = add_months(filed, base) - timedelta(days=rng.randint(16, 25))
        converted = next((s.on for s in steps if s.op == "convert"), None)
        if converted is not None and ext_on <= converted:
            return None
        steps.append(Step(ext_on, "extend", {"months": spec["extension"], "higher": False,
                                             "reason": "案情复杂，需延长审理期限"}))
        ext2 = add_months(filed, base + spec["extension"]) - timedelta(days=rng.randint(16, 25))
        if spec["higher"] and ext2 < closed:
            steps.append(Step(ext2, "extend", {"months": 3, "higher": True,
                                               "reason": "鉴定周期长，报请上级法院批准延长"}))
    order = {id(s): i for i, s in enumerate(steps)}
    steps.sort(key=lambda s: (s.on, order[id(s)]))
    if steps[-1].op != "close" or steps[-1].on != closed:
        return None
    if evidence_at is not None and not _hearings_after_periods(case, steps):
        return None
    if spec.get("archive"):
        steps.append(Step(closed + timedelta(days=rng.randint(10, 60)), "archive", {}))
    return steps
