"""The review process as it really runs: the International Migration Review Forum and its parts, regional
reviews made of events, the States invited to report, and the corrected reference data with its sources."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gcm_portal.core.audit import audit_list_for
from gcm_portal.core.models import Notification
from gcm_portal.taxonomy.models import CommissionMembership, Country, RegionalCommission
from reviews import services
from reviews.models import (
    ForumPart,
    RegionalReview,
    ReviewCycle,
    ReviewDocument,
    ReviewEvent,
    ReviewForum,
    ReviewInvitation,
)
from tests.factories.accounts import focal_point, user_with_role
from tests.factories.reviews import eclac_review, make_pledge, make_report, move

pytestmark = pytest.mark.django_db

SOURCE = {"title": "Concept note of the review", "url": "https://example.org/concept-note"}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# ---------------------------------------------------------------------------
# The Forum
# ---------------------------------------------------------------------------


def test_the_2022_forum_is_recorded_with_its_parts_outcome_and_sources():
    forum = ReviewForum.objects.get(code="imrf-2022")
    assert forum.cycle.code == "2020-2021"
    assert (forum.start_date, forum.end_date) == (date(2022, 5, 17), date(2022, 5, 20))
    assert "Abdulla Shahid" in forum.chair and forum.co_facilitators == "Bangladesh and Luxembourg"
    assert forum.declaration_adopted_on == date(2022, 5, 20) and forum.ga_endorsed_on == date(2022, 6, 7)
    # the resolution's symbol is not confirmed by a source we could read: left empty
    assert forum.ga_resolution == ""
    assert forum.sources and all(s["url"].startswith("https://") for s in forum.sources)
    kinds = list(forum.parts.values_list("kind", flat=True))
    assert kinds == ["hearing", *["round_table"] * 4, "policy_debate", "plenary"]
    hearing = forum.parts.get(kind="hearing")
    assert hearing.start_date == date(2022, 5, 16)
    round_tables = forum.parts.filter(kind="round_table").select_related("round_table")
    assert [p.round_table.code for p in round_tables] == ["RT1", "RT2", "RT3", "RT4"]
    assert [p.title for p in round_tables] == [
        "Round table one",
        "Round table two",
        "Round table three",
        "Round table four",
    ]
    assert forum.documents.filter(kind="progress_declaration").exists()


def test_the_2026_forum_dates_are_labelled_as_unconfirmed_with_the_reason():
    forum = ReviewForum.objects.get(code="imrf-2026")
    assert forum.cycle.code == "2024-2025"
    assert forum.dates_confirmed is False and "not confirmed" in forum.dates_note
    assert forum.sources and forum.declaration_title == ""


def test_secretary_general_reports_attach_to_the_cycle_they_inform():
    first = ReviewCycle.objects.get(code="2020-2021").documents.filter(kind="sg_report")
    assert set(first.values_list("symbol", flat=True)) == {"A/75/542", "A/76/642"}
    assert first.get(symbol="A/76/642").published_on == date(2021, 12, 27)
    second = ReviewCycle.objects.get(code="2024-2025").documents.get(kind="sg_report")
    assert second.symbol == "A/79/590" and second.sources


def test_a_document_belongs_to_exactly_one_record():
    forum = ReviewForum.objects.get(code="imrf-2022")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewDocument.objects.create(forum=forum, cycle=forum.cycle, kind="other", title="Two", url="https://x.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewDocument.objects.create(kind="other", title="None", url="https://x.org")
    part = forum.parts.get(kind="plenary")
    ReviewDocument.objects.create(part=part, kind="other", title="Summary of the plenary", url="https://x.org/p")
    assert part.documents.count() == 1


def test_the_2022_forum_page_shows_its_parts_declaration_round_tables_and_reviews(client):
    forum = ReviewForum.objects.get(code="imrf-2022")
    body = client.get(reverse("reviews:forum-detail", args=["imrf-2022"])).content.decode()
    assert "International Migration Review Forum 2022" in body
    assert "Informal interactive multi-stakeholder hearing" in body and "Policy debate" in body
    for title in ("Round table one", "Round table two", "Round table three", "Round table four"):
        assert title in body
    # the round tables with the objectives each covers (round table one: 2, 5, 6, 12, 18)
    rt1 = forum.parts.get(round_table__code="RT1").round_table
    assert sorted(rt1.objectives.values_list("number", flat=True)) == [2, 5, 6, 12, 18]
    assert 'href="/en/objectives/18/"' in body or "/objectives/18/" in body
    assert "Progress Declaration of the International Migration Review Forum" in body
    assert "endorsed by the General Assembly on" in body
    assert "A/76/642" in body  # the Secretary-General's report that informed it
    for review in RegionalReview.objects.filter(cycle=forum.cycle):
        assert review.title in body


def test_the_forum_page_gathers_reports_pledges_and_stakeholder_inputs(client):
    fp, staff = focal_point("MX"), user_with_role("network_staff")
    review = RegionalReview.objects.get(code="2020-2021-eclac")
    report = make_report(fp, "MX", review=review, title="Mexico 2021 report")
    move(move(report, fp, "submit"), staff, "publish")
    forum = ReviewForum.objects.get(code="imrf-2022")
    pledge = make_pledge(
        fp, "Mexico pledge for the Forum", countries=("MX",), forum=forum, pledged_on=date(2022, 5, 19)
    )
    services.pledge_curate(pledge=pledge, actor=staff, action="publish")
    contribution = services.contribution_submit(actor=fp, title="Our input to the Forum", body="Text", forum=forum)
    url = reverse("reviews:forum-detail", args=["imrf-2022"])
    assert "Our input to the Forum" not in client.get(url).content.decode()  # not curated yet
    services.contribution_curate(contribution=contribution, action="publish", actor=staff)
    body = client.get(url).content.decode()
    assert "Mexico 2021 report" in body and "Mexico pledge for the Forum" in body and "Our input to the Forum" in body


def test_the_forum_page_runs_a_constant_number_of_queries(client):
    fp, staff = focal_point("MX"), user_with_role("network_staff")
    forum = ReviewForum.objects.get(code="imrf-2022")
    url = reverse("reviews:forum-detail", args=["imrf-2022"])

    def add(n):
        pledge = make_pledge(fp, f"Pledge {n}", countries=("MX",), forum=forum)
        services.pledge_curate(pledge=pledge, actor=staff, action="publish")
        contribution = services.contribution_submit(actor=fp, title=f"Input {n}", body="Text", forum=forum)
        services.contribution_curate(contribution=contribution, action="publish", actor=staff)
        ForumPart.objects.create(forum=forum, kind="plenary", title=f"Extra {n}", order=20 + n)

    add(0)
    small = _queries(client, url)
    for n in range(1, 6):
        add(n)
    assert _queries(client, url) == small


# ---------------------------------------------------------------------------
# Reviews as processes
# ---------------------------------------------------------------------------


def test_reviews_are_made_of_dated_events_with_their_sources():
    eca = RegionalReview.objects.get(code="2024-2025-eca")
    hearing = eca.events.get(kind="hearing")
    assert hearing.start_date == date(2024, 10, 8) and hearing.sources
    session = eca.events.get(kind="intergovernmental_session")
    assert (session.start_date, session.end_date) == (date(2024, 10, 9), date(2024, 10, 10))
    escap = RegionalReview.objects.get(code="2024-2025-escap")
    assert (escap.start_date, escap.end_date) == (date(2025, 2, 4), date(2025, 2, 6)) and "Bangkok" in escap.venue
    assert escap.events.get(kind="subregional_consultation").venue.startswith("Colombo")
    assert all(review.sources for review in RegionalReview.objects.filter(cycle__code__in=["2020-2021", "2024-2025"]))
    assert not ReviewEvent.objects.filter(sources=[]).exists()


def test_the_eclac_2021_summary_counts_the_states_that_took_part():
    summary = RegionalReview.objects.get(code="2020-2021-eclac").summary
    assert "29 ECLAC member States and 3 associate members" in summary and "33" not in summary


def test_sub_and_cross_regional_reviews_need_no_one_review_per_commission_rule():
    cycle = ReviewCycle.objects.get(code="2024-2025")
    escap = RegionalCommission.objects.get(code="ESCAP")
    RegionalReview.objects.create(
        code="2024-2025-south-asia", cycle=cycle, scope="subregional", commission=escap, title="South Asia review"
    )
    RegionalReview.objects.create(code="2024-2025-cross", cycle=cycle, scope="cross_regional", title="Cross-regional")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalReview.objects.create(code="2024-2025-bad", cycle=cycle, scope="regional", title="No commission")


def test_the_review_page_shows_its_events_and_sources(client):
    review = RegionalReview.objects.get(code="2024-2025-eca")
    body = client.get(review.get_absolute_url()).content.decode()
    assert "Multi-stakeholder hearing" in body and "Intergovernmental conference" in body
    assert "Sources" in body and "International Migration Review Forum 2026" in body


# ---------------------------------------------------------------------------
# Who is invited to report
# ---------------------------------------------------------------------------


def test_eclac_2024_2025_invites_only_its_regional_members(client):
    review = eclac_review()
    invited = set(review.invited_countries.values_list("iso2", flat=True))
    assert len(invited) == 33 and {"MX", "BR", "JM"} <= invited
    assert not invited & {"US", "JP", "DE", "FR", "ES", "GB", "CA"}
    body = client.get(review.get_absolute_url()).content.decode()
    assert body.count('<tr><th scope="row">') == 33
    assert "United States of America" not in body and "Japan" not in body


def test_no_reminder_goes_to_a_non_regional_member():
    review = eclac_review()
    today = date(2030, 1, 1)
    review.submission_deadline = today + timedelta(days=7)
    review.save()
    usa, japan, mexico = focal_point("US"), focal_point("JP"), focal_point("MX")
    user_with_role("network_staff")
    services.review_reminders_send(today=today)
    reminded = set(Notification.objects.filter(event="deadline_reminder").values_list("recipient", flat=True))
    assert mexico.pk in reminded and usa.pk not in reminded and japan.pk not in reminded
    services.review_reminders_send(today=today + timedelta(days=8))
    late = Notification.objects.get(event="late_states")
    assert "Mexico" in late.body and "United States" not in late.body and "Japan" not in late.body


def test_a_non_regional_member_cannot_report_to_the_review_unless_invited():
    review = eclac_review()
    usa = Country.objects.get(iso2="US")
    staff = user_with_role("network_staff")
    with pytest.raises(ValidationError, match="not invited"):
        services.report_create(actor=staff, country=usa, title="US report", review=review)
    services.invitation_add(review=review, country=usa, actor=staff, source=SOURCE, note="Asked to take part")
    report = services.report_create(actor=staff, country=usa, title="US report", review=review)
    assert report.review == review


def test_staff_edit_the_list_with_its_source_and_the_audit_keeps_it():
    review = eclac_review()
    staff, japan = user_with_role("network_staff"), Country.objects.get(iso2="JP")
    with pytest.raises(ValidationError, match="source"):
        services.invitation_add(review=review, country=japan, actor=staff, source={"title": "Memory"})
    with pytest.raises(PermissionDenied):
        services.invitation_add(review=review, country=japan, actor=focal_point("MX"), source=SOURCE)
    invitation = services.invitation_add(review=review, country=japan, actor=staff, source=SOURCE)
    assert invitation.basis == "added" and invitation.sources == [SOURCE] and invitation.added_by == staff
    with pytest.raises(ValidationError, match="already invited"):
        services.invitation_add(review=review, country=japan, actor=staff, source=SOURCE)
    services.invitation_remove(invitation=invitation, actor=staff, source=SOURCE, note="Not a regional member")
    entries = list(audit_list_for(review).values_list("action", "comment"))
    assert ("invitation_add", SOURCE["url"]) in entries
    assert ("invitation_remove", f"Not a regional member {SOURCE['url']}") in entries


def test_a_state_with_a_submitted_report_stays_on_the_list():
    review = eclac_review()
    fp, staff = focal_point("MX"), user_with_role("network_staff")
    move(make_report(fp, "MX", review=review), fp, "submit")
    invitation = review.invitations.get(country__iso2="MX")
    with pytest.raises(ValidationError, match="has a report"):
        services.invitation_remove(invitation=invitation, actor=staff, source=SOURCE)
    assert ReviewInvitation.objects.filter(pk=invitation.pk).exists()


def test_the_invitation_page_adds_and_removes_states(client):
    review = eclac_review()
    staff = user_with_role("network_staff")
    client.force_login(staff)
    url = reverse("reviews:invitations", args=[review.pk])
    japan = Country.objects.get(iso2="JP")
    refused = client.post(url, {"country": japan.pk})
    assert refused.status_code == 400 and not review.invitations.filter(country=japan).exists()
    added = client.post(url, {"country": japan.pk, "source_title": SOURCE["title"], "source_url": SOURCE["url"]})
    assert added.status_code == 302
    invitation = review.invitations.get(country=japan)
    assert "Japan" in client.get(review.get_absolute_url()).content.decode()
    remove = reverse("reviews:invitation-remove", args=[review.pk, invitation.pk])
    assert client.post(remove, {"source_title": SOURCE["title"], "source_url": SOURCE["url"]}).status_code == 302
    assert not review.invitations.filter(country=japan).exists()


def test_a_new_review_invites_the_regional_members_by_default():
    review = RegionalReview.objects.create(
        code="2028-2029-escap",
        cycle=ReviewCycle.objects.get(code="2024-2025"),
        commission=RegionalCommission.objects.get(code="ESCAP"),
        title="Third Asia-Pacific review",
    )
    assert services.review_invite_regional_members(review) == 49
    assert services.review_invite_regional_members(review) == 0  # idempotent
    invited = set(review.invited_countries.values_list("iso2", flat=True))
    assert not invited & {"FR", "NL", "GB", "US"}
    members = CommissionMembership.objects.filter(commission__code="ESCAP", kind="member").count()
    assert len(invited) == members


def test_the_commission_page_tells_members_from_outside_the_region(client):
    body = client.get(reverse("taxonomy:commission-detail", args=["eclac"])).content.decode()
    assert "46 member States (13 from outside the region)" in body
    assert "Non-regional member" in body


# ---------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------


def test_the_forum_api_gives_parts_outcome_documents_and_reviews(api_client):
    body = api_client.get("/api/v1/review-forums/imrf-2022/").json()
    assert body["cycle"] == "2020-2021" and body["dates_confirmed"] is True
    assert [p["kind"] for p in body["parts"]][:2] == ["hearing", "round_table"]
    rt1 = body["parts"][1]["round_table"]
    assert rt1["code"] == "RT1" and rt1["objectives"] == [2, 5, 6, 12, 18] and rt1["sources"]
    assert body["outcome"]["ga_endorsed_on"] == "2022-06-07" and body["outcome"]["ga_resolution"] == ""
    assert [d["kind"] for d in body["outcome"]["documents"]] == ["progress_declaration"]
    assert {d["symbol"] for d in body["secretary_general_reports"]} == {"A/75/542", "A/76/642"}
    assert len(body["reviews"]) == 5
    listing = api_client.get("/api/v1/review-forums/").json()
    assert [f["code"] for f in listing["results"]] == ["imrf-2026", "imrf-2022"]
    assert listing["results"][0]["outcome"] is None


def test_the_events_api_filters_by_review_and_type(api_client):
    eca = RegionalReview.objects.get(code="2024-2025-eca")
    body = api_client.get(f"/api/v1/review-events/?review={eca.pk}&kind=hearing").json()
    assert [e["start_date"] for e in body["results"]] == ["2024-10-08"]
    assert body["results"][0]["review"]["code"] == "2024-2025-eca" and body["results"][0]["sources"]
    assert api_client.get("/api/v1/review-events/?kind=nonsense").status_code == 400
    everything = api_client.get("/api/v1/review-events/?cycle=2024-2025").json()["count"]
    assert everything == ReviewEvent.objects.filter(review__cycle__code="2024-2025").count()


def test_the_review_api_lists_invited_states_with_their_basis(api_client):
    review = eclac_review()
    staff = user_with_role("network_staff")
    services.invitation_add(review=review, country=Country.objects.get(iso2="JP"), actor=staff, source=SOURCE)
    body = api_client.get(f"/api/v1/regional-reviews/{review.pk}/").json()
    invited = {i["country"]["iso2"]: i for i in body["invited"]}
    assert (
        len(invited) == 34
        and invited["JP"]["basis"] == "added"
        and invited["JP"]["sources"] == [{"date": None, "note": "", **SOURCE}]
    )
    assert invited["MX"]["basis"] == "regional_member" and "US" not in invited
    assert {p["country"]["iso2"] for p in body["participants"]} == set(invited)
    assert body["code"] == "2024-2025-eclac" and body["events"]
    listing = api_client.get("/api/v1/regional-reviews/?invited=JP&commission=ECLAC").json()
    assert [r["id"] for r in listing["results"]] == [review.pk] and listing["results"][0]["invited_count"] == 34


def test_a_source_without_date_or_note_and_a_blank_recording_answer_as_the_schema_says():
    """What schemathesis found: a stored source may lack a date or a note, and a recording address may be
    blank; the answer carries every key (null or an empty note) and the schema admits the blank address."""
    from drf_spectacular.generators import SchemaGenerator

    from reviews.api.serializers import SourceSerializer

    assert SourceSerializer({"title": "A press release", "url": "https://example.org/news"}).data == {
        "title": "A press release",
        "url": "https://example.org/news",
        "date": None,
        "note": "",
    }
    schema = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    assert schema["Source"]["properties"]["date"]["nullable"] is True
    for component in ("ForumPart", "ReviewEvent"):
        recording = schema[component]["properties"]["recording_url"]
        assert {"type": "string", "maxLength": 0} in recording["oneOf"], recording
