"""Seat integrity: the database refuses overlapping terms of one organisation on one body
(an exclusion constraint over the terms as date ranges, both days included; btree_gist lets
the constraint compare the body and organisation ids with ``=``)."""

import django.contrib.postgres.constraints
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

import governance.bodies.models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_reports"),
        ("members", "0003_applications_agreements_stakeholders_countries"),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.AddConstraint(
            model_name="seatholder",
            constraint=django.contrib.postgres.constraints.ExclusionConstraint(
                expressions=[
                    ("body", "="),
                    ("organisation", "="),
                    (governance.bodies.models.TermRange(), "&&"),
                ],
                name="seatholder_terms_do_not_overlap",
            ),
        ),
    ]
