import pytest
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory, focal_point

pytestmark = pytest.mark.django_db


def test_api_root_lists_the_endpoints(api_client):
    data = api_client.get("/api/v1/").json()
    for name in ("countries", "regions", "commissions", "objectives", "principles", "thematic-areas", "entities"):
        assert name in data


def test_objectives_lists_23(api_client):
    data = api_client.get("/api/v1/objectives/").json()
    assert data["count"] == 23
    first = data["results"][0]
    assert first["number"] == 1 and first["short_label"] == "Data"
    assert "fr" in first["translations"]
    assert api_client.get("/api/v1/objectives/23/").json()["round_tables"] == ["RT4"]


def test_countries_filter_by_commission_gives_african_states(api_client):
    data = api_client.get("/api/v1/countries/?commission=ECA&page_size=100").json()
    assert data["count"] == 54
    assert all(c["region"] == "002" for c in data["results"])
    assert {"GH", "EG", "ZA"} <= {c["iso2"] for c in data["results"]}


def test_countries_filter_by_region_and_detail(api_client):
    data = api_client.get("/api/v1/countries/?region=419&page_size=100").json()
    assert "MX" in {c["iso2"] for c in data["results"]} and "US" not in {c["iso2"] for c in data["results"]}
    ghana = api_client.get("/api/v1/countries/gh/").json()
    assert ghana["iso3"] == "GHA" and {"code": "ECA", "membership": "member"} in ghana["commissions"]


def test_invalid_filter_value_is_a_clear_400(api_client):
    response = api_client.get("/api/v1/countries/?commission=NOPE")
    assert response.status_code == 400
    assert "commission" in response.json()


@pytest.mark.parametrize(
    ("url", "count"),
    [
        ("/api/v1/regions/", 31),
        ("/api/v1/commissions/", 5),
        ("/api/v1/principles/", 10),
        ("/api/v1/thematic-areas/", 5),
        ("/api/v1/entities/?executive_committee=true", 9),
        ("/api/v1/sdg-targets/?objective=10", None),
    ],
)
def test_taxonomy_endpoints(api_client, url, count):
    response = api_client.get(url)
    assert response.status_code == 200
    if count is not None:
        assert response.json()["count"] == count


def test_taxonomy_is_read_only(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    assert api_client.post("/api/v1/objectives/", {"number": 24}).status_code in (403, 405)
    assert api_client.delete("/api/v1/objectives/1/").status_code in (403, 405)


def test_token_authentication(api_client):
    user = focal_point("GH", email="token@example.org")
    response = api_client.post("/api/v1/auth/token/", {"email": "token@example.org", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/v1/me/").json()
    assert me["email"] == user.email
    assert me["roles"] == [{"role": "focal_point", "country": "GH", "entity": None}]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api_client.get("/api/v1/me/").status_code == 200
    assert api_client.delete("/api/v1/auth/token/").status_code == 204
    assert api_client.get("/api/v1/me/").status_code == 401


def test_token_refused_for_wrong_password_and_inactive_user(api_client):
    UserFactory(email="off@example.org", is_active=False)
    for email, password in (("off@example.org", PASSWORD), ("nobody@example.org", "x")):
        response = api_client.post("/api/v1/auth/token/", {"email": email, "password": password})
        assert response.status_code == 400
        assert "Unable to sign in" in str(response.json())


def test_deactivated_users_token_stops_working(api_client):
    from gcm_portal.accounts.services import api_token_create

    user = UserFactory()
    _token, key = api_token_create(user=user, name="script")
    user.is_active = False
    user.save()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/me/").status_code == 401


def test_token_endpoint_is_throttled(api_client, settings):
    for _ in range(10):
        api_client.post("/api/v1/auth/token/", {"email": "x@example.org", "password": "y"})
    assert api_client.post("/api/v1/auth/token/", {"email": "x@example.org", "password": "y"}).status_code == 429


def test_schema_is_valid_openapi_3_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/objectives/" in schema["paths"]
    assert not GENERATOR_STATS, f"drf-spectacular warnings: {GENERATOR_STATS}"


def test_schema_and_docs_are_served_without_a_cdn(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "swagger" in docs.lower()
    assert "cdn" not in docs.lower() and "https://" not in docs
    assert reverse("docs") == "/api/docs/"
