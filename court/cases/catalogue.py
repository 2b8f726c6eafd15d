"""Loading a cause-of-action catalogue (民事案件案由规定) from its JSON data file."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


#: The claim natures CPL 166(1) names: "人身关系、财产确权案件".
STATUS_OR_TITLE = ("status", "title")


def claim_nature_of(row: dict[str, Any]) -> str:
    """A catalogue row's `claim_nature`; a file from before the field (one with only the retired
    `personal_status` flag) reads as "title" for a flagged cause and "mixed" otherwise, so that CPL 166(1)
    still bars it from small claims and a mixed cause is judged by its case's claims (`court.rules.claims`)."""
    return row.get("claim_nature") or ("title" if row.get("personal_status") else "mixed")


#: The complete catalogues (all four levels, the catalogue's own codes and order) and the mapping between them,
#: built from ../shared/law/causes by data/build_catalogues.py; loaded by migration 0014.
FULL_CATALOGUES = ("catalogue_2020.json", "catalogue_2025.json")
MAPPING_FILES = ("mapping_2020_2025.json",)
_OLD = "old:"  # the prefix an earlier row's own code gets while the complete catalogue adopts it


def _adopt(Cause: Any, catalogue: Any, row: dict[str, Any]) -> Any:
    """An earlier row of this catalogue (Fanjian's subset, with its own dotted codes) that is this cause: same
    name, the same level preferred. Cases filed under it keep their cause."""
    found = Cause.objects.filter(catalogue=catalogue, code__startswith=_OLD, name=row["name"])
    return found.filter(level=row["level"]).first() or found.order_by("-level").first()


@transaction.atomic
def catalogue_load(path: Path, *, apps: Any = None) -> int:
    """Create or update the catalogue in `path`; returns the number of causes. Idempotent.

    A row is found by its code; loading a complete catalogue over an earlier subset of the same version
    (`upgrade_catalogue`) first adopts the subset's row of the same name, so every case keeps its cause."""
    if apps is None:
        from .models import Cause, CauseCatalogue
    else:  # inside a data migration, use the historical models
        Cause, CauseCatalogue = apps.get_model("cases", "Cause"), apps.get_model("cases", "CauseCatalogue")
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    catalogue, _ = CauseCatalogue.objects.update_or_create(
        version=doc["version"],
        defaults={
            "title": doc["title"],
            "effective_from": date.fromisoformat(doc["effective_from"]),
            "effective_to": date.fromisoformat(doc["effective_to"]) if doc.get("effective_to") else None,
        },
    )
    # A data migration loads with the historical model: before 0008 it lacks `claim_nature`; before 0009 it still
    # has the retired `personal_status` flag (CPL 166(1) "人身关系、财产确权"), filled from the claim nature.
    fields = {f.name for f in Cause._meta.get_fields()}
    if "position" in fields and not Cause.objects.filter(catalogue=catalogue).exists():
        return _create_all(Cause, catalogue, doc["causes"])
    by_code: dict[str, Any] = {}
    for row in doc["causes"]:  # parents come before their children in the file
        nature = claim_nature_of(row)
        defaults = {"name": row["name"], "level": row["level"],
                    "parent": by_code.get(row["parent"]) if row["parent"] else None}
        if "claim_nature" in fields:
            defaults["claim_nature"] = nature
        if "personal_status" in fields:
            defaults["personal_status"] = bool(row.get("personal_status", nature in STATUS_OR_TITLE))
        if "position" in fields and "position" in row:
            defaults["position"] = row["position"]
        if not Cause.objects.filter(catalogue=catalogue, code=row["code"]).exists():
            earlier = _adopt(Cause, catalogue, row)
            if earlier is not None:
                earlier.code = row["code"]
                earlier.save(update_fields=["code"])
        cause, _ = Cause.objects.update_or_create(catalogue=catalogue, code=row["code"], defaults=defaults)
        by_code[row["code"]] = cause
    return len(by_code)


def _create_all(Cause: Any, catalogue: Any, rows: list[dict[str, Any]]) -> int:
    """A new catalogue version in one insert per level (parents first, so each level knows its parents' ids)."""
    by_code: dict[str, Any] = {}
    for level in sorted({row["level"] for row in rows}):
        made = Cause.objects.bulk_create([
            Cause(catalogue=catalogue, code=row["code"], name=row["name"], level=row["level"],
                  parent=by_code.get(row["parent"]) if row["parent"] else None,
                  claim_nature=claim_nature_of(row), position=row.get("position", 0))
            for row in rows if row["level"] == level])
        if any(c.pk is None for c in made):  # a backend that returns no ids: read them back
            ids = dict(Cause.objects.filter(catalogue=catalogue, level=level).values_list("code", "pk"))
            for c in made:
                c.pk = ids[c.code]
        by_code.update({c.code: c for c in made})
    return len(by_code)


