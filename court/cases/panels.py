"""Panels that other apps show on the case page, without the cases app knowing them.

A provider is a callable `(case, user) -> (template_name, context) | None`. Register it once, in the
app's `AppConfig.ready()`::

    from court.cases.panels import register_case_panel

    def triage_panel(case, user):
        if not user.is_court_staff:
            return None
        return "triage/_case_panel.html", {"recommendation": latest_recommendation(case)}

    register_case_panel(triage_panel)

The case page renders each panel with `{% include template_name with case=case panel=context %}`,
inside `{% block triage %}`. Until the triage app registers a provider, a template called
`triage/_case_panel.html` is still shown to court staff if it exists (`DEFAULT_PANEL_TEMPLATES`), so the
triage engineer can start with the template alone. A provider that fails with one of `PROVIDER_ERRORS`, or
names a template that does not exist, does not break the page: the error is logged and the panel left out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from court.org.models import User

from .access import is_external
from .models import Case

log = logging.getLogger(__name__)

Panel = tuple[str, dict[str, Any]]
PanelProvider = Callable[[Case, User], Panel | None]

#: Templates shown to court staff when they exist and no provider returned them.
DEFAULT_PANEL_TEMPLATES = ("triage/_case_panel.html",)

#: How a provider's own bug shows (reading the case, a missing model file): logged, and the panel left out.
#: Anything else (a database error, PermissionDenied, Http404) propagates as it would from the page itself.
PROVIDER_ERRORS = (AttributeError, LookupError, OSError, RuntimeError, TypeError, ValueError)

_providers: list[PanelProvider] = []


def register_case_panel(provider: PanelProvider) -> PanelProvider:
    """Add `provider` to the case page (idempotent; usable as a decorator)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister_case_panel(provider: PanelProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def _template_exists(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def get_case_panels(case: Case, user: User) -> list[Panel]:
    """The panels to show `user` on the page of `case`, in registration order; none to an outsider (a party, a
    lawyer, a mediator from outside the court: `access.is_external`), since panels show internal material."""
    panels: list[Panel] = []
    if is_external(user):
        return panels
    for provider in list(_providers):  # a copy: a provider may unregister itself
        try:
            panel = provider(case, user)
        except PROVIDER_ERRORS:  # one app's bug must not take the case page down
            log.exception("Case panel provider %r failed for case %s", provider, case.pk)
            continue
        if panel is None:
            continue
        if not _template_exists(panel[0]):
            log.error("Case panel provider %r named a missing template %r", provider, panel[0])
            continue
        panels.append(panel)
    if getattr(user, "is_court_staff", False):
        shown = {name for name, _context in panels}
        for name in DEFAULT_PANEL_TEMPLATES:
            if name not in shown and _template_exists(name):
                panels.append((name, {}))
    return panels
