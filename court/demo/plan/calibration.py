"""Calibration of the demo court to the county report's four 2023 figures (metrics.md).

Every historical case first gets a structure by quota (`assign_structure`: latent complexity decides who ends
under ordinary procedure). Then the cases closed in 2023 are tuned deterministically (`calibrate`: rank-based
flips that keep each closing date, then small shifts of closing dates) until the four figures come out within a
tight tolerance, computed with `court.rules.terms` (`figures_for`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from court.metrics.definitions import MEDIATION_WITHDRAWAL_MODES

from .case import ORDINARY, SIMPLE, SMALL, CasePlan, simple_barred
from .timeline import elapsed_for, realise, spec_for

# The county report's 2023 figures for civil first instance (metrics.md).
TARGET_SIMPLE_RATE = 0.7325
TARGET_AVG_TRIAL_DAYS = 58.2
TARGET_IN_NORMAL_TERM_RATE = 0.9198
TARGET_MEDIATION_WITHDRAWAL_RATE = 0.4482
CALIBRATION_YEAR = 2023
#: The closing modes of the report's mediation-and-withdrawal rate, as court.metrics counts them.
MW_MODES: tuple[str, ...] = tuple(mode.value for mode in MEDIATION_WITHDRAWAL_MODES)


def figures_for(closed: list[CasePlan]) -> dict[str, float | int | None]:
    """The four metrics.md figures (and the count) of the cases `closed`, from their planned steps."""
    if not closed:
        return {"closed": 0, "simple_procedure_rate": None, "avg_trial_days": None, "in_normal_term_rate": None,
                "mediation_withdrawal_rate": None}
    terms = [c.term() for c in closed]
    with_term = [t for t in terms if t is not None and t.within_normal_term is not None]
    return {
        "closed": len(closed),
        "simple_procedure_rate": sum(c.procedure != ORDINARY for c in closed) / len(closed),
        "avg_trial_days": sum(t.net_trial_days for t in terms if t) / len(closed),
        "in_normal_term_rate": sum(bool(t.within_normal_term) for t in with_term) / len(with_term) if with_term else None,
        "mediation_withdrawal_rate": sum(c.closing_mode in MW_MODES for c in closed) / len(closed),
    }


def _ordinary_quota(cases: list[CasePlan]) -> set[int]:
    """The cases that end under ordinary procedure: every barred one, then the highest latent scores."""
    share = 1 - TARGET_SIMPLE_RATE
    forced = {c.key for c in cases if simple_barred(c)}
    ranked = sorted((c for c in cases if c.key not in forced), key=lambda c: -c.score)
    want = max(0, round(share * len(cases)) - len(forced))
    return forced | {c.key for c in ranked[:want]}


def assign_structure(cases: list[CasePlan], seed: int, wage: Decimal) -> None:
    """Give every historical case a structure and its steps: ordinary by quota, the rest simple or small claims."""
    ordinary = _ordinary_quota(cases)
    out_p = {SMALL: 0.012, SIMPLE: 0.035, ORDINARY: 0.19}
    for case in cases:
        rng = random.Random(f"{seed}:spec:{case.key}")
        for attempt in range(8):
            is_ord = case.key in ordinary
            final_guess = ORDINARY if is_ord else SIMPLE
            out = rng.random() < out_p[final_guess]
            spec = spec_for(case, rng, is_ord, out, wage)
            elapsed = elapsed_for(spec)
            if spec["evidence_adjournment"]:
                elapsed += spec["evidence_len"]
            steps = realise(case, spec, elapsed, f"{seed}:{case.key}:{attempt}")
            if steps is not None:
                case.spec, case.steps = spec, steps
                break
        else:
            raise RuntimeError(f"demo plan: could not lay out case {case.key}")


def _try(case: CasePlan, spec: dict[str, Any], elapsed: int, seed: int, tag: str) -> bool:
    steps = realise(case, spec, elapsed, f"{seed}:{case.key}:{tag}")
    if steps is None:
        return False
    case.spec, case.steps = spec, steps
    return True


def _respec(case: CasePlan, seed: int, tag: str, wage: Decimal, **changes: Any) -> dict[str, Any]:
    """The case's spec with `changes`, re-drawing what depends on them (path, periods) deterministically."""
    rng = random.Random(f"{seed}:respec:{case.key}:{tag}")
    spec = dict(case.spec)
    if "ordinary" in changes:
        base = {k: spec[k] for k in ("filed_on", "submitted_on")}
        base["forced_mode"] = spec["mode"]
        saved, case.spec = case.spec, base
        spec = spec_for(case, rng, changes["ordinary"], False, wage)
        case.spec = saved
    if "mode" in changes:
        spec["mode"] = changes["mode"]
        periods = [p for p in spec["periods"] if p[0] not in ("suspension",) or changes["mode"] != "termination"]
        if changes["mode"] not in ("mediation", "withdrawal"):
            periods = [p for p in periods if p[0] not in ("settlement", "mediation_extension")]
        if changes["mode"] != "mediation":
            periods = [p for p in periods if p[0] != "mediation_extension"]
        spec["periods"] = periods
        spec["hearing"] = changes["mode"] in ("judgment", "deemed_withdrawal") or (
            changes["mode"] == "mediation" and rng.random() < 0.55)
        spec["evidence_adjournment"] = spec["hearing"] and changes["mode"] == "judgment" and spec.get(
            "evidence_adjournment", False)
        spec["other_adjournment"] = spec["hearing"] and spec.get("other_adjournment", False)
        spec["failed_mediation"] = changes["mode"] == "judgment" and spec.get("failed_mediation", False)
    if "out" in changes:
        spec["out"] = changes["out"]
        final = spec["final"]
        if changes["out"]:
            spec["extension"] = 0 if rng.random() < 0.12 else (6 if final == ORDINARY else 1)
            spec["higher"] = False
        else:
            spec["extension"], spec["higher"] = 0, False
    return spec


