"""The complete 民事案件案由规定 of 2020 and 2025 as versions (issue 16): every level with the catalogue's own codes
and order, each version's effective dates, the claim natures, the reviewed mapping, and the fee and claim rules
for causes of either version.

2020 text, heading: "民事案件案由规定（2020年修正）｜…｜自2021年1月1日起施行"; 2025 text, heading: "民事案件案由规定
（2025年修正）｜修改决定 法〔2025〕226号、印发通知 法〔2025〕227号｜…｜自2026年1月1日起施行".
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from court.cases.catalogue import DATA_DIR, FULL_CATALOGUES, catalogue_load, cause_lineage
from court.cases.fees import fee_kind, needs_prepayment
from court.cases.interchange.validate import _cause_index
from court.cases.models import Cause, CauseCatalogue, CauseMapping
from court.cases.selectors import catalogue_for, cause_by_name
from court.rules.claims import claim_facts
from court.rules.fees import FeeKind

pytestmark = pytest.mark.django_db
SOURCES = "/work/shared/law/causes"


def _levels(version: str) -> dict[int, int]:
    return {lvl: Cause.objects.filter(catalogue__version=version, level=lvl).count() for lvl in (1, 2, 3, 4)}


def test_both_catalogues_are_complete_with_their_effective_dates():
    # diff_2020_2025.md 一、数量: 2020 11/54/473/389, 2025 12/59/514/470
    assert _levels("2020") == {1: 11, 2: 54, 3: 473, 4: 389}
    assert _levels("2025") == {1: 12, 2: 59, 3: 514, 4: 470}
    assert catalogue_for(date(2021, 1, 1)).version == "2020"
    assert catalogue_for(date(2025, 12, 31)).version == "2020"
    assert catalogue_for(date(2026, 1, 1)).version == "2025"
    assert catalogue_for(date(2020, 12, 31)) is None
    assert CauseCatalogue.objects.get(version="2020").effective_to == date(2025, 12, 31)


def test_every_list_shows_the_catalogues_own_order_and_codes():
    assert Cause._meta.ordering == ["catalogue", "position"]
    first = list(Cause.objects.filter(catalogue__version="2025").values_list("code", "name")[:4])
    assert first == [("第一部分", "人格权纠纷"), ("一", "人格权纠纷"), ("1", "生命权、身体权、健康权纠纷"), ("2", "姓名权纠纷")]
    # the printed order of the source file, row by row (the 2025 CSV's third-level numbers never go down)
    numbers = [int(c) for c in Cause.objects.filter(catalogue__version="2025", level=3).values_list("code", flat=True)]
    assert numbers == sorted(numbers) == list(range(1, 515))
    with open(f"{SOURCES}/causes_2025.csv", encoding="utf-8") as fh:
        last = list(csv.DictReader(fh))[-1]
    assert Cause.objects.filter(catalogue__version="2025").last().name == (last["level4"] or last["level3"])


def test_the_95_causes_keep_their_rows_and_natures_and_the_rest_follow_their_family():
    natures = dict(Cause.objects.filter(catalogue__version="2020", level__gte=3).values_list("name", "claim_nature"))
    assert natures["民间借贷纠纷"] == "money" and natures["离婚纠纷"] == "status" and natures["法定继承纠纷"] == "title"
    assert natures["信息网络买卖合同纠纷"] == "mixed"  # a 4th level under 买卖合同纠纷 (mixed): its family's
    assert natures["同业拆借纠纷"] == "money"  # under 借款合同纠纷 (money)
    assert natures["婚姻无效纠纷"] == "status"  # 人身关系 by its words (CPL 166(1))
    # the whole non-contentious part stays non-contentious (CPL 184), the special suits special
    non = Cause.objects.filter(catalogue__version="2025", parent__parent__name="非讼程序案件案由")
    assert non.count() > 50 and set(non.values_list("claim_nature", flat=True)) == {"non_contentious"}
    assert Cause.objects.get(catalogue__version="2025", name="案外人执行异议之诉").claim_nature == "special_suit"


def test_a_name_at_two_levels_means_the_deeper_cause():
    cause = cause_by_name("不当得利纠纷", date(2026, 3, 1))
    assert (cause.catalogue.version, cause.level, cause.code) == ("2025", 3, "148")
    assert [n for n, _l in cause_lineage("信息网络买卖合同纠纷")] == [
        "信息网络买卖合同纠纷", "买卖合同纠纷", "合同纠纷", "合同、准合同纠纷"]


def test_the_import_takes_the_cause_of_the_catalogue_in_force_on_the_filing_day():
    index = _cause_index()
    new = index.find("新就业形态追索劳动报酬纠纷", date(2026, 2, 3))
    assert Cause.objects.get(pk=new).catalogue.version == "2025"
    old = index.find("民间借贷纠纷", date(2024, 5, 6))
    later = index.find("民间借贷纠纷", date(2026, 5, 6))
    assert Cause.objects.get(pk=old).catalogue.version == "2020" and Cause.objects.get(pk=later).catalogue.version == "2025"
    assert Cause.objects.get(pk=index.find("人格权纠纷", date(2026, 5, 6))).level == 2


def test_a_wage_claim_of_the_new_forms_of_employment_is_not_asked_to_prepay(make_case):
    """2025 catalogue: "二十一、新就业形态用工纠纷 / 214. 新就业形态用工合同纠纷 / (2) 新就业形态追索劳动报酬纠纷";
    FEE 20: "追索劳动报酬的案件可以不预交案件受理费"."""
    cause = Cause.objects.get(catalogue__version="2025", name="新就业形态追索劳动报酬纠纷")
    assert [n for n, _l in cause_lineage(cause.name)][1:3] == ["新就业形态用工合同纠纷", "新就业形态用工纠纷"]
    case = make_case(state="accepted")
    type(case).objects.filter(pk=case.pk).update(cause=cause)
    case.refresh_from_db()
    assert needs_prepayment(case) is False


@pytest.mark.parametrize("version", ["2020", "2025"])
def test_the_fee_schedule_finds_its_causes_in_both_versions(version):
    """FEE 13(2)1 离婚, 13(2)2 人格权, 13(4) "劳动争议案件每件交纳10元", 13(3) 知识产权: the 2025 catalogue keeps the
    names ("第七部分 劳动争议、人事争议、新就业形态用工纠纷 / 十九、劳动争议 / 205. 劳动合同纠纷 / (5) 追索劳动报酬纠纷")."""
    get = lambda name: Cause.objects.filter(catalogue__version=version, name=name).order_by("-level").first()  # noqa: E731
    assert fee_kind(get("离婚纠纷"), Decimal(0)) == FeeKind.DIVORCE
    assert fee_kind(get("名誉权纠纷"), Decimal(0)) == FeeKind.PERSONALITY
    assert fee_kind(get("追索劳动报酬纠纷"), Decimal(8000)) == FeeKind.LABOUR
    assert fee_kind(get("侵害商标权纠纷"), Decimal(0)) == FeeKind.IP_NO_AMOUNT


def test_claim_natures_decide_small_claims_for_a_2025_cause():
    """CPL 166(1) "人身关系、财产确权案件": 2025's 数据权属纠纷 (199, 十七、数据纠纷) is an ownership case."""
    cause = Cause.objects.get(catalogue__version="2025", name="数据权属纠纷")
    assert cause.claim_nature == "title" and claim_facts(cause.claim_nature, True, 1000).personal_status_or_ownership


