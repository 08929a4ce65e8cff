"""Reads for reviews and reports. Every list starts from ``visible_to(user)`` and owns its joins."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from champions.models import Membership
from champions.models.membership import active_condition
from gcm_portal import permissions as roles
from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.models import Country

from . import permissions
from .choices import DocumentKind, PublicReportState, ReportStatus, ReviewStatus
from .models import (
    ForumPart,
    ObjectiveProgress,
    Pledge,
    PledgeUpdate,
    RegionalReview,
    ReportComment,
    ReportVersion,
    ReviewCycle,
    ReviewDocument,
    ReviewEvent,
    ReviewForum,
    ReviewInvitation,
    StakeholderContribution,
    VoluntaryReport,
)
from .snapshots import report_snapshot


def cycle_list() -> QuerySet[ReviewCycle]:
    return ReviewCycle.objects.select_related("forum").prefetch_related(
        Prefetch("reviews", queryset=RegionalReview.objects.select_related("commission").order_by("commission__code")),
        Prefetch("documents", queryset=ReviewDocument.objects.order_by("published_on")),
    )


def review_list() -> QuerySet[RegionalReview]:
    # Meta.ordering does not apply to a GROUP BY query: order explicitly.
    return (
        RegionalReview.objects.select_related("cycle", "cycle__forum", "commission")
        .annotate(invited_count=Count("invitations"))
        .order_by("-cycle__start_year", "commission__code", "code")
    )


def review_detail() -> QuerySet[RegionalReview]:
    return review_list().prefetch_related(
        "documents",
        Prefetch("events", queryset=ReviewEvent.objects.prefetch_related("documents")),
        Prefetch("invitations", queryset=ReviewInvitation.objects.select_related("country", "added_by")),
    )


def event_list() -> QuerySet[ReviewEvent]:
    return ReviewEvent.objects.select_related("review", "review__commission", "review__cycle").prefetch_related(
        "documents"
    )


def forum_list() -> QuerySet[ReviewForum]:
    return ReviewForum.objects.select_related("cycle").prefetch_related(
        Prefetch(
            "parts",
            queryset=ForumPart.objects.select_related("round_table").prefetch_related(
                "round_table__objectives", "documents"
            ),
        ),
        "documents",
        Prefetch("cycle__documents", queryset=ReviewDocument.objects.order_by("published_on")),
    )


@dataclass
class ForumPage:
    """Everything the Forum page brings together, each list bounded by a fixed number of queries."""

    forum: ReviewForum
    reviews: list
    reports: list
    report_count: int
    pledges: list
    pledge_count: int
    contributions: list
    contribution_count: int

    @property
    def outcome_documents(self) -> list:
        outcome = {DocumentKind.PROGRESS_DECLARATION, DocumentKind.RESOLUTION}
        return [d for d in self.forum.documents.all() if d.kind in outcome]

    @property
    def other_documents(self) -> list:
        return [d for d in self.forum.documents.all() if d not in self.outcome_documents]

    @property
    def sg_reports(self) -> list:
        return [d for d in self.forum.cycle.documents.all() if d.kind == DocumentKind.SG_REPORT]


FORUM_PAGE_ITEMS = 20


def forum_page(forum: ReviewForum, user) -> ForumPage:
    """The regional reviews that fed the Forum, the reports States submitted to them (as published), the
    pledges made for the Forum or its reviews and the stakeholder inputs to the Forum: the latest
    ``FORUM_PAGE_ITEMS`` of each long list with its total, so the page costs the same whatever the
    numbers (the full lists are one filtered link away)."""
    reviews = list(review_list().filter(cycle=forum.cycle_id).order_by("scope", "commission__code", "code"))
    reports = public_report_list(user).filter(public_version__review__cycle=forum.cycle_id)
    pledges = pledge_list(user).published().filter(Q(forum=forum) | Q(review__cycle=forum.cycle_id))
    contributions = contribution_list(user).published().filter(forum=forum)
    return ForumPage(
        forum=forum,
        reviews=reviews,
        reports=list(reports.defer(*REPORT_TEXT_FIELDS).order_by("-published_at", "-pk")[:FORUM_PAGE_ITEMS]),
        report_count=reports.count(),
        pledges=list(pledges.order_by("-pledged_on", "-pk")[:FORUM_PAGE_ITEMS]),
        pledge_count=pledges.count(),
        contributions=list(contributions[:FORUM_PAGE_ITEMS]),
        contribution_count=contributions.count(),
    )


def invited_countries(review: RegionalReview) -> QuerySet[Country]:
    return Country.objects.filter(review_invitations=review).order_by("sort_name")


# The long texts of a report, which lists never show.
REPORT_TEXT_FIELDS = ("review_process", "policy_framework", "national_plan", "means_of_implementation", "next_steps")


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


def public_report_rows(user) -> QuerySet[VoluntaryReport]:
    """The public list's rows: country, published title and review, date (no texts, no snapshot)."""
    return (
        VoluntaryReport.objects.visible_to(user)
        .filter(public_version__isnull=False)
        .select_related("country", "review__commission", "review__cycle", "public_version")
        .defer(*REPORT_TEXT_FIELDS, "public_version__snapshot")
    )


