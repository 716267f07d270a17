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
        _forget_decision_facets_on_objective_change()


def _forget_decision_facets_on_objective_change() -> None:
    """The decision log's filters name objectives by title (cached per head of the log):
    a renamed or deleted objective drops them, now and once its transaction commits."""
    from django.db import transaction
    from django.db.models.signals import post_delete, post_save

    from governance.decision_log.caching import forget_facets
    from governance.objectives.models import Objective

    def forget(**_: object) -> None:
        forget_facets()
        transaction.on_commit(forget_facets)

    post_save.connect(forget, sender=Objective, weak=False, dispatch_uid="decision-facets-save")
    post_delete.connect(forget, sender=Objective, weak=False, dispatch_uid="decision-facets-del")