def test_the_mapping_is_data_an_administrator_reviews(admin, client):
    rename = CauseMapping.objects.get(old__name="有奖销售纠纷")
    assert (rename.kind, rename.new.name, rename.status) == ("renamed", "不正当有奖销售纠纷", "unreviewed")
    splits = CauseMapping.objects.filter(old__name="专利合同纠纷", kind="split").values_list("new__name", flat=True)
    assert set(splits) == {"发明专利合同纠纷", "实用新型专利合同纠纷", "外观设计专利合同纠纷"}
    assert CauseMapping.objects.filter(kind="new", new__name="数据权属纠纷").exists()
    assert CauseMapping.objects.filter(kind="removed", old__name="低价倾销不正当竞争纠纷").exists()
    assert CauseMapping in site._registry
    client.force_login(admin)
    page = client.get(reverse("admin:cases_causemapping_changelist") + "?status__exact=unreviewed&q=有奖销售")
    assert page.status_code == 200 and "有奖销售纠纷" in page.content.decode()
    page = client.post(reverse("admin:cases_causemapping_changelist"),
                       {"action": "mark_reviewed", "_selected_action": [rename.pk]})
    assert page.status_code == 302
    rename.refresh_from_db()
    assert rename.status == "reviewed" and rename.reviewed_by == admin and rename.reviewed_at


def test_loading_again_changes_nothing():
    before = list(Cause.objects.values_list("id", "code", "position"))
    for name in FULL_CATALOGUES:
        catalogue_load(DATA_DIR / name)
    assert list(Cause.objects.values_list("id", "code", "position")) == before
