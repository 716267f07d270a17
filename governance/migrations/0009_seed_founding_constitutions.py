"""Every body that exists gets version 1 of its constitution: the founding settings, which no
decision set (a decision of the General Assembly writes the next version)."""

from django.db import migrations
from django.utils import timezone

# The founding settings as they were when this migration was written (a migration does not
# follow later changes of the code's defaults).
FOUNDING = {
    "min_consultation_days": 14,
    "cosponsor_chambers": 2,
    "admission_days": 30,
    "bounds": {
        "chamber_balanced": {"quorum": "1/3", "threshold": "1/2"},
        "one_member_one_vote": {"quorum": "1/3", "threshold": "1/2"},
        "consent": {"quorum": "1/3"},
    },
}


def seed(apps, schema_editor):
    Body = apps.get_model("governance", "Body")
    Constitution = apps.get_model("governance", "Constitution")
    now = timezone.now()
    for body in Body.objects.all():
        if not Constitution.objects.filter(body=body).exists():
            Constitution.objects.create(body=body, number=1, adopted_at=now, **FOUNDING)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_constitution_and_effects"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
