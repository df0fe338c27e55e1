from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_ledger_guard(using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from creneau.privacy.ledger import ensure_ledger_guard

    ensure_ledger_guard(connections[using])


class PrivacyConfig(AppConfig):
    name = "creneau.privacy"
    label = "privacy"

    def ready(self) -> None:
        # Schema upkeep, not business logic: SQLite drops triggers when a migration rebuilds
        # the table, so the ledger's append-only guard is put back after every migrate.
        post_migrate.connect(_ensure_ledger_guard, sender=self)
        # The personal-data registry: third-party models are declared here, each of our apps
        # declares its own models and handlers in its `privacy.py` (as the admin's admin.py).
        from django.utils.module_loading import autodiscover_modules

        from creneau.privacy.marketing import marketing_gate_register
        from creneau.privacy.outbox import register_outbox
        from creneau.privacy.thirdparty import register_third_party

        register_third_party()
        # The outbox is a framework below this one and imports nothing of ours: its models are
        # declared here, and its marketing templates pass only through our gate.
        register_outbox()
        marketing_gate_register()
        autodiscover_modules("privacy")

        # Daily jobs on the notifications clock; each decides itself whether today's run is done.
        from creneau.notifications.clock import clock_job_register
        from creneau.privacy.retention import retention_daily

        clock_job_register("retention", retention_daily)

        from creneau.privacy.desk import desk_reminder_daily

        clock_job_register("rights_desk_reminder", desk_reminder_daily)
