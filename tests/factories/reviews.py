"""Reports in every state, built through the real services (never by writing status fields)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, Objective
from reviews import services
from reviews.models import RegionalReview, VoluntaryReport
from tests.factories.accounts import UserFactory, focal_point, user_with_role

PDF_BYTES = sample_pdf()


def pdf_upload(name: str = "report.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def eca_review() -> RegionalReview:
    return RegionalReview.objects.get(code="2024-2025-eca")


def eclac_review() -> RegionalReview:
    return RegionalReview.objects.get(code="2024-2025-eclac")


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
    pending_pledge_gh: object = None
    published_pledge_gh: object = None
    pending_contribution: object = None
    published_contribution: object = None
    pledge_document: object = None
    pledge_update: object = None


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
    world = World(focal_gh, focal_mx, staff, draft_gh, submitted_gh, returned_gh, published_gh, draft_mx, published_mx)
    world.pending_pledge_gh = make_pledge(focal_gh, "Ghana pending pledge")
    world.published_pledge_gh = services.pledge_curate(
        pledge=make_pledge(focal_gh, "Ghana published pledge"), action="publish", actor=staff
    )
    world.pledge_document = attachment_add(
        attachments=services.PLEDGE_DOCUMENTS, parent=world.pending_pledge_gh, actor=focal_gh, upload=pdf_upload()
    )
    world.pledge_update = services.pledge_progress_report(
        pledge=world.published_pledge_gh, actor=focal_gh, status="in_progress", text="Under way."
    )
    author = UserFactory()
    world.pending_contribution = make_contribution(author, published_mx, "Pending view")
    world.published_contribution = services.contribution_curate(
        contribution=make_contribution(author, published_mx, "Published view"), action="publish", actor=staff
    )
    return world


PLEDGE_TEXT = (
    "We will set up a one-stop information desk for migrant workers in the capital and two border towns, "
    "train forty officials on the rights of migrant workers, and publish a yearly account of the questions "
    "received and the answers given, broken down by sex and nationality, with the help of workers' and "
    "employers' organisations."
)


def pledge_data(title: str, **data) -> dict:
    """The fields every pledge needs, for a Member State unless ``party_type`` says otherwise."""
    return {
        "party_type": "member_state",
        "submitting_entity": "Government",
        "pledge_type": "policy",
        "title": title,
        "description": PLEDGE_TEXT,
        "contact_name": "Contact Person",
        "contact_email": "contact@example.org",
        **data,
    }


def make_pledge(actor, title: str, countries=("GH",), objectives=(6,), **data):
    """A Member State pledge by ``countries``, carried out in them."""
    states = list(Country.objects.filter(iso2__in=countries))
    return services.pledge_create(
        actor=actor,
        data=pledge_data(title, **data),
        pledging_countries=states,
        countries=states,
        objectives=list(Objective.objects.filter(number__in=objectives)),
    )


def make_stakeholder_pledge(actor, title: str, objectives=(6,), matches: str = "", **data):
    """A civil-society pledge carried out globally, with a partner."""
    return services.pledge_create(
        actor=actor,
        data=pledge_data(
            title,
            **{
                "party_type": "civil_society",
                "submitting_entity": "Migrant-led network",
                "kind": "partnership",
                "partners": "A university research centre",
                "is_global": True,
                **data,
            },
        ),
        objectives=list(Objective.objects.filter(number__in=objectives)),
        matches_reference=matches,
    )


def make_contribution(actor, report, title: str):
    return services.contribution_submit(actor=actor, title=title, body="Our view.", report=report)


def downloaded(response) -> str:
    """The text of a (streamed) CSV download, without its byte-order mark."""
    return b"".join(response.streaming_content).decode("utf-8-sig")
