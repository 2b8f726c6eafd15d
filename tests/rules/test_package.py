"""Package-wide properties: the error type, the enums, and no Django in the rules."""

from pathlib import Path

import court.rules
from court.rules._i18n import _
from court.rules.enums import EXCLUDED_KINDS, ApproverLevel, ClosingMode, PeriodKind, Procedure
from court.rules.errors import RuleViolation


def test_a_rule_violation_carries_its_code_and_article() -> None:
    error = RuleViolation("CPL 139: too late.", code="hearing_notice_too_late", article="CPL 139")
    assert str(error) == "CPL 139: too late."
    assert (error.message, error.code, error.article) == ("CPL 139: too late.", "hearing_notice_too_late", "CPL 139")
    assert isinstance(error, Exception)


def test_the_translation_marker_returns_the_message_unchanged() -> None:
    assert _("hello") == "hello"


def test_every_kind_but_extension_is_excluded_time() -> None:
    assert EXCLUDED_KINDS == frozenset(PeriodKind) - {PeriodKind.EXTENSION}
    assert len(EXCLUDED_KINDS) == 9


def test_enum_values_match_the_interchange_format() -> None:
    assert [p.value for p in Procedure] == ["small_claims", "simple", "ordinary"]
    assert {m.value for m in ClosingMode} == {
        "judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "transfer", "termination", "other"
    }
    assert ApproverLevel("higher_court") is ApproverLevel.HIGHER_COURT
    assert Procedure.SIMPLE == "simple"


def test_the_rules_do_not_import_django() -> None:
    package = Path(court.rules.__file__).parent
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, source.name
