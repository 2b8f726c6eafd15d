"""Errors raised by the legal rules."""


class RuleViolation(Exception):
    """An act the law forbids; `article` names the rule, `code` is stable for programs."""

    def __init__(self, message: str, *, code: str, article: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.article = article

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"RuleViolation({self.message!r}, code={self.code!r}, article={self.article!r})"
