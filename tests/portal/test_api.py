from __future__ import annotations

import pytest
import yaml
from django.test import Client
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_openapi_schema_is_valid_openapi_3(client: Client) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on an invalid document
    assert any(path.startswith("/api/v1/") for path in schema["paths"])


@pytest.mark.django_db
def test_api_docs_are_served_from_local_static_files_without_inline_script(client: Client) -> None:
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    # The split view loads its initialiser as a separate script file: no inline <script>.
    for chunk in html.split("<script")[1:]:
        assert chunk.split(">", 1)[0].strip().startswith("src="), chunk[:80]


@pytest.mark.django_db
def test_token_authentication(make_user) -> None:
    make_user(email="api@example.org")
    api = APIClient()
    response = api.post(
        "/api/v1/auth/token/", {"username": "api@example.org", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert api.get("/api/v1/me/").status_code in {401, 403}
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "api@example.org"
    bad = APIClient().post(
        "/api/v1/auth/token/", {"username": "api@example.org", "password": "no"}, format="json"
    )
    assert bad.status_code == 400
    assert "non_field_errors" in bad.json()
