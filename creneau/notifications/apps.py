from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "creneau.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from creneau.notifications import checks  # noqa: F401  (registers the system check)
        from creneau.notifications.clock import clock_job_register
        from creneau.notifications.delivery import messages_deliver_due

        clock_job_register("outbox_sweep", messages_deliver_due)
