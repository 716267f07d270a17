"""Access cases of the documents library (issue 20, item 2).

``populate`` adds the marker documents (``tests/access/markers.py``): one per level with no
owner; B's secretariat-level document shared with A (A's people read it, B's competitors do
not: the matrix's member and representative are A's, and no other role reads it); the
alliance's secretariat-level document shared with B (no matrix role but the staff reads it); a
public document held for legal review (the staff only). Beside them, A's members-level file the
cases edit and share, and a document the hold case holds.
"""

from __future__ import annotations

from tests.access.matrix import Case

REDIRECT = frozenset({302})


def populate(world) -> None:
    if "documents" in world.extra:
        return
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from alliance_portal.policy import SYSTEM
    from governance.documents import services
    from governance.documents.pdf import text_pdf

    def add(title: str, level: str, organisation=None, file: bool = True):
        return services.document_add(
            actor=SYSTEM,
            fields=services.DocumentFields(
                title=title,
                kind="briefing",
                document_date=date(2026, 2, 1),
                disclosure=level,
                description="Matrixlibraryword",  # what the leak check's search looks for
                organisation=organisation,
                link="" if file else "https://example.org/briefing",
            ),
            file=SimpleUploadedFile("briefing.pdf", text_pdf([title])) if file else None,
        )

    documents = {
        level: add(f"Zmkdoc{level}", level) for level in ("public", "members", "secretariat")
    }
    documents["shared-own"] = add("Zmkdocsharedown", "secretariat", world.other)
    services.document_share(actor=SYSTEM, document=documents["shared-own"], organisation=world.own)
    documents["shared-other"] = add("Zmkdocsharedother", "secretariat")
    services.document_share(
        actor=SYSTEM, document=documents["shared-other"], organisation=world.other
    )
    documents["held"] = add("Zmkdocheld", "public")
    services.document_hold(actor=SYSTEM, document=documents["held"])
    documents["own"] = add("Matrix own document", "members", world.own)
    documents["unshare"] = add("Matrix unshared document", "members", world.own)
    services.document_share(actor=SYSTEM, document=documents["unshare"], organisation=world.other)
    documents["to-hold"] = add("Matrix document to hold", "public", file=False)
    world.extra["documents"] = documents


def _get(world, key: str):
    populate(world)
    return world.extra["documents"][key]


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


def _id(key: str):
    return lambda world: {"id": _get(world, key).pk}


def _share(world) -> dict:
    document = _get(world, "unshare")
    return {"pk": document.pk, "share": document.shares.get().pk}


PUBLIC_MEMBERS_SHARED = [
    Case("public", kwargs=_pk("public"), label="public document"),
    Case("members", kwargs=_pk("members"), label="members-level document"),
    Case("secretariat", kwargs=_pk("secretariat"), label="secretariat-level document"),
    Case("own-organisation-read", kwargs=_pk("shared-own"), label="B's document shared with A"),
    Case("secretariat", kwargs=_pk("shared-other"), label="a document shared with B"),
    Case("secretariat", kwargs=_pk("held"), label="a public document held for legal review"),
]

PAGES: dict[str, list[Case]] = {
    "documents:list": [Case("public")],
    "documents:create": [Case("own-organisation-read")],
    "documents:detail": PUBLIC_MEMBERS_SHARED,
    "documents:download": PUBLIC_MEMBERS_SHARED,
    "documents:version-download": [
        Case(
            "members",
            kwargs=lambda world: {"pk": _get(world, "members").pk, "number": 1},
            label="members-level document, by its direct URL",
        )
    ],
    "documents:version-create": [Case("own-organisation-read", kwargs=_pk("own"))],
    "documents:share": [Case("own-organisation-edit", kwargs=_pk("own"))],
    "documents:unshare": [
        Case(
            "own-organisation-edit",
            kwargs=_share,
            method="post",
            ok=frozenset({302, 404}),
            label="take back A's share with B (gone for the next role: 404)",
        )
    ],
    "documents:hold": [
        Case(
            "secretariat",
            kwargs=_pk("to-hold"),
            method="post",
            ok=frozenset({302, 404}),
            label="hold (the second staff role finds it held: a message)",
        )
    ],
}

API_LINK = {
    "title": "Matrix linked briefing",
    "kind": "briefing",
    "document_date": "2026-02-01",
    "link": "https://example.org/matrix",
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/documents/"): [Case("public")],
    ("post", "/api/v1/documents/"): [
        Case("own-organisation-read", data=API_LINK, ok=frozenset({201}), label="a link")
    ],
    ("get", "/api/v1/documents/{id}/"): [
        Case("public", kwargs=_id("public"), label="public document"),
        Case("members", kwargs=_id("members"), label="members-level document"),
        Case("own-organisation-read", kwargs=_id("shared-own"), label="B's, shared with A"),
        Case("secretariat", kwargs=_id("held"), label="held for legal review"),
    ],
    ("get", "/api/v1/documents/{id}/download/"): [
        Case("members", kwargs=_id("members"), label="members-level document"),
        Case("own-organisation-read", kwargs=_id("shared-own"), label="B's, shared with A"),
    ],
    ("get", "/api/v1/documents/{id}/versions/{number}/download/"): [
        Case(
            "members",
            kwargs=lambda world: {"id": _get(world, "members").pk, "number": 1},
            label="members-level document",
        )
    ],
    ("post", "/api/v1/documents/{id}/versions/"): [
        Case(
            "own-organisation-read",
            kwargs=_id("own"),
            ok=frozenset({400}),
            label="no file: refused with the reason",
        )
    ],
    ("post", "/api/v1/documents/{id}/shares/"): [
        Case(
            "own-organisation-edit",
            kwargs=_id("own"),
            data={"organisation": "zz-none"},
            ok=frozenset({400}),
            label="an unknown organisation: refused with the reason",
        )
    ],
}
