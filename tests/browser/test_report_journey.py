"""The issue's journey in a real Chromium: focal point drafts and submits, staff return, the focal point
resubmits, staff publish, a visitor finds the report, downloads the PDF and sees the fingerprint."""

from __future__ import annotations

import pytest

from gcm_portal.core.demo import DEMO_PASSWORD, load_demo_data
from reviews.models import VoluntaryReport
from tests.factories.reviews import PDF_BYTES, eca_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def sign_out(page):
    with page.expect_navigation():
        page.click(".account-state form button")


def test_report_journey_from_draft_to_public(page, live_server, tmp_path):
    load_demo_data()
    review = eca_review()
    confirmations = []
    page.on("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))
    pdf = tmp_path / "ghana-report.pdf"
    pdf.write_bytes(PDF_BYTES)

    # The focal point drafts a report for the regional review from its page.
    sign_in(page, live_server, "focal.ghana@example.org")
    page.goto(live_server.url + review.get_absolute_url())
    with page.expect_navigation():
        page.click("text=Start a report for this review")
    page.fill("input[name=title]", "Ghana voluntary GCM review 2024")
    page.check("input[name=languages][value=en]")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/edit/" in page.url

    # Two objective sections.
    page.select_option("select[name=progress-0-objective]", label="6. Recruitment and decent work")
    page.select_option("select[name=progress-0-status]", "in_progress")
    page.fill("textarea[name=progress-0-measures]", "A fair recruitment law was adopted.")
    page.select_option("select[name=progress-1-objective]", label="10. Eradicate trafficking")
    page.select_option("select[name=progress-1-status]", "planned")
    page.fill("textarea[name=progress-1-measures]", "A national action plan against trafficking.")
    with page.expect_navigation():
        page.click("form.report-form button[type=submit]")
    assert "Your changes are saved." in page.content()

    # Upload the PDF, then submit.
    page.set_input_files("form.upload-form input[name=file]", str(pdf))
    page.select_option("form.upload-form select[name=language]", "en")
    with page.expect_navigation():
        page.click("form.upload-form button[type=submit]")
    assert "ghana-report.pdf" in page.inner_text("#documents")
    with page.expect_navigation():
        page.click(".workbench button:has-text('Submit to the Network')")
    assert "submitted" in page.inner_text(".workbench").lower()
    report = VoluntaryReport.objects.get(title="Ghana voluntary GCM review 2024")
    sign_out(page)

    # Staff return it with a comment.
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + report.get_absolute_url())
    page.fill('textarea[id$="-return"]', "Please add the data sources for objective 6.")
    with page.expect_navigation():
        page.click(".workbench button:has-text('Return for revision')")
    sign_out(page)

    # The focal point reads the comment, fixes the report and resubmits.
    sign_in(page, live_server, "focal.ghana@example.org")
    page.goto(live_server.url + report.get_absolute_url())
    assert "Please add the data sources for objective 6." in page.inner_text("#comments")
    with page.expect_navigation():
        page.click(".workbench >> text=Edit")
    page.fill("textarea[name=progress-0-measures]", "A fair recruitment law was adopted (source: labour ministry).")
    with page.expect_navigation():
        page.click("form.report-form button[type=submit]")
    assert "Your changes are saved." in page.content(), page.locator(
        ".error, .form-errors, .messages"
    ).all_inner_texts()
    with page.expect_navigation():
        page.click(".workbench button:has-text('Resubmit')")
    sign_out(page)

    # Staff publish.
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + report.get_absolute_url())
    with page.expect_navigation():
        page.click(".workbench button:has-text('Publish')")
    sign_out(page)

    # A visitor finds it on the review page, opens it, downloads the PDF and sees the fingerprint.
    page.goto(live_server.url + review.get_absolute_url())
    with page.expect_navigation():
        page.click("text=Ghana voluntary GCM review 2024")
    assert "source: labour ministry" in page.content()
    report.refresh_from_db()
    fingerprint = report.public_version.fingerprint
    assert page.inner_text(".fingerprint-value").strip() == fingerprint
    with page.expect_download() as download_info:
        page.click("#documents a:has-text('ghana-report.pdf')")
    download = download_info.value
    assert download.suggested_filename == "ghana-report.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF_BYTES
    assert len(confirmations) == 2, "submitting and publishing ask for confirmation first"
