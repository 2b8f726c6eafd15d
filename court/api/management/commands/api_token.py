"""Create, list or revoke a user's API tokens: `api_token create USER --name NAME [--days N]` prints the key
(shown once), `api_token list USER`, `api_token revoke USER ID`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from court.api.tokens import DEFAULT_DAYS, TokenRefused, active_tokens, create_token, revoke_token
from court.commands import BaseCommand
from court.org.models import User


class Command(BaseCommand):
    help = "Create (the key is printed once), list or revoke a user's API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("username")
        parser.add_argument("token_id", nargs="?", type=int, help="The token to revoke (see list).")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        if options["action"] == "create":
            try:
                token, key = create_token(user, name=options["name"], days=options["days"])
            except TokenRefused as exc:
                raise CommandError(str(exc)) from None
            self.stderr.write(f"Token {token.pk} for {user.username}, valid until {token.expires_at:%Y-%m-%d}:")
            self.stdout.write(key)
        elif options["action"] == "list":
            for token in active_tokens(user).order_by("-created_at"):
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
                self.stdout.write(f"{token.pk}\tfj_{token.prefix}…\t{token.name}\texpires {token.expires_at:%Y-%m-%d}"
                                  f"\tlast used {used}")
        else:
            if options["token_id"] is None:
                raise CommandError("Give the token's id to revoke (api_token list USER shows them).")
            if not revoke_token(user, options["token_id"]):
                raise CommandError(f"{user.username} holds no active token {options['token_id']}.")
            self.stdout.write(f"Revoked token {options['token_id']}.")
