from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "creneau.privacy"
    label = "privacy"

    def ready(self) -> None:
        # The personal-data registry: third-party models are declared here, each of our apps
        # declares its own models, handlers, retention rules, desk matchers and erasure
        # blockers in its `privacy.py` (as the admin's admin.py).
        from django.utils.module_loading import autodiscover_modules

        from creneau.privacy.outbox import register_outbox
        from creneau.privacy.thirdparty import register_third_party

        register_third_party()
        # The outbox is a framework below this one and imports nothing of ours: its models are
        # declared here.
        register_outbox()
        autodiscover_modules("privacy")

        # Daily jobs on the notifications clock; each decides itself whether today's run is done.
        from creneau.notifications.clock import clock_job_register
        from creneau.privacy.retention import retention_daily

        clock_job_register("retention", retention_daily)
