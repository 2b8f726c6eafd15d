"""The template language of the court's documents: Django's, sandboxed.

* The context is plain data (`facts.document_facts`: dicts, lists, strings, numbers, dates), never a model, so no
  attribute access can reach a method, a manager or the database.
* Only the tags and filters listed here are allowed (no `load`, `include`, `extends`, `debug`, `url`, `csrf_token`,
  `safe` …); the engine has no template loaders and no libraries, so nothing outside the text can be read.
* Autoescaping is on: a party named `<b>` prints as written, and the PDF layout reads the escapes.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

ALLOWED_TAGS = frozenset({"if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "comment",
                          "endcomment", "firstof", "cycle", "spaceless", "endspaceless"})
ALLOWED_FILTERS = frozenset({"date", "time", "default", "default_if_none", "join", "length", "upper", "lower",
                             "floatformat", "first", "last", "add", "yesno", "cut", "slice", "linebreaksbr",
                             "length_is", "pluralize", "center", "ljust", "rjust", "truncatechars"})
TAG = re.compile(r"{%-?\s*(\w+)")
FILTER = re.compile(r"\|\s*(\w+)")
EXPRESSION = re.compile(r"({{.*?}}|{%.*?%})", re.S)

TAG_NOT_ALLOWED = gettext_noop("The tag “%(name)s” is not allowed in a document template.")
FILTER_NOT_ALLOWED = gettext_noop("The filter “%(name)s” is not allowed in a document template.")
SYNTAX_ERROR = gettext_noop("The template cannot be read: %(error)s")

_ENGINE = Engine(loaders=[], libraries={}, autoescape=True, string_if_invalid="", debug=False)


def check(body: str) -> None:
    """Refuse a text with a tag or filter outside the lists, or that does not compile (ValidationError)."""
    for expression in EXPRESSION.findall(body):
        if expression.startswith("{%"):
            match = TAG.match(expression)
            if match and match.group(1) not in ALLOWED_TAGS:
                raise ValidationError(_(TAG_NOT_ALLOWED) % {"name": match.group(1)}, code="tag")
        for name in FILTER.findall(expression):
            if name not in ALLOWED_FILTERS:
                raise ValidationError(_(FILTER_NOT_ALLOWED) % {"name": name}, code="filter")
    try:
        _ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(_(SYNTAX_ERROR) % {"error": exc}, code="syntax") from None


def render(body: str, facts: dict[str, Any]) -> str:
    """The text with the facts filled in (checked first), escaped for the PDF layout."""
    check(body)
    return _ENGINE.from_string(body).render(Context(facts, autoescape=True))
