"""The "Court documents" panel on the case page (registered with court.cases.panels in apps.py): the documents
issued on the case with their template version, the form to generate one, for those who may issue any, and, when
a hearing is scheduled, the one step that summons every party to it and announces it (`hearing_papers`)."""

from __future__ import annotations

from typing import Any

from court.cases.models import Case, Hearing
from court.org.models import User

from .forms import GenerateForm, HearingPapersForm
from .models import IssuedDocument, TemplateKind
from .services import kinds_available


def paperwork_panel(case: Case, user: User) -> tuple[str, dict[str, Any]] | None:
    kinds = kinds_available(user, case)
    if not kinds:
        return None
    issued = IssuedDocument.objects.filter(case=case).select_related("template", "document", "party", "served_by")
    papers = None
    if TemplateKind.SUMMONS in kinds and case.hearings.filter(status=Hearing.Status.SCHEDULED).exists():
        papers = HearingPapersForm(case=case, user=user)
    return "paperwork/_case_panel.html", {"form": GenerateForm(case=case, user=user), "issued": list(issued),
                                          "papers": papers}
