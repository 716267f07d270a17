"""Demo data for development: each app may have a ``demo`` module with a ``seed()`` function;
``manage.py seed_demo`` runs them in layer order (so an app's seed can use what the apps before
it created). Seeds are idempotent: running them twice changes nothing."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings

# Printed by `make run`; development settings only (DEMO_LOGINS_ENABLED).
DEMO_PASSWORD = "alliance-demo-pass"  # noqa: S105 (a published demo credential, not a secret)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str


def demo_logins_enabled() -> bool:
    return bool(getattr(settings, "DEMO_LOGINS_ENABLED", False))


def seeders() -> list[tuple[str, Callable[[], list[DemoLogin]]]]:
    """Every installed app's ``demo.seed``, in INSTALLED_APPS (= layer) order."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if hasattr(module, "seed"):
            found.append((config.label, module.seed))
    return found


# An external stakeholder who asked for the erasure of their data: the secretariat's list of
# erasure requests (/accounts/erasure-requests/) has one waiting. A demo login in development
# (their /accounts/my-data/ shows the request waiting); elsewhere nobody signs in with it.
DEPARTING = ("dana.departing@demo.alliance.example", "Dana Departing")


def _pending_erasure() -> DemoLogin | None:
    from alliance_portal.erasure.models import ErasureRequest
    from alliance_portal.erasure.services import erasure_request
    from alliance_portal.models import User
    from alliance_portal.outbox import email_queue

    email, name = DEPARTING
    person = User.objects.filter(email=email).first()
    password = DEMO_PASSWORD if demo_logins_enabled() else None
    if person is None:
        person = User.objects.create_user(email=email, password=password, display_name=name)
        email_queue(
            event_key="demo:welcome",
            recipient=email,
            subject=f"Welcome to the alliance portal, {name}",
            body=f"Dear {name},\n\nyour account ({email}) is ready.",
        )
    elif password is not None and not person.has_usable_password():
        person.set_password(password)
        person.save(update_fields=["password"])
    if not ErasureRequest.objects.filter(user=person).exists():
        erasure_request(actor=person, user=person)
    return DemoLogin("erasure_requester", email) if password is not None else None


def seed() -> list[DemoLogin]:
    """The shared layer's own demo data: the system administrator's login, and one person's
    erasure request waiting for the secretariat."""
    from alliance_portal.models import User

    departing = _pending_erasure()
    if not demo_logins_enabled():
        return []
    email = "admin@demo.alliance.example"
    if not User.objects.filter(email=email).exists():
        User.objects.create_superuser(
            email=email, password=DEMO_PASSWORD, display_name="Demo superuser"
        )
    return [DemoLogin(role="superuser", email=email), *([departing] if departing else [])]
