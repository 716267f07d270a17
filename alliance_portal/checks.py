"""System checks of our own settings, run by `manage.py check` (``--deploy`` for the
deployment ones). Registered from ``AlliancePortalConfig.ready()``."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

LOCAL_HOSTNAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _is_local(hostname: str) -> bool:
    if hostname in LOCAL_HOSTNAMES or hostname.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_link_local


def portal_base_url_problem(value: object) -> str | None:
    """What is wrong with ``value`` as the public address of a deployed portal, or None."""
    if not isinstance(value, str) or not value.strip():
        return "PORTAL_BASE_URL is not set"
    parts = urlsplit(value.strip())
    if parts.scheme != "https":
        return f"PORTAL_BASE_URL ({value}) does not start with https://"
    if not parts.hostname:
        return f"PORTAL_BASE_URL ({value}) names no host"
    if _is_local(parts.hostname):
        return f"PORTAL_BASE_URL ({value}) is a local address, not the portal's public one"
    return None


@register(Tags.security, deploy=True)
def check_portal_base_url(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The glossary's stable URIs, feeds and the links in every email are built on
    PORTAL_BASE_URL: a deployed portal must name its public https address."""
    problem = portal_base_url_problem(getattr(settings, "PORTAL_BASE_URL", None))
    if problem is None:
        return []
    return [
        Warning(
            problem + ".",
            hint="Set PORTAL_BASE_URL to the portal's public address, e.g. "
            "https://portal.example.org: glossary URIs, feeds and email links are built on it.",
            id="alliance_portal.W001",
        )
    ]
