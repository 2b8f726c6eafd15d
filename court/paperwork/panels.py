"""The "Court documents" panel on the case page (registered with court.cases.panels in apps.py): the documents
issued on the case with their template version, and the form to generate one, for those who may issue any."""

from __future__ import annotations

from typing import Any

from court.cases.models import Case
from court.org.models import User

from .forms import GenerateForm
from .models import IssuedDocument
from .services import kinds_available


def paperwork_panel(case: Case, user: User) -> tuple[str, dict[str, Any]] | None:
    if not kinds_available(user, case):
        return None
    issued = IssuedDocument.objects.filter(case=case).select_related("template", "document", "party", "served_by")
    return "paperwork/_case_panel.html", {"form": GenerateForm(case=case, user=user), "issued": list(issued)}
