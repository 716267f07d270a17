from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "standards"

    def ready(self) -> None:
        from standards import sections, standing

        sections.register()
        standing.register()
