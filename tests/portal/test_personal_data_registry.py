"""Every field of every model with people's data is declared personal or not, in one place
(``alliance_portal.personal_data``): a new field on such a model fails here until it is."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from pghistory.models import Event

from alliance_portal.personal_data import ERASABLE, REGISTRY, How


def _models_with_people():
    user_model = get_user_model()
    for model in apps.get_models():
        if issubclass(model, Event) or model._meta.proxy:
            continue  # an event table copies its tracked model's fields (declared there)
        links = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is user_model
        ]
        if links or model is user_model:
            yield model


def test_every_model_with_a_link_to_a_person_is_in_the_registry() -> None:
    missing = sorted(m._meta.label for m in _models_with_people() if m._meta.label not in REGISTRY)
    assert missing == [], f"declare these in alliance_portal/personal_data.py: {missing}"


def test_every_field_of_a_registered_model_is_declared_exactly_one_way() -> None:
    problems = []
    for label, entry in REGISTRY.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            problems.append(f"{label}: no such model")
            continue
        fields = {f.name for f in model._meta.concrete_fields}
        both = set(entry.personal) & entry.not_personal
        undeclared = fields - set(entry.personal) - entry.not_personal
        unknown = (set(entry.personal) | entry.not_personal) - fields
        problems += [f"{label}.{name}: declared personal and not personal" for name in both]
        problems += [f"{label}.{name}: declared neither personal nor not" for name in undeclared]
        problems += [f"{label}.{name}: no such field" for name in unknown]
    assert problems == [], "\n".join(sorted(problems))


def test_a_link_to_the_account_is_always_declared_personal() -> None:
    user_model = get_user_model()
    for model in _models_with_people():
        entry = REGISTRY[model._meta.label]
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                assert field.name in entry.personal, f"{model._meta.label}.{field.name}"


def test_the_fields_erasure_rewrites_hold_text_or_nothing_of_record() -> None:
    """Erasable columns are text, an address, an IP, a time: never a key the records join on."""
    for label, entry in REGISTRY.items():
        model = apps.get_model(label)
        for name, how in entry.personal.items():
            if how in ERASABLE:
                assert not model._meta.get_field(name).is_relation, f"{label}.{name}"
    assert REGISTRY["alliance_portal.User"].personal["email"] == How.PSEUDONYM
