from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "creneau.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        # The invitations after each visit are a job of the clock, like the reminders.
        from creneau.notifications.clock import clock_job_register
        from creneau.reviews.invitations import review_invitations_send_due

        clock_job_register("review_invitations", review_invitations_send_due)
