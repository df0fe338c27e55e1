from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "creneau.catalog"
    label = "catalog"

    def ready(self) -> None:
        # Keeps each salon's public_version current (catalog.freshness).
        from creneau.catalog import freshness

        freshness.connect()

        from creneau.catalog.demo import demo_extension_register
        from creneau.catalog.demo_photos import demo_photos_attach

        demo_extension_register("photos", demo_photos_attach)
