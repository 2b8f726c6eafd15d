"""Shared personas: one court with two trial teams, and one person in every role.

judge (审判员 Wang, team A), assistant (Li, team A), clerk (Zhao, team A), other_judge (team B),
filing_officer, mediator (a village-elder mediator), admin (court administrator and president),
party (a plaintiff who files online), lawyer (the plaintiff's lawyer), stranger (a party of no case).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from court.cases.models import Cause
from court.org.models import Court, Division, MediatorOrg, Role, Team, User, WageThreshold


@pytest.fixture(autouse=True)
def english_by_default(request):
    """The tests assert the English source strings: run them in English unless they ask for `chinese`.

    Chinese (zh-hans) is the site's default language; LANGUAGE_CODE = "en" makes English the default of
    requests without a language (the test client, the live server) and the override covers code run outside
    a request (services, commands)."""
    if "chinese" in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def chinese(settings):
    """Opt out of `english_by_default`: the site's real default language, Chinese."""
    assert settings.LANGUAGE_CODE == "zh-hans"
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def court(db) -> Court:
    court = Court.objects.create(code="陕0122", name="蓝田县人民法院", province="陕")
    WageThreshold.objects.create(province="陕", effective_from=date(2021, 1, 1), average_wage=Decimal("90000"))
    return court


@pytest.fixture
def division(court) -> Division:
    return Division.objects.create(court=court, name="民事审判庭")


@pytest.fixture
def team(court, division) -> Team:
    return Team.objects.create(court=court, division=division, code="A", name="审判团队A")


@pytest.fixture
def team_b(court, division) -> Team:
    return Team.objects.create(court=court, division=division, code="B", name="审判团队B")


def _user(username: str, role: str, court: Court | None, team: Team | None = None, **extra) -> User:
    return User.objects.create_user(username=username, password="pw-" + username, role=role, court=court,
                                    team=team, display_name=username.title(), **extra)


@pytest.fixture
def judge(court, team) -> User:
    return _user("judge", Role.JUDGE, court, team)


@pytest.fixture
def assistant(court, team, judge) -> User:
    return _user("assistant", Role.ASSISTANT, court, team)


@pytest.fixture
def clerk(court, team, judge) -> User:
    return _user("clerk", Role.CLERK, court, team)


@pytest.fixture
def other_judge(court, team_b) -> User:
    return _user("other_judge", Role.JUDGE, court, team_b)


@pytest.fixture
def filing_officer(court) -> User:
    return _user("filing", Role.FILING_OFFICER, court)


@pytest.fixture
def mediator(court) -> User:
    return _user("mediator", Role.MEDIATOR, court, mediator_org=MediatorOrg.VILLAGE_ELDER)


@pytest.fixture
def admin(court) -> User:
    return _user("admin", Role.ADMINISTRATOR, court, is_president=True)


@pytest.fixture
def party(court) -> User:
    return _user("party", Role.PARTY, None)


@pytest.fixture
def lawyer(court) -> User:
    return _user("lawyer", Role.LAWYER, None, law_firm="秦岭律师事务所")


@pytest.fixture
def stranger(court) -> User:
    return _user("stranger", Role.PARTY, None)


@pytest.fixture
def cause(db) -> Cause:
    return Cause.objects.get(name="民间借贷纠纷", catalogue__version="2025")


@pytest.fixture
def make_case(court, team, judge, filing_officer, cause, party, lawyer):
    """Build a case through the services, up to `state` (filed, accepted, service, scheduled, heard, closed)."""
    from tests.factories import build_case

    def make(**kwargs):
        kwargs.setdefault("court", court)
        kwargs.setdefault("team", team)
        kwargs.setdefault("judge", judge)
        kwargs.setdefault("officer", filing_officer)
        kwargs.setdefault("cause", cause)
        kwargs.setdefault("plaintiff_user", party)
        kwargs.setdefault("lawyer", lawyer)
        return build_case(**kwargs)

    return make


@pytest.fixture
def catalogue_present(transactional_db):
    """A transactional test flushes every table afterwards, the migrations' rows included (the role groups come
    back by court.org's post_migrate receiver): load the cause catalogues again when they are gone (idempotent).
    Used instead of `serialized_rollback`, whose reload clashes with the role groups the flush recreated."""
    from court.cases.catalogue import catalogues_load_all

    if not Cause.objects.exists():
        catalogues_load_all()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 (the site's first hasher) costs ~0.1 s a password by design; the personas need none of that.
    tests/security/test_login.py checks Argon2 itself."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                                 "django.contrib.auth.hashers.Argon2PasswordHasher"]


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A function that puts a freshly migrated SQLite database at a path, for the tests that run the app in a
    process of its own (gunicorn, a qcluster, a command): `migrate` runs once for the whole run — the first worker
    makes the file under a lock, the others wait and copy it — instead of once per test (about 20 s each)."""
    import fcntl
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    shared = tmp_path_factory.getbasetemp().parent  # one folder for every xdist worker of this run
    template, lock = shared / "migrated.sqlite3", shared / "migrated.lock"
    root = Path(__file__).resolve().parent.parent
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        if not template.exists():
            env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SQLITE_"))}
            env |= {"DJANGO_SETTINGS_MODULE": "court.settings", "DATABASE_URL": "",
                    "SQLITE_PATH": str(shared / "migrating.sqlite3")}
            done = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0", "--skip-checks"],
                                  cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False)
            assert done.returncode == 0, done.stderr[-2000:]
            os.replace(shared / "migrating.sqlite3", template)
        fcntl.flock(handle, fcntl.LOCK_UN)

    def put(path: Path) -> Path:
        shutil.copyfile(template, path)
        return path

    return put
