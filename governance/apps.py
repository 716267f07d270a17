from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"

    def ready(self) -> None:
        from governance import sections
        from governance.decision_log import standing
        from governance.initiatives import sections as initiative_sections

        sections.register()
        initiative_sections.register()
        standing.register()
