"""The access-control matrix: every URL pattern and every API operation, against every role of
DESIGN.md §2, with objects at every disclosure level, of the user's own and another organisation.

What must happen is written by hand from DESIGN.md (never recorded from responses):
``tests/access/matrix.py`` holds ``EXPECT`` (role × access level); ``tests/access/cases/*.py``
give each URL its access level and sample arguments; the admin's cases follow from the rules
below. A URL pattern or API operation without a case fails ``test_every_url_pattern_has_a_case``
/ ``test_every_api_operation_has_a_case``: no new URL escapes the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

from alliance_portal.roles import Role
from tests.access.cases import gather
from tests.access.integrity import changed_tables, fingerprint
from tests.access.matrix import ADMIN_LOGIN, DENY, EXPECT, HOME, LOGIN, OK, ROLES, Case, no_kwargs
from tests.access.world import _build_matrix_world  # noqa: F401 (other suites import it here)
from tests.security import figures

PAGES, API = gather()

# The admin: the secretariat administers the alliance's own models; groups, permissions and
# the secretariat sees API tokens under each account; audit events and sent emails are read-only.
SUPERUSER_ONLY_APPS = {"auth"}
# Records nobody adds or deletes by hand in the admin (they come from their own use case).
NO_ADD_MODELS = {
    "alliance_portal.AccessLogEntry",
    "alliance_portal.ErasureRequest",
    "alliance_portal.LoginLockout",
    "alliance_portal.Notification",
    "alliance_portal.NotificationItem",
    "alliance_portal.NotificationPreference",
    "alliance_portal.OutboundEmail",
    "alliance_portal.PendingSignup",
    "alliance_portal.SecurityEvent",
    "pghistory.Events",
    "members.AgreementAcceptance",
    "members.MembershipApplication",
    # Added on the library's page, where the file is checked; kept as evidence, not deleted.
    "governance.Document",
    # Agenda items come with their meeting's agenda; held and released through their use cases.
    "governance.AgendaItem",
}
# Public records: comments and responses (moderation hides, never deletes) and a published
# transparency report (the matrix's first report is a ready one). Deleting a sign-in lockout is
# how the secretariat unlocks it.
NO_DELETE_MODELS = (
    NO_ADD_MODELS
    | {
        "members.AgreementVersion",
        "governance.Comment",
        "governance.CommentResponse",
        "governance.TransparencyReport",
        # A review's outcome is a log entry; a translation is replaced, never removed by hand.
        "governance.DecisionReview",
        "governance.ProposalTranslation",
        # A certification ends by its status (suspended, expired), never by deletion.
        "standards.Certification",
        # A reporting cycle is closed, never deleted: reports refer to it.
        "standards.ReportingCycle",
        # An action's timeline and decision-log statements are public records.
        "governance.ActionItem",
        # An initiative is cancelled and a pledge withdrawn, never deleted.
        "governance.Initiative",
        "governance.Pledge",
    }
) - {"alliance_portal.LoginLockout"}
# Read-only in the admin altogether: the database refuses changes to the decision log.
READ_ONLY_MODELS = {
    "governance.DecisionLogEntry",
    # Signed heads and cosignatures are the portal's and the witnesses' signatures; a witness
    # is registered on its page and decided through the use case (admin actions).
    "governance.SignedHead",
    "governance.Cosignature",
    "governance.Witness",
    "governance.PublishedDecision",
    # A published version never changes; what a response changed is set through its service.
    "governance.ProposalVersion",
    "governance.ResponseChange",
    # A member author's revised version is published or returned through its service.
    "governance.VersionSubmission",
    # Changed only by a decision's effect (issue 16): a constitution, objectives and their
    # indicators; a proposal's effect is set through its page and API.
    "governance.Constitution",
    "governance.Objective",
    "governance.Indicator",
    "governance.ProposalEffect",
    # Drafted on the tiers pages, adopted only by a decision's effect; commitments are declared
    # by the organisation's representative alone.
    "standards.Tier",
    "standards.TierCommitment",
    # RS reports and their answers are filed by the organisation's representative (issue 18).
    "standards.Report",
    "standards.Answer",
    # Drafted, submitted and withdrawn by its organisation's representative on its pages;
    # answered through governance.
    "standards.AcceptanceRequest",
    # Which proposal was opened from which request: written by the use case that opens it.
    "governance.AcceptanceProposal",
}
NO_OBJECT_PAGES = {"pghistory.Events"}
ADMIN_VIEWS = ("changelist", "add", "change", "history", "delete")


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern)


def _admin_cases() -> dict[str, list[Case]]:
    """The admin's URLs with their level, derived from the registry by the rules above."""

    def level_for(model, view: str) -> str:
        if model._meta.app_label in SUPERUSER_ONLY_APPS:
            return "admin-superuser"
        if model._meta.label in READ_ONLY_MODELS and view in {"add", "delete"}:
            return "admin-nobody"
        if (view == "add" and model._meta.label in NO_ADD_MODELS) or (
            view == "delete" and model._meta.label in NO_DELETE_MODELS
        ):
            return "admin-nobody"
        return "admin"

    cases: dict[str, list[Case]] = {
        "admin:index": [Case("admin")],
        "admin:logout": [Case("public", method="post", ok=frozenset({200, 302}))],
        "admin:login": [Case("public", ok=frozenset({200, 302}))],
        "admin:password_change": [Case("admin")],
        "admin:password_change_done": [Case("admin")],
        "admin:jsi18n": [Case("admin")],
        "admin:autocomplete": [Case("admin", ok=frozenset({200, 403}))],
        "admin:view_on_site": [
            Case(
                "public",
                kwargs=lambda w: _view_on_site(w),
                ok=frozenset({302}),
                label="organisation profile",
            )
        ],
    }
    app_labels = {model._meta.app_label for model in admin.site._registry}
    cases["admin:app_list"] = [
        Case(
            "admin-superuser" if label in SUPERUSER_ONLY_APPS else "admin",
            kwargs=partial(_app_label, label=label),
            label=label,
        )
        for label in sorted(app_labels)
    ]
    for model in admin.site._registry:
        opts = model._meta
        for view in ADMIN_VIEWS:
            name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
            needs_object = view in {"change", "history", "delete"}
            cases[name] = [
                Case(
                    level_for(model, view),
                    kwargs=partial(_object_id, model=model) if needs_object else no_kwargs,
                    # The events admin has no page per event: it answers with its list.
                    ok=frozenset({200, 302}) if opts.label in NO_OBJECT_PAGES else frozenset({200}),
                    label=opts.label,
                )
            ]
    # Setting any account's password is the superuser's (it could take over an account).
    cases["admin:auth_user_password_change"] = [
        Case("admin-superuser", kwargs=lambda w: {"id": w.users[Role.MEMBER].pk})
    ]
    return cases


