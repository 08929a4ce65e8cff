"""The API mixins (gcm_portal/api/mixins.py) through the kit's NoteViewSet: create, conditional reads
and writes, workflow actions and error answers."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from gcm_portal.core.curation import CurationState, curation_perform
from tests.factories.kit import make_note
from tests.kit.models import Note
from tests.kit.workflow import NOTE_WORKFLOW

pytestmark = pytest.mark.django_db

NOTES = "/api/v1/kit-notes/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(note, suffix: str = "") -> str:
    return f"{NOTES}{note.pk}/{suffix}"


def etag(note) -> str:
    return f'"{note.pk}-{note.version}"'


def published(author, staff, title="Published note") -> Note:
    return curation_perform(workflow=NOTE_WORKFLOW, item=make_note(author, title), action="publish", actor=staff)


# ---------------------------------------------------------------------------
# Create
# ---------------------------------------------------------------------------


def test_a_member_creates_a_note_201_with_location_and_etag(author):
    response = api(author).post(
        NOTES, {"title": "From the API", "body": "Words", "countries": ["GH"], "objectives": [6]}
    )
    assert response.status_code == 201, response.content
    note = Note.objects.get(title="From the API")
    assert note.created_by == author and note.curation == CurationState.PENDING
    assert response["Location"] == f"http://testserver{url(note)}"
    assert response["ETag"] == etag(note) == f'"{note.pk}-1"'
    data = response.json()
    assert data["countries"] == ["GH"] and data["objectives"] == [6]
    assert data["curation"] == "pending"


def test_anonymous_visitors_may_not_create():
    assert api().post(NOTES, {"title": "Anon"}).status_code in (401, 403)
    assert not Note.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("colour", "blue"), ("curation", "published"), ("version", 7)])
def test_an_unknown_or_read_only_field_is_refused_by_name(author, field, value):
    response = api(author).post(NOTES, {"title": "Sneaky", field: value})
    assert response.status_code == 400
    assert field in response.json()
    assert not Note.objects.exists()


def test_the_refusal_of_curation_explains_why(author):
    response = api(author).post(NOTES, {"title": "Sneaky", "curation": "published"})
    assert response.json()["curation"] == ["Curation is decided by Network staff."]


def test_the_list_shows_what_the_reader_may_see_and_filters(author, staff, focal_gh):
    public = published(author, staff)
    pending = make_note(author, "Two countries", countries=("GH", "MX"))

    def ids(client, query=""):
        response = client.get(NOTES + query)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["results"]]

    assert ids(api()) == [public.pk]
    assert sorted(ids(api(focal_gh))) == sorted([public.pk, pending.pk])
    assert ids(api(focal_gh), "?country=mx") == [pending.pk]
    assert api().get(NOTES + "?country=zz").status_code == 400


# ---------------------------------------------------------------------------
# Conditional update and read
# ---------------------------------------------------------------------------


def test_patch_without_if_match_is_428(author):
    note = make_note(author, "Original")
    response = api(author).patch(url(note), {"title": "Changed"})
    assert response.status_code == 428
    assert Note.objects.get(pk=note.pk).title == "Original"


def test_patch_with_a_stale_if_match_is_412_with_the_current_record(author):
    note = make_note(author, "Original")
    response = api(author).patch(url(note), {"title": "Changed"}, HTTP_IF_MATCH=f'"{note.pk}-0"')
    assert response.status_code == 412
    current = response.json()["current"]
    assert current["id"] == note.pk and current["title"] == "Original" and current["version"] == note.version
    assert response["ETag"] == etag(note)
    stored = Note.objects.get(pk=note.pk)
    assert (stored.title, stored.version) == ("Original", note.version)


def test_patch_with_the_right_if_match_is_200_with_a_new_etag(author):
    note = make_note(author, "Original")
    response = api(author).patch(url(note), {"title": "Changed"}, HTTP_IF_MATCH=etag(note))
    assert response.status_code == 200, response.content
    stored = Note.objects.get(pk=note.pk)
    assert stored.title == "Changed" and stored.version == note.version + 1
    assert response["ETag"] == etag(stored) != etag(note)
    assert response.json()["title"] == "Changed"


def test_get_with_the_current_etag_is_304(author):
    note = make_note(author)
    client = api(author)
    first = client.get(url(note))
    assert first.status_code == 200
    assert first["ETag"] == etag(note)
    again = client.get(url(note), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url(note), HTTP_IF_NONE_MATCH=f'"{note.pk}-0"').status_code == 200


def test_a_stranger_may_not_edit_a_published_note(author, staff, stranger):
    note = published(author, staff)
    response = api(stranger).patch(url(note), {"title": "Vandalised"}, HTTP_IF_MATCH=etag(note))
    assert response.status_code == 403
    assert Note.objects.get(pk=note.pk).title == "Published note"


def test_an_owners_edit_of_a_published_note_through_the_api_sends_it_back(author, staff):
    note = published(author, staff)
    response = api(author).patch(url(note), {"title": "Rewritten"}, HTTP_IF_MATCH=etag(note))
    assert response.status_code == 200, response.content
    assert response.json()["curation"] == "pending"
    assert response["ETag"] == etag(Note.objects.get(pk=note.pk))


# ---------------------------------------------------------------------------
# Workflow actions
# ---------------------------------------------------------------------------


def test_actions_list_publish_for_staff_with_its_url(author, staff):
    note = make_note(author)
    actions = api(staff).get(url(note)).json()["actions"]
    publish = next(a for a in actions if a["name"] == "publish")
    assert publish["url"] == f"http://testserver{url(note, 'publish/')}"
    assert publish["enabled"] is True
    assert {a["name"] for a in actions} == {"publish", "decline", "return"}
    assert next(a for a in actions if a["name"] == "return")["needs_comment"] is True


def test_actions_are_empty_for_the_public(author, staff):
    note = published(author, staff)
    assert api(staff).get(url(note)).json()["actions"] != []
    response = api().get(url(note))
    assert response.status_code == 200
    assert response.json()["actions"] == []


def test_publish_by_staff_is_200(author, staff):
    note = make_note(author)
    response = api(staff).post(url(note, "publish/"))
    assert response.status_code == 200, response.content
    assert response.json()["curation"] == "published"
    assert Note.objects.get(pk=note.pk).curation == CurationState.PUBLISHED


def test_publish_by_the_author_is_403(author):
    note = make_note(author)
    assert api(author).post(url(note, "publish/")).status_code == 403
    assert Note.objects.get(pk=note.pk).curation == CurationState.PENDING


def test_publish_by_a_stranger_on_a_pending_note_is_404(author, stranger):
    note = make_note(author)
    assert api(stranger).post(url(note, "publish/")).status_code == 404
    assert Note.objects.get(pk=note.pk).curation == CurationState.PENDING


def test_publish_again_is_409(author, staff):
    note = published(author, staff)
    response = api(staff).post(url(note, "publish/"))
    assert response.status_code == 409
    assert "detail" in response.json()


def test_return_without_a_comment_is_400_naming_comment(author, staff):
    note = make_note(author)
    response = api(staff).post(url(note, "return/"), {})
    assert response.status_code == 400
    assert "comment" in response.json()
    assert Note.objects.get(pk=note.pk).curation == CurationState.PENDING
    ok = api(staff).post(url(note, "return/"), {"comment": "Add a source."})
    assert ok.status_code == 200 and ok.json()["curation"] == "returned"


def test_an_action_with_a_stale_if_match_is_412(author, staff):
    note = make_note(author)
    response = api(staff).post(url(note, "publish/"), HTTP_IF_MATCH=f'"{note.pk}-0"')
    assert response.status_code == 412
    assert response.json()["current"]["curation"] == "pending"


def test_the_internal_action_has_no_endpoint(author, staff):
    note = published(author, staff)
    assert api(staff).post(url(note, "revise/")).status_code == 404


def test_an_unknown_api_path_answers_json_404(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_a_weak_if_none_match_of_the_current_etag_is_304(author):
    note = make_note(author)
    response = api(author).get(url(note), HTTP_IF_NONE_MATCH=f"W/{etag(note)}")
    assert response.status_code == 304
