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
