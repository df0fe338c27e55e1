from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WaitlistConfig(AppConfig):
    name = "creneau.waitlist"
    label = "waitlist"
    verbose_name = _("Waitlist")

    def ready(self) -> None:
        # Told by the catalog, after each commit, that a salon's free times may have changed
        # (bookings and catalog cannot import this app); the clock re-checks every minute in
        # case a hook was missed (a process that died between commit and callback).
        from creneau.catalog.freshness import availability_changed_listen
        from creneau.notifications.clock import clock_job_register
        from creneau.waitlist.services import waitlist_salon_changed, waitlist_tick

        availability_changed_listen("waitlist", waitlist_salon_changed)
        clock_job_register("waitlist", waitlist_tick)
