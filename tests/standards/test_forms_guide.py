"""Forms guide (issue 15) on the standards forms: a failed mapping proposal or CSV upload shows
one error summary that says what to do and links to each field, the same message beside the
field, and no Django default."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alliance_portal.roles import Role
from standards.models import Mapping
from tests.guided import guided

pytestmark = pytest.mark.django_db


def test_a_failed_mapping_proposal_says_what_to_choose(world, crosswalk) -> None:
    client = world.client_for(Role.MEMBER)
    url = f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/propose/"
    assert "You can use simple formatting" in client.get(url).content.decode()
    html = client.post(url, {"strength": "12"}).content.decode()
    guided(
        html,
        {
            "Choose the focal element": "id_focal_element",
            "Choose the relationship": "id_relationship",
            "Choose the reference element": "id_reference_element",
            "Choose the rationale": "id_rationale",
            "Enter the strength from 0 to 10": "id_strength",
        },
    )
    assert not Mapping.objects.exists()


def test_a_failed_upload_says_what_to_choose(world, crosswalk) -> None:
    client = world.client_for(Role.MEMBER)
    url = f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/import/"
    guided(
        client.post(url, {"file": ""}).content.decode(),
        {"Choose the CSV file to import": "id_file"},
    )
    empty = SimpleUploadedFile("mappings.csv", b"", content_type="text/csv")
    html = client.post(url, {"file": empty}).content.decode()
    guided(html, {"The file you chose is empty: choose the CSV file again": "id_file"})
    assert not Mapping.objects.exists()
