"""The alliance's fixed vocabularies, shared by every app that describes who does what where:
value-chain stages, sectors and materials (countries are ISO 3166 codes, django-countries)."""

from __future__ import annotations

from django.db import models


class ValueChainStage(models.TextChoices):
    EXPLORATION_EXTRACTION = "exploration_extraction", "Exploration and extraction"
    ASM = "asm", "Artisanal and small-scale mining"
    PROCESSING = "processing", "Processing, smelting and refining"
    COMPONENTS = "components", "Component manufacturing"
    PRODUCTS = "products", "Product manufacturing and brands"
    RETAIL = "retail", "Retail"
    RECYCLING = "recycling", "Recycling"
    FINANCE = "finance", "Finance and investment"
    ASSURANCE = "assurance", "Assurance and audit services"


# Stages whose organisations buy from suppliers further up the chain: they record what they
# demand of those suppliers (standards' downstream demands).
DOWNSTREAM_STAGES: tuple[str, ...] = (
    ValueChainStage.COMPONENTS,
    ValueChainStage.PRODUCTS,
    ValueChainStage.RETAIL,
)


class Sector(models.TextChoices):
    MINERALS_METALS = "minerals_metals", "Minerals and metals"
    FORESTRY = "forestry", "Forestry"
    AGRICULTURE = "agriculture", "Agriculture"
    CHEMICALS = "chemicals", "Chemicals"
    ENERGY = "energy", "Energy"
    OTHER = "other", "Other"


class Material(models.TextChoices):
    COBALT = "cobalt", "Cobalt"
    TIN = "tin", "Tin"
    TANTALUM = "tantalum", "Tantalum"
    TUNGSTEN = "tungsten", "Tungsten"
    GOLD = "gold", "Gold"
    LITHIUM = "lithium", "Lithium"
    NICKEL = "nickel", "Nickel"
    COPPER = "copper", "Copper"
    ALUMINIUM = "aluminium", "Aluminium"
    RARE_EARTHS = "rare_earths", "Rare earths"
    GRAPHITE = "graphite", "Graphite"
    MICA = "mica", "Mica"
    IRON_STEEL = "iron_steel", "Iron and steel"
    ZINC = "zinc", "Zinc"
    OTHER = "other", "Other"


def choice_array(choices: type[models.TextChoices], verbose_name: str) -> models.Field:
    """A list of values from one vocabulary, stored as a PostgreSQL array (GIN-indexable)."""
    from django.contrib.postgres.fields import ArrayField

    return ArrayField(
        models.CharField(max_length=40, choices=choices.choices),
        default=list,
        blank=True,
        verbose_name=verbose_name,
    )


def labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    """The human labels of stored vocabulary values, in the vocabulary's order."""
    names = dict(choices.choices)
    return [str(names[value]) for value in choices.values if value in values]
