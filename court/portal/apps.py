from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "court.portal"
    label = "portal"
    verbose_name = _("Parties' online court")

    def ready(self) -> None:
        # A lawyer's complaint links the client's account or invites the client (court.cases knows nothing of it).
        from court.cases import signals

        from .clients import link_clients_of_filing

        signals.case_submitted.connect(link_clients_of_filing, dispatch_uid="portal.link_clients")
        # Each step the parties should hear of becomes a notice in their inbox, e-mailed after commit.
        from django.db.models.signals import post_save

        from court.cases.models import CaseEvent

        from .notices import on_case_event

        post_save.connect(on_case_event, sender=CaseEvent, dispatch_uid="portal.notices")
