"""Loading a cause-of-action catalogue (民事案件案由规定) from its JSON data file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


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
    # A migration before the cause had its claim nature loads with the historical model, which lacks it.
    has_nature = any(f.name == "claim_nature" for f in Cause._meta.get_fields())
    by_code: dict[str, Any] = {}
    for row in doc["causes"]:  # parents come before their children in the file
        defaults = {"name": row["name"], "level": row["level"], "personal_status": row["personal_status"],
                    "parent": by_code.get(row["parent"]) if row["parent"] else None}
        if has_nature:
            defaults["claim_nature"] = row.get("claim_nature") or ("title" if row["personal_status"] else "mixed")
        cause, _ = Cause.objects.update_or_create(catalogue=catalogue, code=row["code"], defaults=defaults)
        by_code[row["code"]] = cause
    return len(by_code)
