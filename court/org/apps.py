from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_role_groups(sender: AppConfig, **kwargs: Any) -> None:
    """After every `migrate` (and `flush`), once the last app's permissions exist: the role groups hold the
    permissions of the models added since their migration."""
    from django.apps import apps

    if sender is not [config for config in apps.get_app_configs() if config.models_module is not None][-1]:
        return
    from .roles import sync_role_groups

    sync_role_groups()


class OrgConfig(AppConfig):
    name = "court.org"
    label = "org"
    verbose_name = _("Court organisation")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)

        post_migrate.connect(_sync_role_groups, dispatch_uid="org_sync_role_groups")