@transaction.atomic
def upgrade_catalogue(path: Path, *, apps: Any = None) -> int:
    """Load a complete catalogue over an earlier subset of the same version: the subset's rows (own dotted codes)
    are adopted by name; a subset row the catalogue does not have (侵害著作权纠纷 is not a 2020 cause: the
    catalogue says 著作权权属、侵权纠纷) is deleted when no case was filed under it, else kept after the
    catalogue's rows with its old code."""
    if apps is None:
        from .models import Cause, CauseCatalogue
    else:
        Cause, CauseCatalogue = apps.get_model("cases", "Cause"), apps.get_model("cases", "CauseCatalogue")
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    catalogue = CauseCatalogue.objects.filter(version=doc["version"]).first()
    # A subset's rows carry no position; the complete catalogue's all do (so a second run adopts nothing).
    if catalogue is not None and not Cause.objects.filter(catalogue=catalogue, position__gt=0).exists():
        for cause in Cause.objects.filter(catalogue=catalogue).exclude(code__startswith=_OLD):
            cause.code = (_OLD + cause.code)[:20]
            cause.save(update_fields=["code"])
    count = catalogue_load(path, apps=apps)
    catalogue = CauseCatalogue.objects.get(version=doc["version"])
    left = Cause.objects.filter(catalogue=catalogue, code__startswith=_OLD).order_by("-level")
    last = len(doc["causes"])
    for cause in left:
        if cause.children.exists() or cause.cases.exists():
            last += 1
            cause.code, cause.position = cause.code[len(_OLD):], last
            cause.save(update_fields=["code", "position"])
        else:
            cause.delete()
    return count


@transaction.atomic
def mapping_load(path: Path, *, apps: Any = None) -> int:
    """Create the mapping rows of `path` that are not there yet (by catalogues, causes and kind); every new row
    is unreviewed. A name stands for the deepest cause of that name in its catalogue."""
    if apps is None:
        from .models import Cause, CauseCatalogue, CauseMapping
    else:
        Cause, CauseCatalogue = apps.get_model("cases", "Cause"), apps.get_model("cases", "CauseCatalogue")
        CauseMapping = apps.get_model("cases", "CauseMapping")
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    old_cat = CauseCatalogue.objects.get(version=doc["from"])
    new_cat = CauseCatalogue.objects.get(version=doc["to"])

    def by_name(catalogue: Any, name: str | None) -> Any:
        if not name:
            return None
        return Cause.objects.filter(catalogue=catalogue, name=name).order_by("-level").first()

    made = 0
    for row in doc["rows"]:
        old, new = by_name(old_cat, row["old"]), by_name(new_cat, row["new"])
        if (row["old"] and old is None) or (row["new"] and new is None):
            continue
        _, created = CauseMapping.objects.get_or_create(
            old_catalogue=old_cat, new_catalogue=new_cat, old=old, new=new, kind=row["kind"],
            defaults={"note": row.get("note", "")[:500]})
        made += created
    return made


def catalogues_load_all() -> int:
    """Every shipped catalogue version and mapping (what migrations 0003 and 0014 leave): for a database whose
    tables were flushed. Idempotent."""
    count = sum(catalogue_load(DATA_DIR / name) for name in FULL_CATALOGUES)
    for name in MAPPING_FILES:
        mapping_load(DATA_DIR / name)
    return count


@functools.lru_cache(maxsize=1)
def _lineage_table() -> dict[str, tuple[tuple[str, int], ...]]:
    """name → ((name, level), (parent, level), … up to the part), from the shipped complete catalogues, the
    newer version winning for a name both have; a name at two levels means the deeper cause."""
    table: dict[str, tuple[tuple[str, int], ...]] = {}
    for file_name in FULL_CATALOGUES:  # oldest first: the newer version overwrites
        rows = json.loads((DATA_DIR / file_name).read_text(encoding="utf-8"))["causes"]
        by_code = {row["code"]: row for row in rows}
        for row in sorted(rows, key=lambda r: r["level"]):
            chain, node = [], row
            while node is not None:
                chain.append((node["name"], node["level"]))
                node = by_code.get(node["parent"]) if node["parent"] else None
            table[row["name"]] = tuple(chain)
    return table


def cause_lineage(name: str) -> tuple[tuple[str, int], ...]:
    """The cause called `name` and its ancestors with their levels (no database: the shipped catalogues); a name
    no catalogue has is its own lineage at level 0."""
    return _lineage_table().get(name) or ((name, 0),)
