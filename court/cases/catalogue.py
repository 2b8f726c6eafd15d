"""Loading a cause-of-action catalogue (民事案件案由规定) from its JSON data file."""

from __future__ import annotations

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


@transaction.atomic
def catalogue_load(path: Path, *, apps: Any = None) -> int:
    """Create or update the catalogue in `path`; returns the number of causes. Idempotent."""
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
    by_code: dict[str, Any] = {}
    for row in doc["causes"]:  # parents come before their children in the file
        nature = claim_nature_of(row)
        defaults = {"name": row["name"], "level": row["level"],
                    "parent": by_code.get(row["parent"]) if row["parent"] else None}
        if "claim_nature" in fields:
            defaults["claim_nature"] = nature
        if "personal_status" in fields:
            defaults["personal_status"] = bool(row.get("personal_status", nature in STATUS_OR_TITLE))
        cause, _ = Cause.objects.update_or_create(catalogue=catalogue, code=row["code"], defaults=defaults)
        by_code[row["code"]] = cause
    return len(by_code)