def _app_label(world, *, label: str) -> dict[str, Any]:
    return {"app_label": label}


def _object_id(world, *, model) -> dict[str, Any]:
    return {"object_id": _sample_pk(world, model)}


def _sample_pk(world, model) -> str:
    if model._meta.label in NO_OBJECT_PAGES:
        return "1"
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"the matrix fixtures hold no {model._meta.label}: add one"
    return str(obj.pk)


def _view_on_site(world) -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(type(world.own))
    return {"content_type_id": content_type.pk, "object_id": world.own.pk}


ALL_PAGES = {**PAGES, **_admin_cases()}
# Patterns without a name: the admin's redirect of a bare object id and its catch-all.
UNNAMED_ROUTES = {
    "admin/<app_label>/<model_name>/<path:object_id>/": "redirects to the change view",
    "admin/(?P<url>.*)$": "the admin's catch-all (404 or login)",
}
ADMIN_UNNAMED_SUFFIX = "<path:object_id>/"


def test_every_url_pattern_has_a_case() -> None:
    walked = list(_walk(get_resolver().url_patterns))
    # The walk itself must see the URLs we know of, or this test could pass on nothing.
    assert set(PAGES) <= {name for name, _ in walked}
    assert any(name and name.startswith("admin:members_") for name, _ in walked)
    missing = []
    for name, route in walked:
        if name is None:
            if route.endswith(ADMIN_UNNAMED_SUFFIX) or route.startswith("admin/(?P<url>"):
                continue
            missing.append(route)
        elif name not in ALL_PAGES and not name.startswith("api:"):
            missing.append(name)
    assert missing == [], f"URL patterns with no case in the access matrix: {missing}"


def test_every_api_operation_has_a_case() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {(method, path) for path, item in schema["paths"].items() for method in item}
    assert operations == set(API), (
        f"API operations with no case: {sorted(operations - set(API))}; "
        f"cases for operations that do not exist: {sorted(set(API) - operations)}"
    )


