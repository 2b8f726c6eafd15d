"""The demo court carries a real court's code, so the generator refuses to run against a production profile."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_generate_demo_refuses_the_production_profile(db, settings):
    settings.PROFILE = "production"
    with pytest.raises(CommandError, match="production profile"):
        call_command("generate_demo", "--cases", "0", "--no-progress")