EXPORT_CHUNK = 1000


def public_report_export_rows(reports: QuerySet[VoluntaryReport]) -> Iterator[list]:
    """The export's rows of ``reports`` (published ones, filtered), in their order: plain values read
    a chunk at a time, with each chunk's objectives in one query, so memory stays flat for any number of
    reports (no model instances, no snapshots). The last value is the report's path."""
    columns = reports.values_list(
        "pk",
        "country__name",
        "country__iso2",
        "public_version__title",
        "public_version__review__title",
        "public_version__review__commission__code",
        "public_version__review__cycle__code",
        "public_version__languages",
        "published_at",
        "received_by_email",
        "public_version__fingerprint",
        "public_version_id",
    )
    chunk: list[tuple] = []
    for row in columns.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(row)
        if len(chunk) == EXPORT_CHUNK:
            yield from _export_chunk(chunk)
            chunk = []
    yield from _export_chunk(chunk)


def _export_chunk(chunk: list[tuple]) -> Iterator[list]:
    objectives: dict[int, list[int]] = {}
    through = ReportVersion.objectives.through
    for version_id, number in (
        through.objects.filter(reportversion_id__in=[row[-1] for row in chunk])
        .order_by("objective__number")
        .values_list("reportversion_id", "objective__number")
    ):
        objectives.setdefault(version_id, []).append(number)
    for pk, country, iso2, title, review, commission, cycle, languages, published_at, by_email, sha, version in chunk:
        yield [
            pk,
            country,
            iso2,
            title,
            review or "",
            commission or "",
            cycle or "",
            " ".join(languages or []),
            " ".join(str(number) for number in objectives.get(version, [])),
            published_at.date().isoformat() if published_at else "",
            "yes" if by_email else "no",
            sha,
            VoluntaryReport(pk=pk).get_absolute_url(),
        ]


def curation_queue(user) -> QuerySet[VoluntaryReport]:
    return report_list(user).exclude(status=ReportStatus.DRAFT).order_by("submitted_at", "pk")


def comments_for(report) -> QuerySet[ReportComment]:
    return report.comments.select_related("author")


def versions_for(user, report) -> QuerySet[ReportVersion]:
    versions = report.versions.select_related("created_by").order_by("-number")
    return versions if permissions.can_see_working_copy(user, report) else versions.filter(published=True)


def made_by_champion() -> Exists:
    """Whether a pledging State was a GCM Champion country on the day of the pledge: computed from the
    champions' membership periods, never ticked by hand."""
    return Exists(
        Membership.objects.filter(
            active_condition(OuterRef("pledged_on")), champion__country__pledges_made=OuterRef("pk")
        )
    )


def pledge_list(user) -> QuerySet[Pledge]:
    return (
        Pledge.objects.visible_to(user)
        .annotate(made_by_champion=made_by_champion())
        .select_related("review", "forum", "matches")
        .prefetch_related("countries", "pledging_countries", "objectives")
    )


def pledge_detail(user) -> QuerySet[Pledge]:
    """A pledge with its follow-up reports, its document, and the pledges that match it (those the
    reader may see)."""
    return pledge_list(user).prefetch_related(
        "documents",
        Prefetch("updates", queryset=PledgeUpdate.objects.order_by("-reported_on", "-pk")),
        Prefetch(
            "matched_by", queryset=Pledge.objects.visible_to(user).order_by("pledged_on", "pk"), to_attr="matching"
        ),
    )


def matched_pledge_visible_to(user, pledge: Pledge) -> Pledge | None:
    """The pledge this one cites, if the reader may see it."""
    if pledge.matches_id is None:
        return None
    return Pledge.objects.visible_to(user).filter(pk=pledge.matches_id).first()


def pledge_by_reference(user, reference: str) -> Pledge | None:
    return Pledge.objects.visible_to(user).filter(reference__iexact=reference.strip()).first()


def pending_pledges(user) -> QuerySet[Pledge]:
    return pledge_list(user).filter(curation=CurationState.PENDING)


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
    invitation: ReviewInvitation | None = None

    @property
    def state_label(self):
        return PublicReportState(self.state).label


def review_participants(review: RegionalReview, user) -> list[Participant]:
    """Every State invited to report to the review with the public state of its report.

    The state of a draft is public (so anyone sees who is reporting); the draft itself is not: a
    report is linked only when the user may see it. Three queries whatever the number of States."""
    members = ReviewInvitation.objects.filter(review=review).select_related("country").order_by("country__sort_name")
    rank = {state: i for i, state in enumerate(PublicReportState.values)}
    reports: dict[int, VoluntaryReport] = {}
    for report in VoluntaryReport.objects.filter(review=review).select_related("public_version").order_by("updated_at"):
        best = reports.get(report.country_id)
        if best is None or rank[public_state(report)] >= rank[public_state(best)]:
            reports[report.country_id] = report
    visible = set(VoluntaryReport.objects.visible_to(user).filter(review=review).values_list("pk", flat=True))
    working = set(roles.country_ids_represented(user)) if not roles.is_network_staff(user) else None
    participants = []
    for invitation in members:
        report = reports.get(invitation.country_id)
        shown = report if report and report.pk in visible else None
        title = ""
        if shown is not None:
            # Others read the published title; the country's focal points and staff the working one.
            sees_working = working is None or shown.country_id in working
            title = shown.title if sees_working or not shown.public_version else shown.public_version.title
        participants.append(Participant(invitation.country, public_state(report), shown, title, invitation))
    return participants


