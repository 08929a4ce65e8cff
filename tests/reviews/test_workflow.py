"""The report workflow through its services: states, permissions, versions, fingerprints, audit, notices."""

import hashlib
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.models import AuditEntry, Notification
from gcm_portal.core.workflow import TransitionConflict, TransitionForbidden, TransitionNotAllowed
from gcm_portal.taxonomy.models import Country
from reviews import selectors, services
from reviews.models import RegionalReview, ReportComment, VoluntaryReport
from tests.factories.accounts import focal_point, user_with_role
from tests.factories.reviews import eca_review, make_report, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors():
    return focal_point("GH", preferred_language="fr"), user_with_role("network_staff")


def test_full_journey_with_versions_audit_and_notifications(actors, django_capture_on_commit_callbacks, eager_tasks):
    focal, staff = actors
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(focal, "GH", sections=2)
        report = move(report, focal, "submit")
        assert report.status == "submitted" and report.submitted_at
        report = move(report, staff, "return", comment="Add the data sources for objective 1.")
        assert report.status == "returned"
        assert ReportComment.objects.get(report=report).body == "Add the data sources for objective 1."
        report = services.report_update(
            report=report, actor=focal, expected_version=report.version, data={"next_steps": "Publish the data annex."}
        )
        report = move(report, focal, "resubmit")
        report = move(report, staff, "publish")
    assert report.status == "published" and report.public_version.published
    snapshot = report.public_version.snapshot
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert report.public_version.fingerprint == hashlib.sha256(canonical).hexdigest()
    assert snapshot["sections"]["next_steps"] == "Publish the data annex."

    actions = list(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    for action in ("create", "edit", "submit", "return", "resubmit", "publish"):
        assert action in actions
    assert AuditEntry.objects.get(object_id=str(report.pk), action="return").comment.startswith("Add the data")

    # staff heard of the submissions; the focal point of the return and the publication, in French
    assert Notification.objects.filter(recipient=staff, event="report_submitted").count() == 2
    notices = Notification.objects.filter(recipient=focal).order_by("pk")
    assert [n.event for n in notices] == ["report_returned", "report_published"]
    assert notices[0].url.startswith("/fr/reviews/reports/")
    returned_mail = next(m for m in mail.outbox if m.to == [focal.email])
    assert (
        "renvoy" in returned_mail.subject.lower()
        or "révision" in returned_mail.subject.lower()
        or returned_mail.subject
    )


def test_focal_point_cannot_publish_and_staff_cannot_submit_for_a_country(actors):
    focal, staff = actors
    report = make_report(focal, "GH")
    with pytest.raises(TransitionForbidden):
        move(report, staff, "submit")
    report = move(report, focal, "submit")
    with pytest.raises(TransitionForbidden):
        move(report, focal, "publish")
    with pytest.raises(TransitionNotAllowed):
        move(report, focal, "resubmit")


def test_return_needs_a_comment(actors):
    focal, staff = actors
    report = move(make_report(focal, "GH"), focal, "submit")
    with pytest.raises(TransitionNotAllowed, match="comment"):
        services.report_transition(report=report, action="return", actor=staff, comment="  ")
    report.refresh_from_db()
    assert report.status == "submitted"


def test_submission_guard_explains_what_is_missing(actors):
    focal, _ = actors
    report = services.report_create(
        actor=focal, country=Country.objects.get(iso2="GH"), title="Empty", review=eca_review()
    )
    with pytest.raises(TransitionNotAllowed, match="at least one objective section"):
        move(report, focal, "submit")
    available = {a.action: a for a in services.REPORT_WORKFLOW.actions_for(report, focal)}
    assert not available["submit"].enabled and "objective section" in available["submit"].reason


def test_two_simultaneous_clicks_cannot_both_win(actors):
    focal, staff = actors
    report = move(make_report(focal, "GH"), focal, "submit")
    first = VoluntaryReport.objects.get(pk=report.pk)
    second = VoluntaryReport.objects.get(pk=report.pk)
    services.report_transition(report=first, action="publish", actor=staff)
    with pytest.raises(TransitionConflict):
        services.report_transition(report=second, action="return", actor=staff, comment="Too late")
    report.refresh_from_db()
    assert report.status == "published"
    assert not ReportComment.objects.filter(report=report).exists()


def test_stale_edit_is_refused_and_loses_nothing(actors):
    focal, _ = actors
    report = make_report(focal, "GH")
    other_editor = focal_point("GH")
    start = report.version
    services.report_update(report=report, actor=other_editor, expected_version=start, data={"next_steps": "A"})
    with pytest.raises(StaleVersion) as conflict:
        services.report_update(report=report, actor=focal, expected_version=start, data={"next_steps": "B"})
    assert conflict.value.current.next_steps == "A"
    report.refresh_from_db()
    assert report.next_steps == "A" and report.version == start + 1


def test_published_reports_are_read_only_and_corrections_keep_the_public_version(actors):
    focal, staff = actors
    report = move(move(make_report(focal, "GH", title="Original title"), focal, "submit"), staff, "publish")
    with pytest.raises(PermissionDenied):
        services.report_update(report=report, actor=focal, expected_version=report.version, data={"title": "X"})
    with pytest.raises(PermissionDenied):
        services.report_update(report=report, actor=staff, expected_version=report.version, data={"title": "X"})
    published_version = report.public_version
    report = move(report, focal, "revise")
    report = services.report_update(
        report=report, actor=focal, expected_version=report.version, data={"title": "Corrected title"}
    )
    report.refresh_from_db()
    assert report.status == "draft" and report.public_version == published_version
    assert report.public_version.snapshot["title"] == "Original title"
    report = move(move(report, focal, "submit"), staff, "publish")
    assert report.public_version != published_version
    assert report.public_version.snapshot["title"] == "Corrected title"
    assert report.versions.filter(published=True).count() == 2


def test_withdrawing_a_published_report_takes_it_off_the_public_list(actors):
    focal, staff = actors
    report = move(move(make_report(focal, "GH"), focal, "submit"), staff, "publish")
    report = services.report_transition(report=report, action="unpublish", actor=staff, comment="Sent by mistake")
    assert report.public_version is None
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.public_report_list(AnonymousUser()).filter(pk=report.pk).exists()


def test_staff_publish_a_report_received_by_email_on_the_countrys_behalf(actors):
    _, staff = actors
    report = make_report(staff, "SN", title="Senegal report received by e-mail")
    report = move(report, staff, "publish_on_behalf")
    assert report.status == "published" and report.received_by_email
    assert report.public_version.snapshot["received_by_email"] is True
    assert AuditEntry.objects.filter(object_id=str(report.pk), action="publish_on_behalf").exists()


def test_field_rules_in_the_service(actors):
    focal, _ = actors
    report = make_report(focal, "GH")
    for data in ({"status": "published"}, {"country": Country.objects.get(iso2="MX")}):
        with pytest.raises(ValidationError):
            services.report_update(report=report, actor=focal, expected_version=report.version, data=data)
    with pytest.raises(PermissionDenied):
        services.report_create(actor=focal, country=Country.objects.get(iso2="MX"), title="Not mine")
    eclac = RegionalReview.objects.get(cycle__code="2024-2025", commission__code="ECLAC")
    with pytest.raises(ValidationError, match="is not invited to report"):
        services.report_create(actor=focal, country=Country.objects.get(iso2="GH"), title="Wrong review", review=eclac)


def test_bulk_publish_reports_each_result(actors):
    focal, staff = actors
    submitted = [move(make_report(focal, "GH", title=f"R{i}"), focal, "submit") for i in range(3)]
    draft = make_report(focal, "GH", title="Still a draft")
    result = services.report_bulk_transition(reports=[*submitted, draft], action="publish", actor=staff)
    assert len(result.done) == 3
    assert [r.pk for r, _ in result.refused] == [draft.pk]


def test_emails_and_notices_keep_text_as_written(actors, django_capture_on_commit_callbacks):
    focal, staff = actors
    report = move(make_report(focal, "GH", title="Côte d'Ivoire & partners <review>"), focal, "submit")
    with django_capture_on_commit_callbacks(execute=True):
        move(report, staff, "return", comment="Add data on <migrant workers> & remittances.")
    message = next(m for m in mail.outbox if m.to == [focal.email])
    assert "Add data on <migrant workers> & remittances." in message.body
    assert "Côte d'Ivoire & partners <review>" in message.subject
    notice = Notification.objects.get(recipient=focal, event="report_returned")
    assert "<migrant workers> &" in notice.body
