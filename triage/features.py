"""The ONE feature builder, shared by training and prediction.

It reads only the filing-time columns that interchange.md whitelists and nothing else, so a post-filing
field (initial_procedure, counterclaim, converted_on, closing columns, periods, state, term fields …) can
never reach the model. Category lists are fixed at training time and stored in the model card.

The cause is read through the catalogue's tree (`court.cases.catalogue.cause_lineage`, both versions): three
features, `cause` (the cause itself, or, when training saw it fewer than `MIN_CAUSE_ROWS` times, its nearest
ancestor that training saw enough: an unseen 4th-level cause such as 信息网络买卖合同纠纷 falls back to 买卖合同
纠纷, not to "missing"), `cause_family` (the third-level cause it belongs to) and `cause_part` (its part, the
first level), so a rare or new cause borrows from its family. Only a value no list has becomes NaN.

Input is any mapping of column name -> sequence (a pandas DataFrame, or a dict of one-element lists for
one case), so one code path serves a 100,000-row batch and a single case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from court.cases.catalogue import cause_lineage
from court.cases.interchange.columns import CASE_COLUMN

#: interchange.md "Complexity label": the only columns a model may read (filed_on only for its month).
WHITELIST: tuple[str, ...] = (
    "cause",
    "claim_amount",
    "plaintiffs",
    "defendants",
    "third_parties",
    "plaintiff_kind",
    "defendant_kind",
    "defendant_address_known",
    "e_service_consent",
    "appraisal_requested",
    "foreign_related",
    "lawyer_represented",
    "evidence_items",
    "filed_on",
)

#: Columns that exist in the interchange format but are known only after filing: never features.
POST_FILING: tuple[str, ...] = (
    "initial_procedure", "final_procedure", "counterclaim", "converted_on", "closed_on", "closing_mode",
    "judge", "team", "elapsed_days", "excluded_days", "net_trial_days", "normal_deadline", "extended_deadline",
    "within_normal_term", "within_term", "overdue", "state", "procedure", "extension_months", "case_number",
)

CATEGORICAL = ("cause", "cause_family", "cause_part", "plaintiff_kind", "defendant_kind")
#: Features derived from the `cause` column through the catalogue's tree.
CAUSE_TREE = ("cause", "cause_family", "cause_part")
NUMERIC = ("claim_amount", "plaintiffs", "defendants", "third_parties", "evidence_items")
BOOLEAN = (
    "defendant_address_known", "e_service_consent", "appraisal_requested", "foreign_related", "lawyer_represented",
)
#: Model columns, in matrix order.
FEATURES: tuple[str, ...] = (
    "cause", "cause_family", "cause_part", "claim_amount", "plaintiffs", "defendants", "third_parties", "plaintiff_kind", "defendant_kind",
    "defendant_address_known", "e_service_consent", "appraisal_requested", "foreign_related",
    "lawyer_represented", "evidence_items", "filed_month",
)
PARTY_KINDS = ["person", "entity", "mixed"]
MIN_CAUSE_ROWS = 20

_TRUE = {"true": 1.0, "1": 1.0, "yes": 1.0, "t": 1.0, "false": 0.0, "0": 0.0, "no": 0.0, "f": 0.0, "": np.nan}

MISSING_COLUMN = "The feature builder needs the column %(column)s."


@dataclass
class FeatureSpec:
    """The fixed category lists a model was trained with (stored in its card)."""

    categories: dict[str, list[str]] = field(default_factory=dict)
    features: tuple[str, ...] = FEATURES

    def to_json(self) -> dict[str, Any]:
        return {"features": list(self.features), "categories": self.categories}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FeatureSpec:
        features = tuple(data.get("features", FEATURES))
        if features != FEATURES:
            raise ValueError(f"Model features {features} do not match this code's {FEATURES}.")
        return cls(categories={k: list(v) for k, v in data["categories"].items()}, features=features)

    @property
    def categorical_indices(self) -> list[int]:
        return [self.features.index(c) for c in CATEGORICAL]


def family(name: str) -> str:
    """The third-level cause `name` belongs to (itself at level 3 or above; its parent at level 4)."""
    lineage = cause_lineage(name)
    return next((n for n, level in lineage if level <= 3), lineage[0][0])


def part(name: str) -> str:
    """The part (first level) of the catalogue `name` belongs to."""
    return cause_lineage(name)[-1][0]


def fit_spec(columns: Mapping[str, Sequence[Any]], *, min_cause_rows: int = MIN_CAUSE_ROWS) -> FeatureSpec:
    """Fix the category lists from training rows: each node of the tree (a cause or any ancestor of the causes
    filed) with at least `min_cause_rows` training rows under it, families and parts likewise; sorted."""
    counts = Counter(str(c) for c in columns["cause"] if c)
    nodes: Counter[str] = Counter()
    families: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    for name, n in counts.items():
        for node, _level in cause_lineage(name):
            nodes[node] += n
        families[family(name)] += n
        parts[part(name)] += n

    def enough(counter: Counter[str]) -> list[str]:
        return sorted(c for c, n in counter.items() if n >= min_cause_rows)

    return FeatureSpec(categories={"cause": enough(nodes), "cause_family": enough(families),
                                   "cause_part": enough(parts), "plaintiff_kind": PARTY_KINDS,
                                   "defendant_kind": PARTY_KINDS})


def _column(columns: Mapping[str, Sequence[Any]], name: str) -> Any:
    try:
        return columns[name]
    except KeyError:
        raise KeyError(MISSING_COLUMN % {"column": name}) from None


def _numbers(values: Any) -> np.ndarray:
    try:
        return np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        out = []
        for v in values:
            try:
                out.append(float(v) if v not in (None, "") else np.nan)
            except (TypeError, ValueError):
                out.append(np.nan)
        return np.asarray(out, dtype=np.float64)


def _boolean(v: Any) -> float:
    if isinstance(v, bool):
        return float(v)
    if v is None or (isinstance(v, float) and v != v):
        return np.nan
    if isinstance(v, (int, float)):
        return float(bool(v))
    return _TRUE.get(str(v).strip().lower(), np.nan)


SMALL = 64  # below this many rows a Python loop beats hashing


def _mapped(values: Any, convert: Any) -> np.ndarray:
    """`convert` applied to each value: per value for a few rows, per distinct value for a batch."""
    arr = np.asarray(values, dtype=object)
    if len(arr) < SMALL:
        return np.asarray([convert(v) for v in arr.tolist()], dtype=np.float64)
    codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    table = np.append(np.asarray([convert(v) for v in uniques.tolist()], dtype=np.float64), convert(None))
    return table[codes]  # code -1 (missing) picks the last entry


def _booleans(values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype == bool or np.issubdtype(arr.dtype, np.number):
        return arr.astype(np.float64)
    return _mapped(arr, _boolean)


def _codes(values: Any, categories: Sequence[str]) -> np.ndarray:
    index = {c: float(i) for i, c in enumerate(categories)}
    return _mapped(values, lambda v: np.nan if v is None else index.get(str(v), np.nan))


def _months(values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if np.issubdtype(arr.dtype, np.datetime64):
        return (arr.astype("datetime64[M]").astype(np.int64) % 12 + 1).astype(np.float64)
    out = []
    for v in arr.tolist():
        if isinstance(v, (date, datetime)):
            out.append(float(v.month))
        elif isinstance(v, str) and len(v) >= 7:
            out.append(float(v[5:7]))
        elif hasattr(v, "month"):
            out.append(float(v.month))
        else:
            out.append(np.nan)
    return np.asarray(out, dtype=np.float64)


def _backoff(name: Any, known: frozenset[str]) -> str | None:
    """The cause itself if training knew it, else its nearest known ancestor (None: nothing known)."""
    if name is None or name != name:
        return None
    return next((node for node, _level in cause_lineage(str(name)) if node in known), None)


def _tree_codes(values: Any, feature: str, spec: FeatureSpec) -> np.ndarray:
    categories = spec.categories[feature]
    index = {c: float(i) for i, c in enumerate(categories)}
    if feature == "cause":
        known = frozenset(categories)
        convert = lambda v: index.get(_backoff(v, known), np.nan)  # noqa: E731
    else:
        derive = family if feature == "cause_family" else part
        convert = lambda v: np.nan if v is None or v != v else index.get(derive(str(v)), np.nan)  # noqa: E731
    return _mapped(values, convert)


def build_matrix(columns: Mapping[str, Sequence[Any]], spec: FeatureSpec) -> np.ndarray:
    """The model matrix (rows × FEATURES, float64) from whitelisted columns only."""
    n = len(_column(columns, "cause"))
    X = np.empty((n, len(spec.features)), dtype=np.float64)
    for j, name in enumerate(spec.features):
        if name in CAUSE_TREE:
            X[:, j] = _tree_codes(_column(columns, "cause"), name, spec)
        elif name in CATEGORICAL:
            X[:, j] = _codes(_column(columns, name), spec.categories[name])
        elif name in NUMERIC:
            X[:, j] = _numbers(_column(columns, name))
        elif name in BOOLEAN:
            X[:, j] = _booleans(_column(columns, name))
        elif name == "filed_month":
            X[:, j] = _months(_column(columns, "filed_on"))
        else:  # pragma: no cover - FEATURES and the branches above are kept in step
            raise ValueError(name)
    return X


def case_columns(case: Any) -> dict[str, list[Any]]:
    """One Case as whitelisted interchange columns (one-element lists) for `build_matrix`, each read as the
    interchange's column table says; a case not yet filed counts from its submission (or today)."""
    columns = {name: [CASE_COLUMN[name].of(case)] for name in WHITELIST}
    columns["filed_on"] = [case.filed_on or case.submitted_on or date.today()]
    return columns


def row_facts(columns: Mapping[str, Sequence[Any]], i: int = 0) -> dict[str, Any]:
    """Row `i` of the whitelisted columns as plain JSON-able values (stored with each recommendation)."""
    out: dict[str, Any] = {}
    for name in WHITELIST:
        value = columns[name][i]
        if isinstance(value, (date, datetime)):
            value = value.isoformat()[:10]
        elif not isinstance(value, (bool, int, float, str)) and value is not None:
            value = str(value)
        out[name] = value
    return out
