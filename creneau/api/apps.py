from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "creneau.api"
    label = "api"

    def ready(self) -> None:
        # The routers that add problem types of their own register them on import: done once
        # at start-up, so PROBLEM_TYPES is complete before the first request lists it.
        from creneau.api import reviews, waitlist  # noqa: F401
