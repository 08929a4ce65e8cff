"""Reports in every state, built through the real services (never by writing status fields)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.taxonomy.models import Country, Objective
from reviews import services
from reviews.models import RegionalReview, VoluntaryReport
from tests.factories.accounts import focal_point, user_with_role


def make_pdf(text: str = "Demonstration report text") -> bytes:
    """A valid one-page PDF (with a cross-reference table) whose text pypdf can extract."""
    stream = f"BT /F1 18 Tf 20 60 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_BYTES = make_pdf()


def pdf_upload(name: str = "report.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def eca_review() -> RegionalReview:
    return RegionalReview.objects.get(cycle__code="2024-2025", commission__code="ECA")


def eclac_review() -> RegionalReview:
    return RegionalReview.objects.get(cycle__code="2024-2025", commission__code="ECLAC")


def make_report(
    actor, country: str = "GH", review: RegionalReview | None = None, title: str | None = None, sections: int = 1
) -> VoluntaryReport:
    country_obj = Country.objects.get(iso2=country)
    if review is None:
        review = eclac_review() if country in ("MX", "CL", "BR") else eca_review()
    report = services.report_create(
        actor=actor,
        country=country_obj,
        review=review,
        title=title or f"{country_obj.name} voluntary GCM review",
        languages=["en"],
    )
    progress = [
        {
            "objective": Objective.objects.get(number=n),
            "status": "in_progress",
            "measures": f"Measures for {n}",
            "challenges": "",
            "support_needed": "",
        }
        for n in range(1, sections + 1)
    ]
    return services.report_update(
        report=report,
        actor=actor,
        expected_version=report.version,
        data={"review_process": "Consulted ministries and civil society."},
        progress=progress,
    )


def move(report, actor, *actions, comment: str = "Please add data sources.") -> VoluntaryReport:
    for action in actions:
        report = services.report_transition(report=report, action=action, actor=actor, comment=comment)
    return report


@dataclass
class World:
    focal_gh: object
    focal_mx: object
    staff: object
    draft_gh: VoluntaryReport
    submitted_gh: VoluntaryReport
    returned_gh: VoluntaryReport
    published_gh: VoluntaryReport
    draft_mx: VoluntaryReport
    published_mx: VoluntaryReport


def build_world(focal_gh=None) -> World:
    """GH has a report in each state; MX a draft and a published one. Actors: GH and MX focal points, staff."""
    focal_gh = focal_gh or focal_point("GH")
    focal_mx = focal_point("MX")
    staff = user_with_role("network_staff")
    draft_gh = make_report(focal_gh, "GH", title="Ghana draft")
    submitted_gh = move(make_report(focal_gh, "GH", title="Ghana submitted"), focal_gh, "submit")
    returned_gh = move(make_report(focal_gh, "GH", title="Ghana returned"), focal_gh, "submit")
    returned_gh = move(returned_gh, staff, "return")
    published_gh = move(make_report(focal_gh, "GH", title="Ghana published"), focal_gh, "submit")
    published_gh = move(published_gh, staff, "publish")
    services.report_document_add(report=draft_gh, actor=focal_gh, upload=pdf_upload(), language="en")
    draft_mx = make_report(focal_mx, "MX", title="Mexico draft")
    published_mx = move(make_report(focal_mx, "MX", title="Mexico published"), focal_mx, "submit")
    published_mx = move(published_mx, staff, "publish")
    return World(focal_gh, focal_mx, staff, draft_gh, submitted_gh, returned_gh, published_gh, draft_mx, published_mx)
