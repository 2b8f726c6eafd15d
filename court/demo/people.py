"""The demo court's organisation and logins, as plain data (no database): 蓝田县人民法院 (陕0122).

`ensure_people` (the only function that touches the database) creates them idempotently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

COURT_CODE = "陕0122"
COURT_NAME = "蓝田县人民法院"
PROVINCE = "陕"
#: A demo figure: Shaanxi's published small-claims threshold must replace it (JI 272).
DEMO_WAGE = Decimal("90000")
DEMO_WAGE_FROM = date(2021, 1, 1)
DEMO_WAGE_SOURCE = "demo figure; replace with the High Court's published threshold"


#: One password for every demo login (hashed once: PBKDF2 per user would cost seconds).
DEMO_PASSWORD = "fanjian-demo"


def password_for(username: str) -> str:
    """The password of a demo login (printed by generate_demo)."""
    return DEMO_PASSWORD


@dataclass(frozen=True)
class DivisionSpec:
    name: str
    kind: str  # division, tribunal, filing


@dataclass(frozen=True)
class TeamSpec:
    code: str
    name: str
    division: str
    judge: str
    assistants: tuple[str, ...]
    clerk: str
    #: Which cause groups the team hears (see plan.causes.CAUSES): family, tort, contract, finance, labour.
    groups: tuple[str, ...]


@dataclass(frozen=True)
class PersonSpec:
    username: str
    display_name: str
    role: str
    team: str = ""
    mediator_org: str = ""
    is_president: bool = False
    law_firm: str = ""


DIVISIONS: tuple[DivisionSpec, ...] = (
    DivisionSpec("立案庭", "filing"),
    DivisionSpec("民事审判第一庭", "division"),
    DivisionSpec("民事审判第二庭", "division"),
    DivisionSpec("蓝关人民法庭", "tribunal"),
    DivisionSpec("汤峪人民法庭", "tribunal"),
    DivisionSpec("焦岱人民法庭", "tribunal"),
)

TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("MY1", "民一庭第一审判团队", "民事审判第一庭", "judge01", ("assist01a", "assist01b"), "clerk01",
             ("family", "tort")),
    TeamSpec("MY2", "民一庭第二审判团队", "民事审判第一庭", "judge02", ("assist02a",), "clerk02",
             ("family", "tort", "labour")),
    TeamSpec("ME1", "民二庭第一审判团队", "民事审判第二庭", "judge03", ("assist03a", "assist03b"), "clerk03",
             ("contract", "finance")),
    TeamSpec("ME2", "民二庭第二审判团队", "民事审判第二庭", "judge04", ("assist04a",), "clerk04",
             ("contract", "labour")),
    TeamSpec("SC1", "速裁团队", "民事审判第二庭", "judge05", ("assist05a", "assist05b"), "clerk05",
             ("finance", "contract")),
    TeamSpec("LG1", "蓝关法庭审判团队", "蓝关人民法庭", "judge06", ("assist06a",), "clerk06",
             ("family", "tort", "contract")),
    TeamSpec("TY1", "汤峪法庭审判团队", "汤峪人民法庭", "judge07", ("assist07a",), "clerk07",
             ("family", "tort", "labour")),
    TeamSpec("JD1", "焦岱法庭审判团队", "焦岱人民法庭", "judge08", ("assist08a", "assist08b"), "clerk08",
             ("family", "contract", "finance")),
)

_JUDGE_NAMES = ["王建国", "李秀兰", "张卫东", "刘晓燕", "陈志刚", "杨丽娟", "赵明", "黄海涛"]
_ASSISTANT_SURNAMES = "周吴郑孙马朱胡郭何高林罗"
_CLERK_NAMES = ["冯雪", "韩静", "曹悦", "邓婷", "许娜", "傅瑶", "沈琳", "曾敏"]

#: The mediation chain of the county report: 法庭+司法所+派出所+调解委员会+乡贤调解员.
MEDIATORS: tuple[PersonSpec, ...] = (
    PersonSpec("med_court", "法庭特邀调解员 宋文华", "mediator", mediator_org="court"),
    PersonSpec("med_judicial", "蓝关司法所 唐志强", "mediator", mediator_org="judicial_office"),
    PersonSpec("med_police", "蓝关派出所 梁建军", "mediator", mediator_org="police_station"),
    PersonSpec("med_committee", "人民调解委员会 田桂芳", "mediator", mediator_org="mediation_committee"),
    PersonSpec("med_elder", "乡贤调解员 白德厚", "mediator", mediator_org="village_elder"),
)

PARTY_USERS: tuple[PersonSpec, ...] = tuple(
    PersonSpec(f"party{i:02d}", name, "party")
    for i, name in enumerate(["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "孙丽"], start=1)
)
LAWYER_USERS: tuple[PersonSpec, ...] = (
    PersonSpec("lawyer01", "律师 秦朗", "lawyer", law_firm="陕西秦岭律师事务所"),
    PersonSpec("lawyer02", "律师 蓝天", "lawyer", law_firm="陕西蓝田律师事务所"),
    PersonSpec("lawyer03", "律师 华清", "lawyer", law_firm="西安长安律师事务所"),
    PersonSpec("lawyer04", "律师 渭川", "lawyer", law_firm="陕西灞河律师事务所"),
)


def staff() -> list[PersonSpec]:
    """Everyone who works at the court, in printing order."""
    people = [
        PersonSpec("president", "院长 周正", "administrator", is_president=True),
        PersonSpec("analyst", "审管办 吕清", "administrator"),
        PersonSpec("filing01", "立案庭 蔡明", "filing_officer"),
        PersonSpec("filing02", "立案庭 彭洁", "filing_officer"),
    ]
    for i, team in enumerate(TEAMS):
        people.append(PersonSpec(team.judge, _JUDGE_NAMES[i], "judge", team=team.code))
        for j, username in enumerate(team.assistants):
            people.append(PersonSpec(username, _ASSISTANT_SURNAMES[(2 * i + j) % 12] + "助理", "assistant",
                                     team=team.code))
        people.append(PersonSpec(team.clerk, _CLERK_NAMES[i], "clerk", team=team.code))
    return people + list(MEDIATORS)


def everyone() -> list[PersonSpec]:
    return staff() + list(PARTY_USERS) + list(LAWYER_USERS)


def team_by_code(code: str) -> TeamSpec:
    return next(t for t in TEAMS if t.code == code)


def ensure_people(court: Any) -> dict[str, Any]:
    """Create the divisions, teams and logins of the demo court (idempotent); returns users by username."""
    from django.contrib.auth.hashers import make_password

    from court.org.models import Division, Team, User

    encoded = make_password(DEMO_PASSWORD)

    divisions = {}
    for spec in DIVISIONS:
        divisions[spec.name], _ = Division.objects.get_or_create(court=court, name=spec.name,
                                                                 defaults={"kind": spec.kind})
    teams = {}
    for spec in TEAMS:
        teams[spec.code], _ = Team.objects.get_or_create(
            court=court, code=spec.code, defaults={"name": spec.name, "division": divisions[spec.division]})
    users: dict[str, Any] = {}
    for spec in everyone():
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(username=spec.username, password=encoded)
        user.role, user.display_name = spec.role, spec.display_name
        user.court = court if spec.role not in ("party", "lawyer") else None
        user.team = teams[spec.team] if spec.team else None
        user.mediator_org, user.is_president, user.law_firm = spec.mediator_org, spec.is_president, spec.law_firm
        user.is_staff = spec.role == "administrator"
        user.save()
        users[spec.username] = user
    return users
