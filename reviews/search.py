"""How the review process's published records enter the hub's unified index (declared in ``apps.py``
with :func:`gcm_portal.core.search.register_search_document`): voluntary reports as their published
version says (with the extracted text of its documents), published pledges and stakeholder
contributions."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Prefetch
from django.utils import timezone

from gcm_portal.core.curation import CurationState
from gcm_portal.core.search import SearchDocument

from .models import Pledge, ReportDocument, StakeholderContribution, VoluntaryReport
from .snapshots import SECTION_FIELDS

__all__ = [
    "contribution_document",
    "pledge_document",
    "public_contributions",
    "public_pledges",
    "public_reports",
    "report_document",
]


def _at(day) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


def public_reports():
    return (
        VoluntaryReport.objects.filter(public_version__isnull=False)
        .select_related("public_version")
        .prefetch_related(Prefetch("documents", queryset=ReportDocument.objects.only("pk", "report_id", "text")))
    )


def report_document(report: VoluntaryReport) -> SearchDocument:
    """What the published version says, never the working copy (which may be a draft being edited)."""
    snapshot = report.public_version.snapshot
    sections = snapshot.get("sections", {})
    published_documents = {d["id"] for d in snapshot.get("documents", [])}
    progress = [
        " ".join(str(p.get(f) or "") for f in ("measures", "challenges", "support_needed"))
        for p in snapshot.get("progress", [])
    ]
    texts = [d.text for d in report.documents.all() if d.pk in published_documents and d.text]
    languages = snapshot.get("languages") or ["en"]
    return SearchDocument(
        title=snapshot.get("title") or report.title,
        url=report.get_absolute_url(),
        summary=sections.get(SECTION_FIELDS[0], "")[:2000],
        body="\n".join([*(sections.get(name, "") for name in SECTION_FIELDS), *progress, *texts]),
        language=languages[0],
        countries=[snapshot["country"]["iso2"]],
        objectives=snapshot.get("objectives", []),
        principles=snapshot.get("principles", []),
        published_at=report.published_at,
    )


def public_pledges():
    return Pledge.objects.filter(curation=CurationState.PUBLISHED).prefetch_related(
        "countries", "pledging_countries", "objectives"
    )


def pledge_document(pledge: Pledge) -> SearchDocument:
    countries = {c.iso2 for c in pledge.countries.all()} | {c.iso2 for c in pledge.pledging_countries.all()}
    return SearchDocument(
        title=pledge.title,
        url=pledge.get_absolute_url(),
        summary=pledge.submitting_entity,
        body="\n".join([pledge.description, pledge.partners, pledge.region]),
        countries=countries,
        objectives=[o.number for o in pledge.objectives.all()],
        published_at=_at(pledge.pledged_on),
    )


def public_contributions():
    return (
        StakeholderContribution.objects.filter(curation=CurationState.PUBLISHED)
        .select_related("report__country", "review", "forum")
        .prefetch_related("objectives")
    )


def contribution_document(contribution: StakeholderContribution) -> SearchDocument:
    return SearchDocument(
        title=contribution.title,
        url=contribution.get_absolute_url(),
        summary=contribution.organisation,
        body=contribution.body,
        language=contribution.language,
        countries=[contribution.report.country.iso2] if contribution.report_id else [],
        objectives=[o.number for o in contribution.objectives.all()],
        published_at=contribution.created_at,
    )
