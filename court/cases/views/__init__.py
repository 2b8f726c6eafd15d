"""Case pages: function-based views. Every case is read through `access.get_case_for_user` or
`access.cases_for_user`; every write goes through `court.cases.services`.

`lists`: each role's start page and lists; `case`: the case page and the actions on it (the forms of
`court.cases.actions`). The online complaint is the guided filing of `court.portal.filing`.
"""

from .case import case_action, case_detail, case_page
from .common import OUTSIDE_ROLES, decision_due, is_outsider
from .documents import document_download, document_upload, evidence_add
from .lists import (
    DOCKET_PAGE_SIZE,
    DocketRow,
    case_alert,
    docket,
    docket_rows,
    filing_queue,
    filter_docket,
    home,
    my_cases,
)

__all__ = [
    "DOCKET_PAGE_SIZE", "OUTSIDE_ROLES", "DocketRow", "case_action", "case_alert", "case_detail", "case_page",
    "decision_due", "docket", "docket_rows", "document_download", "document_upload", "evidence_add",
    "filing_queue", "filter_docket", "home", "is_outsider", "my_cases",
]
