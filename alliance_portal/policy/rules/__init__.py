"""The rules for every action, one module per area; importing this package registers them.
Rules may not import the apps (the shared layer sits below them): they read the object's
attributes (duck typing) and the principal."""

from alliance_portal.policy.rules import (  # noqa: F401
    access_log,
    actions,
    documents,
    glossary,
    governance,
    governance_input,
    governance_versions,
    initiatives,
    log_heads,
    meetings,
    members,
    notifications,
    personal_data,
    standards,
)
