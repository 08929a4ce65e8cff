"""The reviews demo content: reports in every state across several countries, built through the services,
and a second load that changes nothing."""

import io
import re

import pytest
from django.http import HttpRequest
from django.utils import timezone

from gcm_portal.core.audit import AuditEntry
from gcm_portal.core.curation import CurationState as Curation
from gcm_portal.core.demo import load_demo_data
from gcm_portal.core.files import FILE_KINDS
from gcm_portal.core.samples import sample_docx, sample_pdf
from reviews.choices import PledgeStatus, ReportStatus, ReviewStatus
from reviews.demo import load_reviews_demo
from reviews.models import (
    ObjectiveProgress,
    Pledge,
    RegionalReview,
    ReportComment,
    ReportDocument,
    ReportVersion,
    StakeholderContribution,
    VoluntaryReport,
)
from tests.module_records import demo_content

pytestmark = pytest.mark.django_db


demo = demo_content(load_reviews_demo)


def _counts():
    return {
        "reports": VoluntaryReport.objects.count(),
        "versions": ReportVersion.objects.count(),
        "progress": ObjectiveProgress.objects.count(),
        "documents": ReportDocument.objects.count(),
        "comments": ReportComment.objects.count(),
        "pledges": Pledge.objects.count(),
        "contributions": StakeholderContribution.objects.count(),
        "reviews": RegionalReview.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_generated_documents_are_readable():
    pdf = sample_pdf(["Demonstration report", "Maroc (données de démonstration)"])
    assert pdf.startswith(b"%PDF-")
    assert "Demonstration report" in FILE_KINDS["pdf"].extract(io.BytesIO(pdf))
    assert "données" in FILE_KINDS["pdf"].extract(io.BytesIO(pdf))
    docx = sample_docx("Title", ["Demonstration report"])
    assert "Demonstration report" in FILE_KINDS["docx"].extract(io.BytesIO(docx))
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf), strict=True).pages) == 1


def test_reports_in_every_state_for_several_countries(demo):
    statuses = set(VoluntaryReport.objects.values_list("status", flat=True))
    assert statuses == set(ReportStatus.values)
    assert VoluntaryReport.objects.values("country").distinct().count() >= 4
    assert all("(demonstration)" in title for title in VoluntaryReport.objects.values_list("title", flat=True))
    for report in VoluntaryReport.objects.all():
        assert report.progress.count() >= 1
        assert report.versions.exists()


def test_published_reports_have_a_fingerprinted_public_version(demo):
    published = VoluntaryReport.objects.filter(public_version__isnull=False).select_related("public_version", "country")
    assert {r.country.iso2 for r in published} >= {"GH", "MX", "MA", "SN"}
    for report in published:
        assert report.public_version.published
        assert re.fullmatch(r"[0-9a-f]{64}", report.public_version.fingerprint)
    on_behalf = VoluntaryReport.objects.get(country__iso2="SN")
    assert on_behalf.received_by_email and on_behalf.status == ReportStatus.PUBLISHED


def test_correction_keeps_the_published_version_public(demo):
    report = VoluntaryReport.objects.get(
        country__iso2="MA", review__cycle__code="2024-2025", public_version__isnull=False
    )
    assert report.status == ReportStatus.DRAFT
    assert report.public_version.snapshot["sections"]["national_plan"] != report.national_plan
    assert "Correction" in report.national_plan


def test_returned_report_carries_the_staff_comment(demo):
    report = VoluntaryReport.objects.get(status=ReportStatus.RETURNED)
    assert report.country.iso2 == "MX"
    assert report.comments.filter(kind="return", author__email="staff@example.org").exists()


def test_demo_reviews_are_open_with_future_deadlines(demo):
    today = timezone.localdate()
    reviews = RegionalReview.objects.filter(cycle__code="2028-2029-demo").select_related("commission")
    assert {r.commission.code for r in reviews} == {"ECA", "ECLAC", "ESCWA"}
    for review in reviews:
        assert review.status == ReviewStatus.OPEN
        assert review.submission_deadline > today
        assert review.start_date > review.submission_deadline
        assert "(demonstration)" in review.title


def test_documents_pledges_and_contributions(demo):
    assert ReportDocument.objects.filter(original_name__endswith=".pdf").exists()
    assert ReportDocument.objects.filter(original_name__endswith=".docx").exists()
    assert 6 <= Pledge.objects.count() <= 8
    assert set(Pledge.objects.values_list("status", flat=True)) == set(PledgeStatus.values)
    assert {"member_state", "civil_society"} <= set(Pledge.objects.values_list("party_type", flat=True))
    matching = Pledge.objects.get(matches__isnull=False)
    assert matching.matches.is_global and matching.matches.curation == Curation.PUBLISHED
    assert Pledge.objects.filter(updates__isnull=False).exists()
    assert set(Pledge.objects.values_list("curation", flat=True)) == {Curation.PUBLISHED, Curation.PENDING}
    for pledge in Pledge.objects.all():
        assert 1 <= pledge.objectives.count() <= 3
    contributions = StakeholderContribution.objects.all()
    assert contributions.filter(report__isnull=False, curation=Curation.PUBLISHED).exists()
    assert contributions.filter(review__isnull=False).exists()
    assert contributions.filter(curation=Curation.PENDING).count() == 1


def test_loading_twice_creates_nothing_new(demo):
    first = _counts()
    load_demo_data()
    assert _counts() == first


def test_public_report_list_shows_the_published_reports(demo, client):
    body = client.get("/reviews/reports/").content.decode()
    published = VoluntaryReport.objects.filter(public_version__isnull=False)
    assert published.count() >= 4
    for report in published:
        assert report.public_version.snapshot["title"] in body
    for report in VoluntaryReport.objects.filter(public_version__isnull=True):
        assert report.title not in body


def test_demo_pages_render_for_each_role(demo, client):
    from gcm_portal.core.demo import DEMO_PASSWORD

    for report in VoluntaryReport.objects.filter(public_version__isnull=False):
        assert client.get(f"/reviews/reports/{report.pk}/").status_code == 200
    for review in RegionalReview.objects.filter(cycle__code__in=["2028-2029-demo", "2024-2025"]):
        assert client.get(f"/reviews/{review.pk}/").status_code == 200
    assert client.get("/reviews/pledges/").status_code == 200
    for email, url in [
        ("focal.ghana@example.org", "/my-country/"),
        ("focal.mexico@example.org", "/my-country/"),
        ("focal.morocco@example.org", "/my-country/"),
        ("staff@example.org", "/curation/"),
        ("staff@example.org", "/reviews/curation/"),
    ]:
        assert client.login(request=HttpRequest(), username=email, password=DEMO_PASSWORD)
        assert client.get(url).status_code == 200, (email, url)
        client.logout()
