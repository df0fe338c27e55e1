from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "creneau.rights"
    label = "rights"

    def ready(self) -> None:
        # The desk's daily reminder, on the notifications clock; it decides itself whether
        # today's reminder is done.
        from creneau.notifications.clock import clock_job_register
        from creneau.rights.desk import desk_reminder_daily

        clock_job_register("rights_desk_reminder", desk_reminder_daily)
