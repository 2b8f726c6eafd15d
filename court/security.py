"""Response headers that keep private pages private: a Content-Security-Policy and `Cache-Control: no-store`.

* **Content-Security-Policy** on every HTML page: scripts, styles, images, fonts and requests from this site
  only, no inline script or style (every template loads its JavaScript and CSS from `static/`; data for the
  charts travels in `json_script` blocks, which are data, not script), no plugins, no framing, forms posted
  to this site only. `SECURITY_CSP` in the settings holds the policy.
* **Cache-Control: no-store** on every response to a signed-in user (case pages, lists, the dashboard and
  every export): a shared computer or a proxy keeps no copy of case data. Static files are served to
  everyone and keep their own caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

CSP_HEADER = "Content-Security-Policy"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and CSP_HEADER not in response:
            response[CSP_HEADER] = settings.SECURITY_CSP
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(settings.STATIC_URL_PATH):
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
            response.headers.pop("Expires", None)
        return response


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """The page django-axes shows a locked-out sign-in (AXES_LOCKOUT_CALLABLE): HTTP 429, how many failures
    locked it and for how many minutes, on the site's own layout, in the user's language."""
    from django.shortcuts import render

    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "registration/locked_out.html",
                  {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes}, status=429)
