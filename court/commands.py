"""The base of Fanjian's management commands."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management import base
from django.utils import translation


class BaseCommand(base.BaseCommand):
    """A command that speaks FANJIAN_COMMAND_LANGUAGE (English by default), so that its reports, such as the
    importer's `line N, column C: …`, read the same in every log and script; the web follows each user's language."""

    def run_from_argv(self, argv: list[str]) -> None:
        # The arguments are parsed (and a bad one reported) before `execute`: in the command language too.
        with translation.override(settings.FANJIAN_COMMAND_LANGUAGE):
            super().run_from_argv(argv)

    def execute(self, *args: Any, **options: Any) -> Any:
        with translation.override(settings.FANJIAN_COMMAND_LANGUAGE):
            return super().execute(*args, **options)


def date_option(options: dict[str, Any], name: str) -> date | None:
    """The `--<name>` option as a date (None when not given); a bad one is a usage error naming the option."""
    text = options.get(name)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        flag = "--" + name.replace("_", "-")
        raise base.CommandError(f"{flag} {text!r} is not a date (YYYY-MM-DD).") from None
