"""Pledges as the Network's pledging initiative takes them: Member States and other stakeholders, types,
common pledges and partnerships, matching pledges, countries of implementation or "global", one to three
objectives, a contact, 300 to 3,000 characters, one attachment, a Forum or review, curation and
follow-up reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.models import Notification
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, Objective
from reviews import permissions, services
from reviews.models import Pledge, ReviewForum
from tests.factories.accounts import UserFactory, focal_point, user_with_role
from tests.factories.reviews import PLEDGE_TEXT, make_pledge, make_stakeholder_pledge, pledge_data

pytestmark = pytest.mark.django_db

PDF = sample_pdf("Our pledge")


def objectives(*numbers):
    return list(Objective.objects.filter(number__in=numbers))


def countries(*codes):
    return list(Country.objects.filter(iso2__in=codes))


def form_data(**fields) -> dict:
    """The pledge form as a member of civil society fills it in."""
    return {
        "party_type": "civil_society",
        "submitting_entity": "Migrant-led network",
        "kind": "partnership",
        "partners": "A university research centre",
        "pledge_type": "process",
        "title": "Monitoring recruitment fees",
        "description": PLEDGE_TEXT,
        "objectives": [o.pk for o in objectives(6, 16)],
        "is_global": "on",
        "forum": ReviewForum.objects.get(code="imrf-2026").pk,
        "pledged_on": timezone.localdate().isoformat(),
        "contact_name": "Ana Silva",
        "contact_email": "ana@example.org",
        **fields,
    }


# ---------------------------------------------------------------------------
# Done when: a civil-society member pledges for "global" with a partner; a matching pledge cites it;
# staff publish both; the public page shows the link between them.
# ---------------------------------------------------------------------------


def test_a_civil_society_pledge_a_matching_pledge_and_the_link_between_them(client):
    member, fp, staff = (
        UserFactory(organisation="Migrant-led network"),
        focal_point("GH"),
        user_with_role("network_staff"),
    )
    client.force_login(member)
    form = client.get(reverse("reviews:pledge-create"))
    assert form.status_code == 200
    assert 'value="member_state"' not in form.content.decode()  # a member cannot pledge in a State's name
    response = client.post(reverse("reviews:pledge-create"), form_data())
    assert response.status_code == 302, response.content.decode()
    original = Pledge.objects.get()
    assert original.party_type == "civil_society" and original.is_global and not original.countries.exists()
    assert original.partners == "A university research centre" and original.created_by == member
    assert original.curation == "pending"
    assert Notification.objects.filter(recipient=staff, event="pledge_submitted").exists()

    client.force_login(fp)
    ghana = Country.objects.get(iso2="GH")
    matching = client.post(
        reverse("reviews:pledge-create"),
        form_data(
            party_type="member_state",
            submitting_entity="Government of Ghana",
            pledging_countries=[ghana.pk],
            kind="individual",
            partners="",
            pledge_type="financial",
            title="Funding the survey in West Africa",
            objectives=[o.pk for o in objectives(6)],
            is_global="",
            countries=[c.pk for c in countries("GH", "SN")],
            matches=original.reference.lower(),
        ),
    )
    assert matching.status_code == 400  # the identifier is not public until staff publish the original
    services.pledge_curate(pledge=original, action="publish", actor=staff)
    matching = client.post(
        reverse("reviews:pledge-create"),
        form_data(
            party_type="member_state",
            submitting_entity="Government of Ghana",
            pledging_countries=[ghana.pk],
            kind="individual",
            partners="",
            pledge_type="financial",
            title="Funding the survey in West Africa",
            objectives=[o.pk for o in objectives(6)],
            is_global="",
            countries=[c.pk for c in countries("GH", "SN")],
            matches=original.reference.lower(),
        ),
    )
    assert matching.status_code == 302, matching.content.decode()
    second = Pledge.objects.get(title="Funding the survey in West Africa")
    assert second.matches == original and list(second.pledging_countries.all()) == [ghana]
    assert set(second.countries.values_list("iso2", flat=True)) == {"GH", "SN"}
    services.pledge_curate(pledge=second, action="publish", actor=staff)

    client.logout()
    body = client.get(original.get_absolute_url()).content.decode()
    assert "Matched by" in body and second.get_absolute_url() in body and "Globally" in body
    assert "ana@example.org" not in body  # contacts are for the owners and staff
    body = client.get(second.get_absolute_url()).content.decode()
    assert "Matches the pledge" in body and original.get_absolute_url() in body and original.reference in body
    listing = client.get(reverse("reviews:pledge-list") + f"?matches={original.reference}").content.decode()
    assert "Funding the survey in West Africa" in listing and "Monitoring recruitment fees" not in listing


def test_a_pledge_and_its_document_are_recorded_together_or_not_at_all(client):
    member = UserFactory()
    client.force_login(member)
    bad = SimpleUploadedFile("pledge.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(reverse("reviews:pledge-create"), form_data(document=bad))
    assert response.status_code == 400 and "is not a PDF" in response.content.decode()
    assert not Pledge.objects.exists()
    good = SimpleUploadedFile("pledge.pdf", PDF, content_type="application/pdf")
    assert client.post(reverse("reviews:pledge-create"), form_data(document=good)).status_code == 302
    pledge = Pledge.objects.get()
    (document,) = pledge.documents.all()
    assert document.original_name == "pledge.pdf" and document.uploaded_by == member
    # one attachment only: a second is refused until the first is removed
    with pytest.raises(ValidationError, match="at most 1 document"):
        attachment_add(
            attachments=services.PLEDGE_DOCUMENTS,
            parent=pledge,
            actor=member,
            upload=SimpleUploadedFile("b.pdf", PDF),
        )
    services.pledge_curate(pledge=pledge, action="publish", actor=user_with_role("network_staff"))
    pledge.refresh_from_db()
    assert not permissions.can_attach_to_pledge(member, pledge)  # published: ask staff
    assert client.get(document.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200  # public with the published pledge


# ---------------------------------------------------------------------------
# The rules of the form
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"description": "Too short."}, "description"),
        ({"description": "x" * 3001}, "description"),
        ({"objectives": []}, "objectives"),
        ({"is_global": "", "countries": []}, "countries"),
        ({"region": "West Africa"}, "countries"),  # global and a region
        ({"partners": ""}, "partners"),  # a partnership names its partners
        ({"contact_email": ""}, "contact_name"),
        ({"review": "__review__"}, "review"),  # a Forum and a review at once
        ({"pledged_on": "__tomorrow__"}, "pledged_on"),
        ({"matches": "PLG-999999"}, "matches"),
        # a member who represents no State cannot choose a Member State pledge
        ({"party_type": "member_state", "pledging_countries": ["__gh__"]}, "party_type"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, fields, field):
    client.force_login(UserFactory())
    values = {
        "__review__": lambda: str(ReviewForum.objects.get(code="imrf-2022").cycle.reviews.first().pk),
        "__tomorrow__": lambda: (timezone.localdate() + timedelta(days=1)).isoformat(),
        "__gh__": lambda: Country.objects.get(iso2="GH").pk,
    }

    def resolve(value):
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return values[value]() if value in values else value

    data = form_data(**{k: resolve(v) for k, v in fields.items()})
    if fields.get("objectives") == []:
        data.pop("objectives")
    response = client.post(reverse("reviews:pledge-create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors or any(field in str(e) for e in form.non_field_errors()), form.errors
    assert not Pledge.objects.exists()


def test_member_state_pledges_come_from_that_states_focal_points_or_staff():
    member, fp_gh, staff = UserFactory(), focal_point("GH"), user_with_role("network_staff")
    ghana, mexico = countries("GH"), countries("MX")
    with pytest.raises(ValidationError, match="focal point of a State"):
        services.pledge_create(
            actor=member, data=pledge_data("Fake"), pledging_countries=ghana, countries=ghana, objectives=objectives(1)
        )
    with pytest.raises(ValidationError, match="focal point of a State"):
        services.pledge_create(
            actor=fp_gh, data=pledge_data("Fake"), pledging_countries=mexico, countries=mexico, objectives=objectives(1)
        )
    with pytest.raises(ValidationError, match="Only Member State pledges name pledging States"):
        services.pledge_create(
            actor=fp_gh,
            data=pledge_data("Mixed", party_type="civil_society", is_global=True),
            pledging_countries=ghana,
            objectives=objectives(1),
        )
    with pytest.raises(PermissionDenied):
        services.pledge_create(
            actor=AnonymousUser(), data=pledge_data("Anon", is_global=True), objectives=objectives(1)
        )
    # a donor pledges for other countries: the countries of implementation are not the pledging State
    pledge = services.pledge_create(
        actor=fp_gh,
        data=pledge_data("Support to Senegal", pledge_type="financial"),
        pledging_countries=ghana,
        countries=countries("SN"),
        objectives=objectives(23),
    )
    assert pledge.is_owned_by(fp_gh) and permissions.can_edit_pledge(fp_gh, pledge)
    assert not permissions.can_edit_pledge(focal_point("SN"), pledge)  # implementing, not pledging
    assert permissions.can_edit_pledge(staff, pledge)


def test_a_stakeholder_pledge_belongs_to_its_author():
    author, other = UserFactory(), UserFactory()
    pledge = make_stakeholder_pledge(author, "Ours")
    assert permissions.can_edit_pledge(author, pledge) and not permissions.can_edit_pledge(other, pledge)
    assert not permissions.can_edit_pledge(focal_point("GH"), pledge)
    author.is_active = False
    author.save()
    assert not permissions.can_edit_pledge(author, pledge)


def test_a_focal_point_editing_a_common_pledge_keeps_the_other_states():
    staff = user_with_role("network_staff")
    pledge = services.pledge_create(
        actor=staff,
        data=pledge_data("Together", kind="common", submitting_entity="Ghana and Senegal"),
        pledging_countries=countries("GH", "SN"),
        countries=countries("GH", "SN"),
        objectives=objectives(23),
    )
    fp = focal_point("GH")
    services.pledge_update(
        pledge=pledge,
        actor=fp,
        expected_version=pledge.version,
        data={"status": "in_progress"},
        pledging_countries=countries("GH"),
    )
    assert set(pledge.pledging_countries.values_list("iso2", flat=True)) == {"GH", "SN"}
    assert permissions.can_edit_pledge(focal_point("SN"), pledge)


def test_changing_a_published_pledges_text_sends_it_back_to_curation_but_status_updates_do_not():
    staff, fp = user_with_role("network_staff"), focal_point("GH")
    pledge = make_pledge(fp, "Original")
    services.pledge_curate(pledge=pledge, actor=staff, action="publish")
    pledge.refresh_from_db()
    pledge = services.pledge_update(
        pledge=pledge, actor=fp, expected_version=pledge.version, data={"status": "in_progress"}
    )
    assert pledge.curation == "published"
    pledge = services.pledge_update(
        pledge=pledge, actor=fp, expected_version=pledge.version, data={"title": "Rewritten"}
    )
    assert pledge.curation == "pending"
    assert not Pledge.objects.visible_to(AnonymousUser()).filter(pk=pledge.pk).exists()


def test_the_edit_page_keeps_the_pledge_and_refuses_a_stale_version(client):
    fp, staff = focal_point("GH"), user_with_role("network_staff")
    pledge = make_pledge(fp, "Fair recruitment")
    services.pledge_curate(pledge=pledge, actor=staff, action="publish")
    pledge.refresh_from_db()
    client.force_login(fp)
    data = {
        "party_type": "member_state",
        "submitting_entity": "Government",
        "pledging_countries": [c.pk for c in countries("GH")],
        "kind": "individual",
        "pledge_type": "policy",
        "title": "Fair recruitment",
        "description": PLEDGE_TEXT,
        "objectives": [o.pk for o in objectives(6)],
        "countries": [c.pk for c in countries("GH")],
        "pledged_on": pledge.pledged_on.isoformat(),
        "contact_name": "Contact Person",
        "contact_email": "contact@example.org",
        "status": "in_progress",
    }
    stale = client.post(reverse("reviews:pledge-edit", args=[pledge.pk]), data | {"version": pledge.version - 1})
    assert stale.status_code == 400
    saved = client.post(reverse("reviews:pledge-edit", args=[pledge.pk]), data | {"version": pledge.version})
    assert saved.status_code == 302, saved.content.decode()
    pledge.refresh_from_db()
    assert pledge.status == "in_progress" and pledge.curation == "published"


def test_the_list_filters_by_party_type_scope_forum_and_words(client):
    member, fp, staff = UserFactory(), focal_point("GH"), user_with_role("network_staff")
    forum = ReviewForum.objects.get(code="imrf-2026")
    for pledge in (
        make_stakeholder_pledge(member, "Global civil society pledge", forum=forum),
        make_pledge(fp, "Ghana national pledge", pledge_type="financial"),
    ):
        services.pledge_curate(pledge=pledge, actor=staff, action="publish")
    url = reverse("reviews:pledge-list")

    def titles(query):
        body = client.get(url + query).content.decode()
        return {t for t in ("Global civil society pledge", "Ghana national pledge") if t in body}

    assert titles("?party_type=civil_society") == {"Global civil society pledge"}
    assert titles("?is_global=true") == {"Global civil society pledge"}
    assert titles("?forum=imrf-2026") == {"Global civil society pledge"}
    assert titles("?pledge_type=financial") == {"Ghana national pledge"}
    assert titles("?pledging_country=GH") == {"Ghana national pledge"}
    reference = Pledge.objects.get(title="Ghana national pledge").reference
    assert titles(f"?q={reference}") == {"Ghana national pledge"}


# ---------------------------------------------------------------------------
# Follow-up reports
# ---------------------------------------------------------------------------


def test_owners_report_progress_and_staff_can_remove_a_report(client):
    fp, staff, member = focal_point("GH"), user_with_role("network_staff"), UserFactory()
    pledge = make_pledge(fp, "Desks for migrant workers")
    with pytest.raises(ValidationError, match="published pledges"):
        services.pledge_progress_report(pledge=pledge, actor=fp, status="in_progress", text="Started.")
    services.pledge_curate(pledge=pledge, action="publish", actor=staff)
    client.force_login(member)
    url = reverse("reviews:pledge-progress", args=[pledge.pk])
    assert (
        client.post(url, {"status": "fulfilled", "text": "Done", "reported_on": timezone.localdate()}).status_code
        == 404
    )
    client.force_login(fp)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert client.post(url, {"status": "fulfilled", "text": "Done", "reported_on": future}).status_code == 400
    response = client.post(
        url, {"status": "in_progress", "text": "Two desks are open.", "reported_on": timezone.localdate()}
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "in_progress" and pledge.curation == "published"
    assert Notification.objects.filter(recipient=staff, event="pledge_progress").exists()
    client.logout()
    assert "Two desks are open." in client.get(pledge.get_absolute_url()).content.decode()
    update = pledge.updates.get()
    with pytest.raises(PermissionDenied):
        services.pledge_progress_remove(update=update, actor=fp, reason="Mine")
    with pytest.raises(ValidationError):
        services.pledge_progress_remove(update=update, actor=staff, reason=" ")
    services.pledge_progress_remove(update=update, actor=staff, reason="Not about this pledge")
    assert not pledge.updates.exists()
    notice = Notification.objects.get(recipient=fp, event="pledge_progress_removed")
    assert "Not about this pledge" in notice.body


# ---------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------


def test_the_api_takes_a_global_partnership_pledge_and_a_matching_one(api_client):
    member, fp, staff = UserFactory(), focal_point("GH"), user_with_role("network_staff")
    api_client.force_authenticate(member)
    payload = {
        "party_type": "civil_society",
        "submitting_entity": "Migrant-led network",
        "kind": "partnership",
        "partners": "A university",
        "pledge_type": "process",
        "title": "Global survey",
        "description": PLEDGE_TEXT,
        "objectives": [6, 16],
        "is_global": True,
        "forum": "imrf-2026",
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
    }
    both = api_client.post("/api/v1/pledges/", payload | {"countries": ["GH"]}, format="json")
    assert both.status_code == 400 and "countries" in both.json()
    created = api_client.post("/api/v1/pledges/", payload, format="json")
    assert created.status_code == 201, created.content
    original = Pledge.objects.get(pk=created.json()["id"])
    services.pledge_curate(pledge=original, action="publish", actor=staff)
    api_client.force_authenticate(fp)
    matching = api_client.post(
        "/api/v1/pledges/",
        payload
        | {
            "party_type": "member_state",
            "pledging_countries": ["GH"],
            "countries": ["GH"],
            "is_global": False,
            "kind": "individual",
            "title": "Ghana's match",
            "matches": original.reference,
        },
        format="json",
    )
    assert matching.status_code == 201, matching.content
    assert matching.json()["matches"] == original.reference
    services.pledge_curate(pledge=Pledge.objects.get(title="Ghana's match"), action="publish", actor=staff)
    api_client.force_authenticate(None)
    detail = api_client.get(f"/api/v1/pledges/{original.pk}/").json()
    assert detail["matched_by"] == [matching.json()["reference"]] and detail["is_global"] is True
    assert detail["party_type"] == "civil_society" and detail["forum"] == "imrf-2026" and detail["contact"] is None
    assert [p["title"] for p in api_client.get("/api/v1/pledges/?party_type=member_state").json()["results"]] == [
        "Ghana's match"
    ]
    assert api_client.get(f"/api/v1/pledges/?matches={original.reference}").json()["count"] == 1


def test_the_api_records_progress_and_takes_one_document(api_client):
    fp, staff = focal_point("GH"), user_with_role("network_staff")
    pledge = make_pledge(fp, "Desks")
    api_client.force_authenticate(fp)
    upload = api_client.post(
        f"/api/v1/pledges/{pledge.pk}/documents/",
        {"file": SimpleUploadedFile("p.pdf", PDF), "language": "en"},
        format="multipart",
    )
    assert upload.status_code == 201, upload.content
    second = api_client.post(
        f"/api/v1/pledges/{pledge.pk}/documents/",
        {"file": SimpleUploadedFile("q.pdf", PDF), "language": "en"},
        format="multipart",
    )
    assert second.status_code == 400 and pledge.documents.count() == 1
    refused = api_client.post(
        f"/api/v1/pledges/{pledge.pk}/progress/", {"status": "fulfilled", "text": "x"}, format="json"
    )
    assert refused.status_code == 400  # not published yet
    services.pledge_curate(pledge=pledge, action="publish", actor=staff)
    done = api_client.post(
        f"/api/v1/pledges/{pledge.pk}/progress/", {"status": "fulfilled", "text": "Done."}, format="json"
    )
    assert done.status_code == 201 and done.json()["status"] == "fulfilled"
    api_client.force_authenticate(None)
    body = api_client.get(f"/api/v1/pledges/{pledge.pk}/").json()
    assert body["status"] == "fulfilled" and [u["text"] for u in body["updates"]] == ["Done."]


# ---------------------------------------------------------------------------
# "Made by a champion country": computed from membership on the pledge's date
# ---------------------------------------------------------------------------


def test_made_by_a_champion_is_computed_from_membership_on_the_pledges_date(api_client):
    from champions.selectors import is_champion_on

    fp_gh, fp_jm, staff = focal_point("GH"), focal_point("JM"), user_with_role("network_staff")
    ghana = Country.objects.get(iso2="GH")
    joined = date(2020, 10, 19)  # Ghana among the first champions (the Network's briefing of that day)
    assert is_champion_on(ghana, joined) and not is_champion_on(ghana, joined - timedelta(days=1))
    before = make_pledge(fp_gh, "Before Ghana joined", pledged_on=joined - timedelta(days=1))
    after = make_pledge(fp_gh, "After Ghana joined", pledged_on=joined)
    other = make_pledge(fp_jm, "Jamaica", countries=("JM",))
    civil = make_stakeholder_pledge(UserFactory(), "Civil society in Ghana", is_global=False, region="West Africa")
    for pledge in (before, after, other, civil):
        services.pledge_curate(pledge=pledge, action="publish", actor=staff)
    flags = {p["title"]: p["made_by_champion"] for p in api_client.get("/api/v1/pledges/").json()["results"]}
    assert flags == {
        "Before Ghana joined": False,
        "After Ghana joined": True,
        "Jamaica": False,
        "Civil society in Ghana": False,
    }
    champions = api_client.get("/api/v1/pledges/?champion=true").json()["results"]
    assert [p["title"] for p in champions] == ["After Ghana joined"]
    # the flag cannot be set by hand
    api_client.force_authenticate(fp_gh)
    refused = api_client.post("/api/v1/pledges/", {"made_by_champion": True}, format="json")
    assert refused.status_code == 400 and "made_by_champion" in refused.json()
