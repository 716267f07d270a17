"""Why the login page was shown: one sentence derived from the page the person asked for.

Only the URL's name is used (never an object's name or anything the person may not see), and
only for a path on this site; the redirect after signing in stays Django's own (``next`` is
checked against the allowed hosts there). Unknown pages get the generic sentence.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

GENERIC = "Sign in to see that page: it is open to signed-in people only."

# URL name (with namespace) -> what signing in lets the person do there.
REASONS: dict[str, str] = {
    "members:stakeholders": "see the stakeholder map",
    "members:agreements": "read and accept the membership agreements",
    "members:application-list": "review membership applications",
    "members:application-review": "review this membership application",
    "members:application-letter": "read this commitment letter",
    "members:organisation-detail": "see this organisation's profile",
    "members:organisation-edit": "edit this organisation's profile",
    "members:organisation-people": "manage this organisation's people",
    "governance:my-actions": "see what is waiting for you",
    "governance:proposal-detail": "read this proposal",
    "governance:proposal-print": "print this proposal",
    "governance:comment-create": "comment on this proposal",
    "governance:report-list": "see the transparency reports",
    "governance:report-detail": "read this report",
    "governance:report-file": "download this report",
    "governance:ballot-vote": "vote on this ballot",
    "governance:ballot-declaration": "declare a conflict of interest on this ballot",
    "governance:interest-declare": "declare an interest",
    "glossary:concept-detail": "read this glossary entry",
    "glossary:revision-list": "see the glossary's proposed changes",
    "glossary:revision-detail": "read this proposed change to the glossary",
    "glossary:concept-propose": "propose a glossary entry",
    "standards:mapping-detail": "read this crosswalk mapping",
    "standards:mapping-create": "propose a crosswalk mapping",
    "standards:mapping-edit": "edit this crosswalk mapping",
    "password_change": "change your password",
    "token_list": "manage your API tokens",
}


def login_reason(next_url: str) -> str | None:
    """The sentence for the login page, or None when the person came to it on their own."""
    if not next_url:
        return None
    parts = urlsplit(next_url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return GENERIC
    try:
        match = resolve(parts.path)
    except Resolver404:
        return GENERIC
    reason = REASONS.get(match.view_name)
    return f"Sign in to {reason}." if reason else GENERIC
