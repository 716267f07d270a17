from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class AlliancePortalConfig(AppConfig):
    name = "alliance_portal"
    verbose_name = "Alliance Portal"

    def ready(self) -> None:
        from alliance_portal import checks  # noqa: F401 (registers the system checks)

        post_migrate.connect(_after_last_app_migrated, dispatch_uid="portal-role-groups")
        # The audit trail of sign-ins and lockouts (its receivers connect on import).
        from alliance_portal import security_events

        security_events.connect()


def _after_last_app_migrated(sender: AppConfig, **kwargs: Any) -> None:
    # post_migrate is sent once per app that has models; the permissions of every app exist
    # only after the last one, and a test flush sends it again, which brings the groups back.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        from alliance_portal.append_only import refuse_trigger_skipping
        from alliance_portal.roles import ensure_role_groups

        ensure_role_groups(using=kwargs.get("using", "default"))
        refuse_trigger_skipping(using=kwargs.get("using", "default"))
