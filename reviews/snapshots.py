"""What a report says at a moment: its snapshot, the versions that keep them, and the SHA-256
fingerprint of each published one.

A snapshot is everything a reader sees of a report, as plain data. Fingerprints are computed over the
snapshot serialised as JSON with sorted keys, no spaces and UTF-8, so anyone can recompute them from
the versions the API publishes.
"""

from __future__ import annotations

from django.db.models import Max

from gcm_portal.core.versions import canonical_json, fingerprint_of

from .models import ReportVersion, VoluntaryReport

__all__ = [
    "PROGRESS_FIELDS",
    "REPORT_FIELDS",
    "SECTION_FIELDS",
    "canonical_json",
    "fingerprint_of",
    "published_document_ids",
    "report_snapshot",
    "report_version_create",
]

REPORT_FIELDS = (
    "title",
    "review_process",
    "policy_framework",
    "national_plan",
    "means_of_implementation",
    "next_steps",
)
SECTION_FIELDS = REPORT_FIELDS[1:]
PROGRESS_FIELDS = ("status", "measures", "challenges", "support_needed")


def report_snapshot(report: VoluntaryReport) -> dict:
    """Everything a reader sees of the report, as plain data: what versions store and fingerprints cover."""
    return {
        "id": report.pk,
        "country": {"iso2": report.country.iso2, "name": report.country.name},
        "review": {"id": report.review_id, "title": report.review.title} if report.review_id else None,
        "title": report.title,
        "languages": list(report.languages or []),
        "sections": {name: getattr(report, name) for name in SECTION_FIELDS},
        "objectives": sorted(o.number for o in report.objectives.all()),
        "principles": sorted(p.letter for p in report.principles.all()),
        "progress": [
            {"objective": p.objective.number, **{f: getattr(p, f) for f in PROGRESS_FIELDS}}
            for p in sorted(report.progress.all(), key=lambda p: p.objective.number)
        ],
        "documents": [
            {"id": d.pk, "name": d.original_name, "language": d.language, "sha256": d.sha256, "size": d.size}
            for d in sorted(report.documents.all(), key=lambda d: d.pk)
        ],
        "received_by_email": report.received_by_email,
    }


def published_document_ids(version: ReportVersion) -> set[int]:
    return {d["id"] for d in version.snapshot["documents"]}


def report_version_create(*, report: VoluntaryReport, actor, note: str, published: bool = False) -> ReportVersion:
    """Keep the report as it stands now as its next version (published ones are what the public reads)."""
    report = (
        VoluntaryReport.objects.select_related("country", "review")
        .prefetch_related("objectives", "principles", "progress__objective", "documents")
        .get(pk=report.pk)
    )
    snapshot = report_snapshot(report)
    last = report.versions.aggregate(n=Max("number"))["n"] or 0
    version = ReportVersion.objects.create(
        report=report,
        number=last + 1,
        snapshot=snapshot,
        fingerprint=fingerprint_of(snapshot),
        published=published,
        note=note[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        title=snapshot["title"],
        review_id=report.review_id,
        languages=snapshot["languages"],
    )
    version.objectives.set(report.objectives.all())
    return version
