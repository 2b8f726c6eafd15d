"""The cause catalogue says per cause whether CPL 166(1) bars it from small claims through `claim_nature`
alone; the old `personal_status` flag is retired (migration 0009), and a catalogue file from before
`claim_nature` still loads.

CPL 166: "人民法院审理下列民事案件，不适用小额诉讼的程序：（一）人身关系、财产确权案件；……"
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import FieldDoesNotExist

from court.cases.catalogue import DATA_DIR, catalogue_load, claim_nature_of
from court.cases.models import Cause

pytestmark = pytest.mark.django_db


def test_the_flag_is_gone_from_the_model_and_the_shipped_catalogue():
    with pytest.raises(FieldDoesNotExist):
        Cause._meta.get_field("personal_status")
    rows = json.loads((DATA_DIR / "causes_2020.json").read_text(encoding="utf-8"))["causes"]
    assert rows and all("personal_status" not in row and row["claim_nature"] for row in rows)


def test_an_old_catalogue_file_with_only_the_flag_still_loads(tmp_path):
    """A flagged cause reads as a title case (CPL 166(1)), any other as mixed (judged by its claims)."""
    old = {"version": "old-test", "title": "旧案由", "effective_from": "2008-04-01", "effective_to": "2011-03-31",
           "causes": [
               {"code": "A", "name": "旧·物权纠纷", "level": 1, "parent": None, "personal_status": False},
               {"code": "A.1", "name": "旧·所有权确认纠纷", "level": 2, "parent": "A", "personal_status": True},
               {"code": "A.2", "name": "旧·借款合同纠纷", "level": 2, "parent": "A", "personal_status": False,
                "claim_nature": "money"},
           ]}
    path = tmp_path / "causes_old.json"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    assert catalogue_load(path) == 3
    natures = dict(Cause.objects.filter(catalogue__version="old-test").values_list("name", "claim_nature"))
    assert natures == {"旧·物权纠纷": "mixed", "旧·所有权确认纠纷": "title", "旧·借款合同纠纷": "money"}
    assert Cause.objects.get(name="旧·所有权确认纠纷").parent.name == "旧·物权纠纷"
    assert catalogue_load(path) == 3  # idempotent


@pytest.mark.parametrize(("row", "nature"), [
    ({"personal_status": True}, "title"),
    ({"personal_status": False}, "mixed"),
    ({}, "mixed"),
    ({"personal_status": True, "claim_nature": "status"}, "status"),
])
def test_claim_nature_of_a_row(row, nature):
    assert claim_nature_of(row) == nature
