"""The OpenAPI schema covers the Migration MPTF endpoints truthfully (schemathesis checks the same
against a live server with the demo data: .ci/schemathesis)."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


PATHS = [
    "/api/v1/contributions/",
    "/api/v1/contributions/{id}/",
    "/api/v1/deposits/",
    "/api/v1/transfers/",
    "/api/v1/expenditure/",
    "/api/v1/donors/",
    "/api/v1/concept-notes/",
    "/api/v1/concept-notes/{id}/",
    "/api/v1/concept-notes/{id}/submit/",
    "/api/v1/concept-notes/{id}/documents/",
    "/api/v1/joint-programmes/",
    "/api/v1/joint-programmes/{id}/",
    "/api/v1/joint-programmes/{id}/close-operationally/",
    "/api/v1/fund/summary/",
]


@pytest.mark.parametrize("path", PATHS)
def test_every_endpoint_is_documented(schema, path):
    assert path in schema["paths"]


def test_writes_document_their_refusals(schema):
    paths = schema["paths"]
    assert {"201", "400", "401", "403"} <= set(paths["/api/v1/contributions/"]["post"]["responses"])
    assert {"200", "400", "403", "404", "412", "428"} <= set(paths["/api/v1/contributions/{id}/"]["patch"]["responses"])
    assert {"200", "400", "403", "404", "409", "412"} <= set(
        paths["/api/v1/concept-notes/{id}/submit/"]["post"]["responses"]
    )
    assert "403" not in paths["/api/v1/fund/summary/"]["get"]["responses"]


def test_the_joint_programme_filters_are_documented(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/joint-programmes/"]["get"]["parameters"]}
    assert {"country", "thematic_area", "window", "objective", "status", "organisation", "year"} <= names


def test_the_confidential_part_of_a_note_is_nullable(schema):
    working = schema["components"]["schemas"]["ConceptNote"]["properties"]["working"]
    assert working.get("nullable") or any(s.get("type") == "null" for s in working.get("oneOf", []))


def test_the_summary_is_one_object(schema):
    response = schema["paths"]["/api/v1/fund/summary/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    assert response == {"$ref": "#/components/schemas/FundSummary"}
