"""The security tests use the web tests' helpers (a signed-in client, a recent case, page text)."""

from tests.web.conftest import act, as_user, recent  # noqa: F401