def _closed_in(cases: Iterable[CasePlan], year: int) -> list[CasePlan]:
    return [c for c in cases if c.closed_on and c.closed_on.year == year]


def _elapsed(case: CasePlan) -> int:
    assert case.closed_on and case.filed_on
    return (case.closed_on - case.filed_on).days


def calibrate(cases: list[CasePlan], seed: int, wage: Decimal) -> None:
    """Tune the cases closed in the calibration year to the county report's figures, keeping each closing date
    (so the set of 2023 closings never changes), by rank: latent complexity decides who is ordinary."""
    year = CALIBRATION_YEAR
    members = _closed_in(cases, year)
    m = len(members)
    if m == 0:
        return
    # (a) Simple-procedure rate: ordinary count by latent complexity.
    want_ord = round((1 - TARGET_SIMPLE_RATE) * m)
    ords = [c for c in members if c.procedure == ORDINARY]
    if len(ords) < want_ord:
        for c in sorted((c for c in members if c.procedure != ORDINARY), key=lambda c: -c.score):
            if len(ords) >= want_ord:
                break
            if _try(c, _respec(c, seed, "ord", wage, ordinary=True), _elapsed(c), seed, "ord"):
                ords.append(c)
    elif len(ords) > want_ord:
        count = len(ords)
        for c in sorted((c for c in ords if not simple_barred(c)), key=lambda c: c.score):
            if count <= want_ord:
                break
            if _try(c, _respec(c, seed, "simple", wage, ordinary=False), _elapsed(c), seed, "simple"):
                count -= 1
    # (b) Mediation-plus-withdrawal rate.
    want_mw = round(TARGET_MEDIATION_WITHDRAWAL_RATE * m)
    mw = sum(c.closing_mode in MW_MODES for c in members)
    order = sorted(members, key=lambda c: random.Random(f"{seed}:mw:{c.key}").random())
    for c in order:
        if mw == want_mw:
            break
        if mw < want_mw and c.closing_mode == "judgment":
            new_mode = "withdrawal" if random.Random(f"{seed}:mwm:{c.key}").random() < 0.5 else "mediation"
            if _try(c, _respec(c, seed, "mw", wage, mode=new_mode), _elapsed(c), seed, "mw"):
                mw += 1
        elif mw > want_mw and c.closing_mode in MW_MODES:
            if _try(c, _respec(c, seed, "mwj", wage, mode="judgment"), _elapsed(c), seed, "mwj"):
                mw -= 1
    # (c) Closed within the normal term.
    with_term = [c for c in members if not c.foreign_related]
    want_out = round((1 - TARGET_IN_NORMAL_TERM_RATE) * len(with_term))
    outs = [c for c in with_term if not c.term().within_normal_term]
    if len(outs) < want_out:
        for c in sorted((c for c in with_term if c.term().within_normal_term), key=lambda c: -_elapsed(c)):
            if len(outs) >= want_out:
                break
            saved = (c.spec, c.steps)
            spec, elapsed = _respec(c, seed, "out", wage, out=True), _elapsed(c)
            # keep the closing date if the case can be out of term with it, else close it a little later
            for extra in (0, 10, 20, 35, 50, 70):
                if (c.closed_on + timedelta(days=extra)).year != year:
                    break
                if _try(c, spec, elapsed + extra, seed, f"out{extra}"):
                    if c.term().within_normal_term:
                        c.spec, c.steps = saved
                    else:
                        outs.append(c)
                        break
    elif len(outs) > want_out:
        count = len(outs)
        for c in sorted(outs, key=lambda c: _elapsed(c)):
            if count <= want_out:
                break
            saved = (c.spec, c.steps)
            if _try(c, _respec(c, seed, "in", wage, out=False), _elapsed(c), seed, "in"):
                if c.term().within_normal_term:
                    count -= 1
                else:
                    c.spec, c.steps = saved
    # (d) Average net trial days: move closing dates of in-term cases within the year, keeping everything else.
    _tune_average(members, seed)


def _tune_average(members: list[CasePlan], seed: int) -> None:
    m = len(members)
    target_total = TARGET_AVG_TRIAL_DAYS * m
    total = sum(c.term().net_trial_days for c in members)
    order = sorted(members, key=lambda c: random.Random(f"{seed}:avg:{c.key}").random())
    for sweep in range(6):
        diff = total - target_total
        if abs(diff) <= 0.05 * m:
            return
        for c in order:
            diff = total - target_total
            if abs(diff) <= 0.05 * m:
                return
            t = c.term()
            if not t.within_normal_term and not c.foreign_related:
                continue
            net = t.net_trial_days
            step = max(1, min(int(abs(diff)), max(2, net // 5)))
            delta = -step if diff > 0 else step
            new_closed = c.closed_on + timedelta(days=delta)
            if new_closed.year != CALIBRATION_YEAR:
                continue
            saved = (c.spec, c.steps)
            if not _try(c, dict(c.spec), _elapsed(c) + delta, seed, f"avg{sweep}"):
                continue
            t2 = c.term()
            if (t2.within_normal_term is not None and not t2.within_normal_term) or c.closed_on.year != CALIBRATION_YEAR:
                c.spec, c.steps = saved
                continue
            total += t2.net_trial_days - net
