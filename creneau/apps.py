from django.apps import AppConfig


class CreneauConfig(AppConfig):
    """The project package as an app, for what belongs to no domain or interface app: the
    deploy checks (`checks.py`), which read the settings as a whole."""

    name = "creneau"
    label = "creneau"
    verbose_name = "Créneau"

    def ready(self) -> None:
        from creneau.checks import register_deploy_checks

        register_deploy_checks()
