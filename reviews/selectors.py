"""Reads for reviews and reports. Every list starts from ``visible_to(user)`` and owns its joins."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions as roles
from gcm_portal.taxonomy.models import CommissionMembership, Country

from .choices import Curation, PublicReportState, ReportStatus, ReviewStatus
from .models import (
    ObjectiveProgress,
    Pledge,
    RegionalReview,
    ReportComment,
    ReportVersion,
    ReviewCycle,
    StakeholderContribution,
    VoluntaryReport,
)


def cycle_list() -> QuerySet[ReviewCycle]:
    return ReviewCycle.objects.prefetch_related(
        Prefetch("reviews", queryset=RegionalReview.objects.select_related("commission").order_by("commission__code"))
    )


def review_list() -> QuerySet[RegionalReview]:
    return RegionalReview.objects.select_related("cycle", "commission")


def review_detail() -> QuerySet[RegionalReview]:
    return review_list().prefetch_related("documents")


def report_list(user) -> QuerySet[VoluntaryReport]:
    return (
        VoluntaryReport.objects.visible_to(user)
        .select_related("country", "review", "review__commission", "review__cycle", "public_version")
        .prefetch_related("objectives")
    )


def report_detail(user) -> QuerySet[VoluntaryReport]:
    return report_list(user).prefetch_related(
        "principles",
        "documents",
        Prefetch("progress", queryset=ObjectiveProgress.objects.select_related("objective")),
    )


def public_report_list(user) -> QuerySet[VoluntaryReport]:
    """Reports with a published version (what the public list and export show)."""
    return (
        report_list(user)
        .filter(public_version__isnull=False)
        .select_related("public_version__review__commission", "public_version__review__cycle")
        .prefetch_related("public_version__objectives")
    )


def curation_queue(user) -> QuerySet[VoluntaryReport]:
    return report_list(user).exclude(status=ReportStatus.DRAFT).order_by("submitted_at", "pk")


def comments_for(report) -> QuerySet[ReportComment]:
    return report.comments.select_related("author")


def versions_for(user, report) -> QuerySet[ReportVersion]:
    from .permissions import can_see_working_copy

    versions = report.versions.select_related("created_by").order_by("-number")
    return versions if can_see_working_copy(user, report) else versions.filter(published=True)


def pledge_list(user) -> QuerySet[Pledge]:
    return Pledge.objects.visible_to(user).select_related("review").prefetch_related("countries", "objectives")


def contribution_list(user) -> QuerySet[StakeholderContribution]:
    return (
        StakeholderContribution.objects.visible_to(user)
        .select_related("review", "report", "report__country")
        .prefetch_related("objectives")
    )


def public_state(report: VoluntaryReport | None) -> str:
    if report is None:
        return PublicReportState.NOT_STARTED
    if report.public_version_id:
        return PublicReportState.PUBLISHED
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED):
        return PublicReportState.SUBMITTED
    if report.status == ReportStatus.WITHDRAWN:
        return PublicReportState.NOT_STARTED
    return PublicReportState.IN_PREPARATION


@dataclass
class Participant:
    country: Country
    state: str
    report: VoluntaryReport | None
    title: str = ""

    @property
    def state_label(self):
        return PublicReportState(self.state).label


def review_participants(review: RegionalReview, user) -> list[Participant]:
    """Every member State of the review's commission with the public state of its report.

    The state of a draft is public (so anyone sees who is reporting); the draft itself is not: a
    report is linked only when the user may see it. Two queries whatever the number of States."""
    members = (
        CommissionMembership.objects.filter(commission_id=review.commission_id, kind="member")
        .select_related("country")
        .order_by("country__sort_name")
    )
    rank = {state: i for i, state in enumerate(PublicReportState.values)}
    reports: dict[int, VoluntaryReport] = {}
    for report in VoluntaryReport.objects.filter(review=review).select_related("public_version").order_by("updated_at"):
        best = reports.get(report.country_id)
        if best is None or rank[public_state(report)] >= rank[public_state(best)]:
            reports[report.country_id] = report
    visible = set(VoluntaryReport.objects.visible_to(user).filter(review=review).values_list("pk", flat=True))
    working = set(roles.country_ids_represented(user)) if not roles.is_network_staff(user) else None
    participants = []
    for membership in members:
        report = reports.get(membership.country_id)
        shown = report if report and report.pk in visible else None
        title = ""
        if shown is not None:
            # Others read the published title; the country's focal points and staff the working one.
            sees_working = working is None or shown.country_id in working
            title = shown.title if sees_working or not shown.public_version else shown.public_version.title
        participants.append(Participant(membership.country, public_state(report), shown, title))
    return participants


def participation_counts(participants: list[Participant]) -> dict[str, int]:
    counts = dict.fromkeys(PublicReportState.values, 0)
    for p in participants:
        counts[p.state] += 1
    return counts


def dashboard_for(user) -> list[dict]:
    """The "my country" dashboard: per represented country, open reviews with deadlines and reports by state."""
    country_ids = roles.country_ids_represented(user)
    countries = Country.objects.filter(pk__in=country_ids).order_by("sort_name")
    reviews = (
        RegionalReview.objects.filter(
            commission__memberships__country__in=country_ids,
            status__in=[ReviewStatus.PLANNED, ReviewStatus.OPEN],
        )
        .select_related("commission", "cycle")
        .distinct()
        .order_by("submission_deadline")
    )
    reports = list(
        VoluntaryReport.objects.filter(country__in=country_ids)
        .select_related("review", "country")
        .order_by("-updated_at")
    )
    memberships = CommissionMembership.objects.filter(country__in=country_ids).values_list(
        "country_id", "commission_id"
    )
    commissions_of: dict[int, set[int]] = {}
    for country_id, commission_id in memberships:
        commissions_of.setdefault(country_id, set()).add(commission_id)
    result = []
    for country in countries:
        own_reports = [r for r in reports if r.country_id == country.pk]
        reported_reviews = {r.review_id for r in own_reports if r.status != ReportStatus.WITHDRAWN}
        result.append(
            {
                "country": country,
                "reviews": [
                    {"review": rv, "has_report": rv.pk in reported_reviews}
                    for rv in reviews
                    if rv.commission_id in commissions_of.get(country.pk, set())
                ],
                "reports": own_reports,
            }
        )
    return result


SNAPSHOT_LABELS = {
    "title": _("Title"),
    "languages": _("Languages"),
    "review_process": _("Review process and who was consulted"),
    "policy_framework": _("Policy and institutional framework"),
    "national_plan": _("National implementation plan"),
    "means_of_implementation": _("Means of implementation"),
    "next_steps": _("Next steps"),
    "objectives": _("Objectives"),
    "principles": _("Guiding principles"),
    "progress": _("Progress per objective"),
    "documents": _("Documents"),
}


def _lines(snapshot: dict, key: str) -> list[str]:
    if key in snapshot.get("sections", {}):
        return (snapshot["sections"][key] or "").splitlines()
    value = snapshot.get(key)
    if key == "progress":
        lines = []
        for p in value or []:
            lines.append(f"[{p['objective']}] {p['status']}")
            lines.extend(
                f"  {f}: {line}"
                for f in ("measures", "challenges", "support_needed")
                for line in (p.get(f) or "").splitlines()
            )
        return lines
    if key == "documents":
        return [f"{d['name']} ({d['language']}) {d['sha256'][:12]}" for d in value or []]
    if isinstance(value, list):
        return [", ".join(str(v) for v in value)]
    return [str(value or "")]


def version_diff(old: ReportVersion, new: ReportVersion) -> list[dict]:
    """Per field that changed, the lines removed and added (a readable, line-based diff)."""
    changes = []
    for key, label in SNAPSHOT_LABELS.items():
        a, b = _lines(old.snapshot, key), _lines(new.snapshot, key)
        if a == b:
            continue
        ops = []
        for line in difflib.ndiff(a, b):
            tag, text = line[:1], line[2:]
            if tag in ("+", "-") and not text.strip():
                continue  # an empty field gaining or losing text: the other side says it all
            if tag in ("+", "-", " "):
                ops.append({"op": {"+": "add", "-": "remove", " ": "same"}[tag], "text": text})
        changes.append({"field": key, "label": label, "lines": ops})
    return changes


def staff_pending_counts() -> dict[str, int]:
    return {
        "reports": VoluntaryReport.objects.filter(
            status__in=[ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED]
        ).count(),
        "pledges": Pledge.objects.filter(curation=Curation.PENDING).count(),
        "contributions": StakeholderContribution.objects.filter(curation=Curation.PENDING).count(),
    }


def reports_for_country(user, country) -> QuerySet[VoluntaryReport]:
    return public_report_list(user).filter(country=country)


def pledges_for_country(user, country) -> QuerySet[Pledge]:
    return pledge_list(user).filter(countries=country, curation=Curation.PUBLISHED)


def public_figures() -> dict[str, int]:
    return {
        "reviews": RegionalReview.objects.count(),
        "reports": VoluntaryReport.objects.filter(public_version__isnull=False).count(),
        "pledges": Pledge.objects.filter(curation=Curation.PUBLISHED).count(),
    }


def documents_visible_to(user, report: VoluntaryReport) -> list:
    """The report's documents a reader may see: all of them for the working copy's readers, otherwise
    those of the published version (matched by SHA-256). Uses the report's prefetched documents."""
    from .permissions import can_see_working_copy

    documents = list(report.documents.all())
    if can_see_working_copy(user, report):
        return documents
    if report.public_version is None:
        return []
    published = {d["id"] for d in report.public_version.snapshot["documents"]}
    return [d for d in documents if d.pk in published]