def participation_counts(participants: list[Participant]) -> dict[str, int]:
    counts = dict.fromkeys(PublicReportState.values, 0)
    for p in participants:
        counts[p.state] += 1
    return counts


def country_dashboard(country: Country) -> dict:
    """A focal point's view of one country: open reviews with deadlines (and whether a report is on its
    way) and the country's reports by state."""
    reviews = (
        RegionalReview.objects.filter(
            invitations__country=country, status__in=[ReviewStatus.PLANNED, ReviewStatus.OPEN]
        )
        .select_related("commission", "cycle")
        .order_by("submission_deadline")
    )
    reports = list(VoluntaryReport.objects.filter(country=country).select_related("review").order_by("-updated_at"))
    reported = {r.review_id for r in reports if r.status != ReportStatus.WITHDRAWN}
    return {
        "reviews": [{"review": review, "has_report": review.pk in reported} for review in reviews],
        "reports": reports,
    }


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
        "pledges": Pledge.objects.pending().count(),
        "contributions": StakeholderContribution.objects.pending().count(),
    }


def reports_for_country(user, country) -> QuerySet[VoluntaryReport]:
    return public_report_list(user).filter(country=country)


def pledges_for_country(user, country) -> QuerySet[Pledge]:
    """Published pledges the country makes or that are carried out in it."""
    ids = Pledge.objects.published().filter(Q(countries=country) | Q(pledging_countries=country)).values("pk")
    return pledge_list(user).filter(pk__in=ids, curation=CurationState.PUBLISHED)


def public_figures() -> dict[str, int]:
    return {
        "reviews": RegionalReview.objects.count(),
        "reports": VoluntaryReport.objects.filter(public_version__isnull=False).count(),
        "pledges": Pledge.objects.published().count(),
    }


def documents_visible_to(user, report: VoluntaryReport) -> list:
    """The report's documents a reader may see: all of them for the working copy's readers, otherwise
    those of the published version. Uses the report's prefetched documents."""
    documents = list(report.documents.all())
    if permissions.can_see_working_copy(user, report):
        return documents
    if report.public_version is None:
        return []
    published = {d["id"] for d in report.public_version.snapshot["documents"]}
    return [d for d in documents if d.pk in published]


def states_without_submission(review: RegionalReview) -> QuerySet[Country]:
    """States invited to report to the review that have not submitted a report to it."""
    done = (
        VoluntaryReport.objects.filter(review=review)
        .exclude(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.WITHDRAWN])
        .values("country_id")
    )
    return invited_countries(review).exclude(pk__in=done)


# ---------------------------------------------------------------------------
# What a reader reads of one report (pages and API alike)
# ---------------------------------------------------------------------------


@dataclass
class ReportReading:
    """A report as one reader may read it: the working copy (the country's focal points and staff) or,
    for everyone else, the published version, even while a correction is being drafted."""

    report: VoluntaryReport
    working: bool
    snapshot: dict
    status: str
    version: int
    updated_at: datetime
    submitted_at: datetime | None
    documents: list
    comments: list = field(default_factory=list)

    @property
    def published(self) -> ReportVersion | None:
        return self.report.public_version


def _live_summary(report: VoluntaryReport) -> dict:
    """The list-level part of a live report (no sections, progress or documents)."""
    return {
        "country": {"iso2": report.country.iso2, "name": report.country.name},
        "review": {"id": report.review_id, "title": report.review.title} if report.review_id else None,
        "title": report.title,
        "languages": list(report.languages or []),
        "objectives": sorted(o.number for o in report.objectives.all()),
        "received_by_email": report.received_by_email,
    }


def report_reading(report: VoluntaryReport, user, *, detail: bool = True) -> ReportReading:
    """``report`` from :func:`report_detail` (or :func:`report_list` when not ``detail``: then the live
    record gives only its list-level fields). Nothing more is queried for the published version."""
    working = permissions.can_see_working_copy(user, report)
    if working:
        return ReportReading(
            report=report,
            working=True,
            snapshot=report_snapshot(report) if detail else _live_summary(report),
            status=report.status,
            version=report.version,
            updated_at=report.updated_at,
            submitted_at=report.submitted_at,
            documents=documents_visible_to(user, report) if detail else [],
            comments=list(comments_for(report)) if detail else [],
        )
    published = report.public_version
    return ReportReading(
        report=report,
        working=False,
        snapshot=published.snapshot,
        status=ReportStatus.PUBLISHED,
        # Readers of the published version see its number, not the working copy's edit counter.
        version=published.number,
        updated_at=published.created_at,
        submitted_at=None,
        documents=documents_visible_to(user, report) if detail else [],
    )
