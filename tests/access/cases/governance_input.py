"""Access cases of input to consultations beyond the portal's own comments (issue 16, item 4)
and of decision reviews (item 5): recording input received outside the portal and
translations are the secretariat's; translations are read with the proposal; review dates are
set by the secretariat (or a proposal's author before its ballot) and read by anyone.

``populate`` adds, on the governance cases' public proposal in consultation: a translation
into French, input recorded by phone on behalf of a community group, a published decision on
it with an open review, and a second decision whose review the outcome cases record."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from tests.access.cases import governance as governance_cases
from tests.access.matrix import Case

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})
TRANSLATION = "Un.\n\nDeux.\n\n- trois\n- quatre\n\nCinq."  # the factory text's 4 paragraphs
# The API's review case names a decision that exists only once ``populate`` has run: the
# dict is filled in there (the matrix sends ``Case.data`` as it is when the case runs).
REVIEW_INPUT: dict[str, object] = {"due_on": "2031-01-01"}


def populate(world) -> None:
    if "input" in world.extra:
        return
    governance_cases.populate(world)
    from governance.consultations import services as consultation_services
    from governance.decision_log.services import decision_log_append
    from governance.reviews import services as review_services
    from members.models import Chamber

    public = world.extra["governance"]["public"]
    consultation_services.proposal_translation_save(
        actor=SYSTEM, proposal=public, language="fr", title="Règle commune", text=TRANSLATION
    )
    consultation_services.comment_record_received(
        actor=SYSTEM,
        proposal=public,
        text="Said on the phone.",
        author_kind="group",
        group_name="Matrix River Community",
        group_chamber=Chamber.objects.order_by("pk").first(),
        channel="phone",
    )
    decisions = []
    for title in ("Reviewed decision", "Decision whose review is recorded"):
        entry = decision_log_append(
            kind="decision",
            record={
                "proposal": {"id": public.pk, "title": title},
                "body": {"slug": "general-assembly", "name": "General Assembly"},
                "outcome": "adopted",
            },
        )
        decisions.append(entry.seq)
    due = timezone.localdate() + timedelta(days=365)
    review = review_services.decision_review_set(
        actor=SYSTEM, decision_seq=decisions[0], due_on=due
    )
    recorded = review_services.decision_review_set(
        actor=SYSTEM, decision_seq=decisions[1], due_on=due
    )
    REVIEW_INPUT["decision_seq"] = decisions[0]
    world.extra["input"] = {
        "public": public,
        "decision": decisions[0],
        "recorded_decision": decisions[1],
        "review": review,
        "recorded_review": recorded,
    }


def _get(world, key: str):
    populate(world)
    return world.extra["input"][key]


def _public(world):
    return {"pk": _get(world, "public").pk}


def _public_id(world):
    return {"id": _get(world, "public").pk}


def _members_only_id(world):
    governance_cases.populate(world)
    return {"id": world.extra["governance"]["members_only"].pk}


def _seq(key: str):
    return lambda world: {"seq": _get(world, key)}


PAGES: dict[str, list[Case]] = {
    "governance:received-input-create": [
        Case("secretariat", kwargs=_public),
        Case(
            "secretariat",
            kwargs=_public,
            method="post",
            data={
                "channel": "phone",
                "author_kind": "group",
                "group_name": "Matrix Hill Village",
                "group_chamber": "civil-society",
                "language": "sw",
                "text": "Tulisema kwa simu.",
            },
            ok=REDIRECT,
            label="record input by phone for a group",
        ),
    ],
    "governance:proposal-translation": [
        Case("secretariat", kwargs=lambda w: {**_public(w), "language": "fr"}),
        Case(
            "secretariat",
            kwargs=lambda w: {**_public(w), "language": "es"},
            method="post",
            data={"title": "Regla común", "text": TRANSLATION},
            ok=REDIRECT,
            label="save a translation into Spanish",
        ),
    ],
    "governance:proposal-review-date": [
        Case("secretariat", kwargs=_public),
        Case(
            "secretariat",
            kwargs=_public,
            method="post",
            data={"due_on": "2031-06-30"},
            ok=REDIRECT,
            label="set the review date on a proposal",
        ),
    ],
    "governance:decision-review-date": [
        Case("secretariat", kwargs=_seq("decision")),
        Case(
            "secretariat",
            kwargs=_seq("decision"),
            method="post",
            data={"due_on": "2031-03-31"},
            ok=REDIRECT,
            label="move a decision's review date",
        ),
    ],
    "governance:decision-review-outcome": [
        Case("secretariat", kwargs=_seq("decision")),
        Case(
            "secretariat",
            kwargs=_seq("recorded_decision"),
            method="post",
            data={"outcome": "confirmed", "text": "The decision stands."},
            ok=FORM,
            label="record the outcome (the second staff role finds it recorded)",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("post", "/api/v1/proposals/{id}/received-input/"): [
        Case(
            "secretariat",
            kwargs=_public_id,
            method="post",
            data={
                "channel": "radio",
                "author_kind": "group",
                "group_name": "Matrix Radio Listeners",
                "group_chamber": "civil-society",
                "text": "Called in to the radio show.",
            },
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/proposals/{id}/translations/"): [
        Case("public", kwargs=_public_id, label="public proposal"),
        Case("members", kwargs=_members_only_id, label="members-only proposal"),
    ],
    ("put", "/api/v1/proposals/{id}/translations/{language}/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {**_public_id(w), "language": "pt"},
            method="put",
            data={"title": "Regra comum", "text": TRANSLATION},
        )
    ],
    ("get", "/api/v1/decision-reviews/"): [Case("public")],
    ("post", "/api/v1/decision-reviews/"): [
        Case("secretariat", method="post", data=REVIEW_INPUT, ok=frozenset({201}))
    ],
    ("post", "/api/v1/decision-reviews/{id}/outcome/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "recorded_review").pk},
            method="post",
            data={"outcome": "to_be_amended", "text": "Needs a new rule."},
            ok=frozenset({200, 400}),
            label="record the outcome (the second staff role finds it recorded)",
        )
    ],
}
