from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self) -> None:
        from alliance_portal.roles import register_membership_lookup
        from members import sections, standing
        from members.selectors import membership_lookup

        register_membership_lookup(membership_lookup)
        sections.register()
        standing.register()
