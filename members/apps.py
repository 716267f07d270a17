from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self) -> None:
        from alliance_portal.competition_law import register_statement_source
        from alliance_portal.organisations import register_organisation_lookup
        from alliance_portal.roles import register_membership_lookup
        from members import sections, standing
        from members.selectors import (
            competition_statement,
            membership_lookup,
            organisation_lookup_for_shared_layer,
        )

        register_membership_lookup(membership_lookup)
        register_organisation_lookup(organisation_lookup_for_shared_layer())
        register_statement_source(competition_statement)
        sections.register()
        standing.register()
