"""The OpenAPI schema tells the truth: what may be null is nullable, and every answer an operation can
give is documented with its body. (The schemathesis step of .ci/run checks the same against a live
server with real data.)"""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Country", "region"),
        ("Country", "subregion"),
        ("Country", "intermediate_region"),
        ("Entity", "commission"),
        ("Region", "parent"),
        ("Pledge", "review"),
    ],
)
def test_fields_of_nullable_columns_are_nullable(schema, component, field):
    assert schema["components"]["schemas"][component]["properties"][field].get("nullable") is True


def test_required_columns_are_not_nullable(schema):
    country = schema["components"]["schemas"]["Country"]["properties"]
    assert not country["iso2"].get("nullable") and not country["name"].get("nullable")


def test_every_operation_documents_credentials_and_throttling(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert "401" in responses, (method, path)
        assert "429" in responses and "Retry-After" in responses["429"].get("headers", {}), (method, path)


def test_writes_document_bad_input_refusal_and_media_type(schema):
    for path, method, operation in operations(schema):
        if method in ("post", "put", "patch"):
            assert {"400", "403", "415"} <= set(operation["responses"]), (method, path)


def test_records_and_pages_document_not_found(schema):
    for path, method, operation in operations(schema):
        if "{" in path:
            assert "404" in operation["responses"], (method, path)
    assert "404" in schema["paths"]["/api/v1/voluntary-reports/"]["get"]["responses"]  # a page past the last


def test_versioned_writes_and_workflow_actions_document_their_answers(schema):
    patch = schema["paths"]["/api/v1/voluntary-reports/{id}/"]["patch"]["responses"]
    assert {"200", "400", "403", "404", "412", "428"} <= set(patch)
    assert "current" in schema["components"]["schemas"]["VoluntaryReportDetailConflict"]["properties"]
    publish = schema["paths"]["/api/v1/voluntary-reports/{id}/publish/"]["post"]["responses"]
    assert {"200", "400", "403", "404", "409", "412"} <= set(publish)
    curate = schema["paths"]["/api/v1/pledges/{id}/publish/"]["post"]["responses"]
    assert {"200", "403", "404", "409"} <= set(curate)


def test_public_reads_do_not_claim_a_forbidden_answer(schema):
    assert "403" not in schema["paths"]["/api/v1/objectives/"]["get"]["responses"]
    assert "403" in schema["paths"]["/api/v1/me/"]["get"]["responses"]


def test_error_bodies_have_a_schema(schema):
    for path, method, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code >= "400":
                assert response["content"]["application/json"]["schema"], (method, path, code)


def test_an_unmatched_api_path_answers_json(client, settings):
    settings.DEBUG = False
    response = client.get("/api/v1/voluntary-reports/0.5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_the_served_document_is_generated_once_per_language(client, monkeypatch, django_user_model):
    from gcm_portal.api import urls

    calls = []
    generate = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        calls.append(1)
        return generate(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    monkeypatch.setattr(urls, "_schemas", {})
    english = client.get("/api/schema/?format=json", HTTP_ACCEPT="application/json").json()
    client.force_login(django_user_model.objects.create_user(email="reader@example.org", password="x"))
    assert client.get("/api/schema/?format=json").json() == english  # the same whoever asks
    french = client.get("/api/schema/?format=json&lang=fr").json()
    assert french != english
    assert len(calls) == 2