def _check(response, expected: str, case: Case, *, api: bool) -> str | None:
    status = response.status_code
    location = response.headers.get("Location", "")
    if expected == OK:
        good = status in case.ok
    elif expected == LOGIN:
        good = (
            status in {401, 403}
            if api
            else (status == 302 and location.startswith(reverse("login")))
        )
    elif expected == ADMIN_LOGIN:
        good = status == 302 and location.startswith(reverse("admin:login"))
    elif expected == DENY:
        good = status in {403, 404}
    elif expected == HOME:
        good = status == 302 and location == reverse("home")
    else:  # pragma: no cover - a typo in the tables
        raise AssertionError(expected)
    return None if good else f"expected {expected}, got {status} {location}".strip()


# Unsafe methods, and the answers that refuse them: a refused write must change no row.
UNSAFE_METHODS = {"post", "put", "patch", "delete"}
REFUSED = {LOGIN, ADMIN_LOGIN, DENY}


@dataclass
class Tally:
    """What one test measured, for the report and for its assertion."""

    cells: int = 0  # role x case checked
    unexpected_2xx: int = 0  # a 2xx where the table says LOGIN, ADMIN_LOGIN or DENY
    denied_writes_changed_rows: int = 0  # refused unsafe requests after which a row differed
    failures: list[str] = field(default_factory=list)

    def record(self) -> None:
        figures.record("matrix.cells", self.cells)
        figures.record("matrix.unexpected_2xx", self.unexpected_2xx)
        figures.record("matrix.denied_writes_changed_rows", self.denied_writes_changed_rows)


def _send(client: Client, url: str, case: Case, method: str, *, api: bool):
    send = getattr(client, method)
    if method == "get":
        return send(url)
    if api:
        return send(url, case.data, content_type="application/json")
    return send(url, case.data)


def _run(world, url: str, case: Case, method: str, *, api: bool, tally: Tally) -> None:
    # Every role's client first: signing in writes (last_login, a session) before any request.
    clients = {role: world.client_for(role) for role in ROLES}
    before = None
    for role in ROLES:
        expected = EXPECT[case.level][role]
        guarded = method in UNSAFE_METHODS and expected in REFUSED
        if guarded and before is None:
            before = fingerprint()
        response = _send(clients[role], url, case, method, api=api)
        where = f"{method.upper()} {url} [{case.label or case.level}] as {role}"
        tally.cells += 1
        if expected in REFUSED and 200 <= response.status_code < 300:
            tally.unexpected_2xx += 1
        problem = _check(response, expected, case, api=api)
        if problem:
            tally.failures.append(f"{where}: {problem}")
        if guarded:
            after = fingerprint()
            changed = changed_tables(before, after)  # type: ignore[arg-type]
            if changed:
                tally.denied_writes_changed_rows += 1
                tally.failures.append(f"{where}: refused, yet changed rows of {changed}")
            before = after
        else:
            before = None


@pytest.mark.parametrize("name", sorted(ALL_PAGES))
@pytest.mark.security
def test_page_access(matrix_world, name: str) -> None:
    world = matrix_world
    tally = Tally()
    for case in ALL_PAGES[name]:
        url = reverse(name, kwargs=case.kwargs(world))
        _run(world, url, case, case.method, api=False, tally=tally)
    tally.record()
    assert tally.failures == [], "\n".join(tally.failures)
    assert tally.unexpected_2xx == tally.denied_writes_changed_rows == 0


@pytest.mark.parametrize(("method", "path"), sorted(API))
@pytest.mark.security
def test_api_access(matrix_world, method: str, path: str) -> None:
    world = matrix_world
    tally = Tally()
    for case in API[(method, path)]:
        url = path.format(**case.kwargs(world))
        _run(world, url, case, method, api=True, tally=tally)
    tally.record()
    assert tally.failures == [], "\n".join(tally.failures)
    assert tally.unexpected_2xx == tally.denied_writes_changed_rows == 0


def test_own_and_other_are_competitors_in_one_chamber(matrix_world) -> None:
    """The matrix's ``own`` and ``other`` organisations (A and B) are active members of the
    same chamber, so every ``other`` case asks whether a competitor reaches A's or B's rows."""
    from members.models import MembershipStatus, Person

    own, other = matrix_world.own, matrix_world.other
    assert own.pk != other.pk
    assert own.chamber_id == other.chamber_id
    assert own.membership_status == other.membership_status == MembershipStatus.ACTIVE
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE):
        organisations = set(
            Person.objects.filter(user=matrix_world.users[role]).values_list(
                "organisation_id", flat=True
            )
        )
        assert organisations == {own.pk}, f"{role} must be a person of A only"
