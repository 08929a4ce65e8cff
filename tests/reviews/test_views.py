"""The reviews pages: public, focal point and staff views."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from gcm_portal.core.models import Notification
from gcm_portal.taxonomy.models import Country, Objective
from reviews import services
from reviews.models import RegionalReview, StakeholderContribution, VoluntaryReport
from tests.factories.accounts import UserFactory, focal_point, user_with_role
from tests.factories.reviews import build_world, downloaded, eca_review, make_report, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_reviews_index_lists_both_rounds_by_commission(client):
    body = client.get(reverse("reviews:index")).content.decode()
    assert "Second round of regional reviews (2024-2025)" in body
    assert "First round of regional reviews (2020-2021)" in body
    assert body.count('class="eyebrow"') >= 10


def test_review_page_shows_every_participating_state_and_its_public_state(client, world):
    review = eca_review()
    make_report(world.staff, "SN", title="Senegal draft")
    body = client.get(review.get_absolute_url()).content.decode()
    assert body.count('<tr><th scope="row">') == 54
    assert "Ghana published" in body  # published report linked for everyone
    assert "Ghana draft" not in body  # a draft's existence shows as a state, not its title
    assert "status-in_preparation" in body and "status-published" in body and "status-not_started" in body
    assert "Ghana" in body and "Zimbabwe" in body


def test_review_page_links_drafts_for_their_focal_point(client, world):
    client.force_login(world.focal_gh)
    body = client.get(eca_review().get_absolute_url()).content.decode()
    assert "Start a report for this review" in body


def test_public_report_page_shows_the_published_version_with_fingerprint(client, world):
    report = world.published_gh
    report = move(report, world.focal_gh, "revise")
    services.report_update(
        report=report, actor=world.focal_gh, expected_version=report.version, data={"title": "Draft correction title"}
    )
    body = client.get(report.get_absolute_url()).content.decode()
    assert "Ghana published" in body and "Draft correction title" not in body
    assert report.public_version.fingerprint in body
    assert "Submit to the Network" not in body and "Comments from Network staff" not in body
    client.force_login(world.focal_gh)
    working = client.get(report.get_absolute_url()).content.decode()
    assert "Draft correction title" in working and "A published version is public" in working


def test_focal_point_sees_staff_comments_and_next_step(client, world):
    client.force_login(world.focal_gh)
    body = client.get(world.returned_gh.get_absolute_url()).content.decode()
    assert "Please add data sources." in body
    assert "revise the report and resubmit it" in body
    assert "Resubmit" in body


def test_report_list_filters_and_csv_export_match(client, world):
    url = reverse("reviews:report-list") + "?country=GH"
    body = client.get(url).content.decode()
    assert "Ghana published" in body and "Mexico published" not in body and "Ghana draft" not in body
    export = client.get(reverse("reviews:report-export") + "?country=GH")
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(downloaded(export))))
    assert [r["title"] for r in rows] == ["Ghana published"]
    assert rows[0]["sha256_fingerprint"] == world.published_gh.public_version.fingerprint
    everything = list(csv.DictReader(io.StringIO(downloaded(client.get(reverse("reviews:report-export"))))))
    assert {r["iso2"] for r in everything} == {"GH", "MX"}
    by_objective = client.get(reverse("reviews:report-list") + "?objective=1&commission=ECLAC").content.decode()
    assert "Mexico published" in by_objective and "Ghana published" not in by_objective


def test_the_export_reads_reports_a_chunk_at_a_time_with_each_version_s_objectives(client, world, monkeypatch):
    from reviews import selectors

    monkeypatch.setattr(selectors, "EXPORT_CHUNK", 1)  # every report a chunk of its own
    with CaptureQueriesContext(connection) as queries:
        rows = list(csv.DictReader(io.StringIO(downloaded(client.get(reverse("reviews:report-export"))))))
    published = VoluntaryReport.objects.filter(public_version__isnull=False).order_by("-published_at", "-pk")
    assert [int(r["id"]) for r in rows] == [report.pk for report in published]
    for row, report in zip(rows, published, strict=True):
        numbers = sorted(o.number for o in report.public_version.objectives.all())
        assert row["objectives"] == " ".join(map(str, numbers))
        assert row["title"] == report.public_version.snapshot["title"]
        assert row["url"] == "http://testserver" + report.get_absolute_url()
    # The rows, then one query of objectives per chunk (and per chunk of the cursor on PostgreSQL).
    assert len(queries) <= 2 + 2 * len(rows)


def test_create_and_edit_a_draft_through_the_pages(client):
    fp = focal_point("GH")
    client.force_login(fp)
    ghana = Country.objects.get(iso2="GH")
    response = client.post(
        reverse("reviews:report-create"),
        {"country": ghana.pk, "review": eca_review().pk, "title": "Ghana 2025 review", "languages": ["en", "fr"]},
    )
    assert response.status_code == 302
    report = VoluntaryReport.objects.get(title="Ghana 2025 review")
    form = {
        "version": report.version,
        "title": "Ghana 2025 review",
        "review": eca_review().pk,
        "languages": ["en"],
        "review_process": "Whole-of-government consultation.",
        "policy_framework": "",
        "national_plan": "",
        "means_of_implementation": "",
        "next_steps": "",
        "objectives": [],
        "principles": [],
        "progress-TOTAL_FORMS": "2",
        "progress-INITIAL_FORMS": "0",
        "progress-0-objective": Objective.objects.get(number=6).pk,
        "progress-0-status": "in_progress",
        "progress-0-measures": "Fair recruitment law adopted.",
        "progress-1-objective": Objective.objects.get(number=10).pk,
        "progress-1-status": "planned",
        "progress-1-measures": "Trafficking action plan.",
    }
    response = client.post(reverse("reviews:report-edit", args=[report.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    report.refresh_from_db()
    assert sorted(report.progress.values_list("objective__number", flat=True)) == [6, 10]
    assert sorted(report.objectives.values_list("number", flat=True)) == [6, 10]


def test_focal_point_cannot_create_for_another_country(client):
    client.force_login(focal_point("GH"))
    response = client.post(
        reverse("reviews:report-create"), {"country": Country.objects.get(iso2="MX").pk, "title": "Not mine"}
    )
    assert response.status_code == 400
    assert not VoluntaryReport.objects.exists()


def test_two_editors_one_wins_the_other_is_told_and_loses_nothing(client):
    fp = focal_point("GH")
    report = make_report(fp, "GH")
    colleague = focal_point("GH")
    base = {
        "title": report.title,
        "review": eca_review().pk,
        "languages": ["en"],
        "policy_framework": "",
        "national_plan": "",
        "means_of_implementation": "",
        "next_steps": "",
        "review_process": "",
        "progress-TOTAL_FORMS": "0",
        "progress-INITIAL_FORMS": "0",
    }
    version = report.version
    client.force_login(colleague)
    assert (
        client.post(
            reverse("reviews:report-edit", args=[report.pk]),
            base | {"version": version, "next_steps": "Colleague's text"},
        ).status_code
        == 302
    )
    client.force_login(fp)
    response = client.post(
        reverse("reviews:report-edit", args=[report.pk]),
        base | {"version": version, "next_steps": "My careful paragraph"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved this report" in body
    assert "My careful paragraph" in body and "Colleague&#x27;s text" in body
    report.refresh_from_db()
    assert report.next_steps == "Colleague's text"
    # saving again from the conflict page, with the version it shows, keeps the second editor's text
    response = client.post(
        reverse("reviews:report-edit", args=[report.pk]),
        base | {"version": report.version, "next_steps": "My careful paragraph"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.next_steps == "My careful paragraph"


def test_edit_page_of_a_published_report_redirects_with_a_message(client, world):
    client.force_login(world.focal_gh)
    response = client.get(reverse("reviews:report-edit", args=[world.published_gh.pk]), follow=True)
    assert "cannot be edited" in response.content.decode()


def test_action_buttons_come_from_the_workflow(client, world):
    client.force_login(world.staff)
    body = client.get(world.submitted_gh.get_absolute_url()).content.decode()
    assert reverse("reviews:report-transition", args=[world.submitted_gh.pk, "publish"]) in body
    assert reverse("reviews:report-transition", args=[world.submitted_gh.pk, "return"]) in body
    assert reverse("reviews:report-transition", args=[world.submitted_gh.pk, "submit"]) not in body


def test_staff_return_through_the_page_needs_a_comment(client, world):
    client.force_login(world.staff)
    url = reverse("reviews:report-transition", args=[world.submitted_gh.pk, "return"])
    response = client.post(url, {"comment": ""}, follow=True)
    assert "Please explain in a comment" in response.content.decode()
    world.submitted_gh.refresh_from_db()
    assert world.submitted_gh.status == "submitted"
    client.post(url, {"comment": "Please add figures."})
    world.submitted_gh.refresh_from_db()
    assert world.submitted_gh.status == "returned"


def test_queue_filters_and_bulk_publish(client, world):
    client.force_login(world.staff)
    body = client.get(reverse("reviews:queue") + "?status=submitted").content.decode()
    assert "Ghana submitted" in body and "Ghana returned" not in body and "Ghana draft" not in body
    response = client.post(
        reverse("reviews:bulk"),
        {"action": "publish", "report": [world.submitted_gh.pk, world.draft_gh.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "1 reports published" in text and "Ghana draft" in text
    world.submitted_gh.refresh_from_db()
    assert world.submitted_gh.status == "published"


def test_dashboard_shows_deadlines_reports_and_next_steps(client, world):
    review = eca_review()
    review.status = "open"
    review.submission_deadline = timezone.localdate() + timedelta(days=10)
    review.save()
    client.force_login(world.focal_gh)
    body = client.get(reverse("my-country")).content.decode()
    assert "Ghana" in body and review.title in body and "Deadline" in body
    assert "Ghana returned" in body and "revise the report and resubmit it" in body


def test_country_page_lists_published_reports_and_pledges(client, world):
    body = client.get(reverse("taxonomy:country-detail", args=["gh"])).content.decode()
    assert "Ghana published" in body and "Ghana draft" not in body


def test_contribution_flow(client, world):
    member = UserFactory()
    client.force_login(member)
    url = reverse("reviews:contribution-create") + f"?report={world.published_gh.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("reviews:contribution-create"),
        {
            "report": world.published_gh.pk,
            "title": "Civil society view",
            "organisation": "Migrant network",
            "language": "en",
            "body": "Consultations reached migrant workers' associations.",
        },
    )
    assert response.status_code == 302
    contribution = StakeholderContribution.objects.get(title="Civil society view")
    assert contribution.curation == "pending"
    page = client.get(world.published_gh.get_absolute_url()).content.decode()
    assert "Civil society view" not in page
    services.contribution_curate(contribution=contribution, actor=world.staff, action="publish")
    client.logout()
    assert "Civil society view" in client.get(world.published_gh.get_absolute_url()).content.decode()


def test_reminders_before_the_deadline_and_late_list_after(django_capture_on_commit_callbacks):
    review = RegionalReview.objects.get(cycle__code="2024-2025", commission__code="ESCWA")
    today = date(2030, 1, 1)
    review.submission_deadline = today + timedelta(days=7)
    review.save()
    lebanon = focal_point("LB")
    egypt = focal_point("EG")
    staff = user_with_role("network_staff")
    report = make_report(egypt, "EG", review=review)
    move(report, egypt, "submit")
    Notification.objects.all().delete()
    assert services.review_reminders_send(today=today) == [f"{review.pk}:7"]
    assert services.review_reminders_send(today=today) == []  # never twice
    assert Notification.objects.filter(recipient=lebanon, event="deadline_reminder").count() == 1
    assert not Notification.objects.filter(recipient=egypt, event="deadline_reminder").exists()
    services.review_reminders_send(today=today + timedelta(days=8))
    late = Notification.objects.get(recipient=staff, event="late_states")
    assert "Lebanon" in late.body and "Egypt" not in late.body


def test_reminder_task_runs(eager_tasks):
    from reviews.tasks import send_deadline_reminders_task

    assert send_deadline_reminders_task.delay().get() == []


def test_notifications_page_marks_read(client, world):
    client.force_login(world.focal_gh)
    assert "Ghana returned" in client.get(reverse("notifications")).content.decode()
    client.post(reverse("notifications"))
    assert not Notification.objects.filter(recipient=world.focal_gh, read_at__isnull=True).exists()


def test_audit_log_page_for_staff(client, world):
    client.force_login(world.staff)
    body = client.get(reverse("audit-log") + "?record=Ghana").content.decode()
    assert "publish" in body and "Ghana published" in body


def _queries(client, url):
    """The queries of a cold render: page cache off, remembered fragments and choices forgotten."""
    cache.clear()
    with override_settings(PAGE_CACHE_ENABLED=False), CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_run_a_constant_number_of_queries(client):
    staff = user_with_role("network_staff")
    fp = focal_point("GH")
    make = lambda i: move(move(make_report(fp, "GH", title=f"R{i}", sections=2), fp, "submit"), staff, "publish")  # noqa: E731
    make(0)
    urls = [
        reverse("reviews:report-list"),
        reverse("reviews:report-export"),
        eca_review().get_absolute_url(),
        reverse("reviews:index"),
    ]
    few = [_queries(client, u) for u in urls]
    client.force_login(staff)
    few_staff = _queries(client, reverse("reviews:queue"))
    client.logout()
    for i in range(1, 8):
        make(i)
    assert [_queries(client, u) for u in urls] == few
    client.force_login(staff)
    assert _queries(client, reverse("reviews:queue")) == few_staff


def test_visible_to_is_the_single_rule():
    world = build_world()
    anonymous = AnonymousUser()
    public = set(VoluntaryReport.objects.visible_to(anonymous).values_list("title", flat=True))
    assert public == {"Ghana published", "Mexico published"}
    mine = set(VoluntaryReport.objects.visible_to(world.focal_gh).values_list("title", flat=True))
    assert "Ghana draft" in mine and "Mexico draft" not in mine and "Mexico published" in mine
    assert VoluntaryReport.objects.visible_to(world.staff).count() == VoluntaryReport.objects.count()


def test_editing_one_section_keeps_the_others(client):
    fp = focal_point("GH")
    report = make_report(fp, "GH", sections=2)
    client.force_login(fp)
    page = client.get(reverse("reviews:report-edit", args=[report.pk]))
    formset = page.context["formset"]
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if k not in ("objectives", "principles", "review")}
    data.update(version=report.version, review=report.review_id, title=report.title, languages=["en"])
    data.update({"progress-TOTAL_FORMS": str(len(formset.forms)), "progress-INITIAL_FORMS": "2"})
    for i, initial in enumerate(formset.initial):
        for key, value in initial.items():
            data[f"progress-{i}-{key}"] = value.pk if key == "objective" else value
    data["progress-0-measures"] = "Changed only this one."
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(reverse("reviews:report-edit", args=[report.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(report.progress.order_by("objective__number").values_list("objective__number", "measures")) == [
        (1, "Changed only this one."),
        (2, "Measures for 2"),
    ]


def test_next_parameter_cannot_redirect_off_site(client, world):
    client.force_login(world.staff)
    url = reverse("reviews:report-transition", args=[world.submitted_gh.pk, "publish"])
    response = client.post(url, {"next": "https://evil.example.com/"})
    assert response["Location"] == world.submitted_gh.get_absolute_url()


def test_home_page_counts_reviews_reports_and_pledges(client, world):
    body = client.get("/").content.decode()
    assert '<span class="figure">2</span> published voluntary reports' in body
    assert '<span class="figure">10</span> regional reviews' in body


def test_public_filters_read_the_published_version_not_the_draft(client, world):
    report = move(world.published_gh, world.focal_gh, "revise")
    services.report_update(
        report=report,
        actor=world.focal_gh,
        expected_version=report.version,
        data={"title": "Secret correction wording"},
        objectives=[Objective.objects.get(number=23)],
    )
    listing = reverse("reviews:report-list")
    assert "Ghana published" not in client.get(listing + "?q=Secret").content.decode()
    assert "Ghana published" in client.get(listing + "?q=Ghana+published").content.decode()
    assert "Ghana published" not in client.get(listing + "?objective=23").content.decode()
    assert "Ghana published" in client.get(listing + "?objective=1").content.decode()
    api = client.get("/api/v1/voluntary-reports/?q=Secret").json()
    assert api["count"] == 0
    client.force_login(world.focal_mx)
    assert client.get("/api/v1/voluntary-reports/?q=Secret").json()["count"] == 0


def test_published_documents_cannot_be_removed_during_a_correction(world):
    from django.core.exceptions import ValidationError

    from tests.factories.reviews import pdf_upload

    report = make_report(world.focal_gh, "GH", title="With document")
    document = services.report_document_add(report=report, actor=world.focal_gh, upload=pdf_upload(), language="en")
    report = move(move(report, world.focal_gh, "submit"), world.staff, "publish")
    report = move(report, world.focal_gh, "revise")
    with pytest.raises(ValidationError, match="belongs to the published version"):
        services.report_document_remove(document=document, actor=world.focal_gh)
    assert report.documents.count() == 1


def test_a_published_report_keeps_its_review(world):
    from django.core.exceptions import ValidationError

    report = move(world.published_gh, world.focal_gh, "revise")
    other = RegionalReview.objects.get(code="2020-2021-eca")
    with pytest.raises(ValidationError, match="stays attached"):
        services.report_update(
            report=report, actor=world.focal_gh, expected_version=report.version, data={"review": other}
        )


def test_review_page_shows_the_published_title_of_a_report_under_correction(client, world):
    report = move(world.published_gh, world.focal_gh, "revise")
    services.report_update(
        report=report, actor=world.focal_gh, expected_version=report.version, data={"title": "Secret draft title"}
    )
    body = client.get(eca_review().get_absolute_url()).content.decode()
    assert "Ghana published" in body and "Secret draft title" not in body
    export = downloaded(client.get(reverse("reviews:report-export")))
    assert "Secret draft title" not in export


def test_authors_hear_of_curation_decisions_and_staff_comments_are_audited(world):
    from gcm_portal.core.models import AuditEntry

    member = UserFactory()
    contribution = services.contribution_submit(actor=member, title="View", body="Text", report=world.published_gh)
    services.contribution_curate(contribution=contribution, actor=world.staff, action="decline", comment="Off topic")
    notice = Notification.objects.get(recipient=member, event="curation_decided")
    assert "Not published" in notice.title and "Off topic" in notice.body
    services.report_comment_add(report=world.submitted_gh, actor=world.staff, body="Looks good so far.")
    assert AuditEntry.objects.filter(action="comment", comment="Looks good so far.").exists()


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, world):
    notice = Notification.objects.filter(recipient=world.focal_gh).first()
    client.force_login(world.focal_gh)
    response = client.get(reverse("notification-open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == notice.url
    notice.refresh_from_db()
    assert notice.read_at is not None
    client.force_login(world.staff)
    assert client.get(reverse("notification-open", args=[notice.pk])).status_code == 404


def test_withdrawing_a_correction_draft_keeps_the_published_version_public(world):
    report = move(world.published_gh, world.focal_gh, "revise")
    report = move(report, world.focal_gh, "withdraw")
    assert report.status == "withdrawn" and report.public_version is not None
    assert VoluntaryReport.objects.visible_to(AnonymousUser()).filter(pk=report.pk).exists()


def test_a_reupload_of_a_published_file_stays_private_during_a_correction(client, world):
    from tests.factories.reviews import pdf_upload

    report = make_report(world.focal_gh, "GH", title="Docs")
    services.report_document_add(report=report, actor=world.focal_gh, upload=pdf_upload("public.pdf"), language="en")
    report = move(move(report, world.focal_gh, "submit"), world.staff, "publish")
    report = move(report, world.focal_gh, "revise")
    copy = services.report_document_add(
        report=report, actor=world.focal_gh, upload=pdf_upload("secret-copy.pdf"), language="es"
    )
    assert client.get(copy.get_absolute_url()).status_code == 404
    assert "secret-copy.pdf" not in client.get(report.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/reviews/reports/?year=0",
        "/reviews/reports/?year=99999999999999999999",
        "/reviews/reports/export.csv?year=0",
        "/api/v1/voluntary-reports/?year=10000",
        "/api/v1/stakeholder-contributions/?report=9223372036854775808",
        "/reviews/contributions/new/?report=%C2%B2",
    ],
)
def test_out_of_range_input_is_a_clear_answer_not_a_server_error(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code in (200, 400, 404)


def test_an_edit_sent_after_a_colleague_submitted_keeps_the_typed_text(client):
    fp = focal_point("GH")
    report = make_report(fp, "GH")
    form = {
        "version": report.version,
        "title": report.title,
        "review": eca_review().pk,
        "languages": ["en"],
        "review_process": "",
        "policy_framework": "",
        "national_plan": "",
        "means_of_implementation": "",
        "next_steps": "A paragraph typed while a colleague submitted",
        "progress-TOTAL_FORMS": "0",
        "progress-INITIAL_FORMS": "0",
    }
    move(report, focal_point("GH"), "submit")
    client.force_login(fp)
    response = client.post(reverse("reviews:report-edit", args=[report.pk]), form)
    assert response.status_code == 409
    body = response.content.decode()
    assert "cannot be edited in its current state" in body
    assert "A paragraph typed while a colleague submitted" in body
    report.refresh_from_db()
    assert report.next_steps == "" and report.status == "submitted"


@pytest.mark.postgres
def test_the_public_list_reads_the_index_of_published_reports_in_their_order(world):
    """The index holds published reports only, newest first: the list's first page reads 50 index
    entries, not every unpublished report first (they have no date, and sort first)."""
    from reviews.selectors import public_report_rows

    page = public_report_rows(AnonymousUser()).order_by("-published_at", "-pk")[:50]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test database is too small to need an index
        cursor.execute("SET LOCAL enable_sort = off")
        plan = page.explain()
    assert "Index Scan using report_published_order" in plan, plan
    assert "IS NOT NULL" not in plan, plan  # the index holds only published reports: nothing to filter out
