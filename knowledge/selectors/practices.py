"""Reads of practices, calls, themes and peer review. Every list starts from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from gcm_portal import permissions as roles

from .. import permissions
from ..choices import AssignmentStatus, OrganisationType
from ..models import CallForPractices, Expert, Practice, ReviewAssignment, Theme, ThemeResponse
from ..workflow import PeerReview, peer_review_of

__all__ = [
    "Suggestion",
    "assignment_list",
    "call_list",
    "open_calls",
    "practice_detail",
    "practice_list",
    "practices_for_call",
    "practices_for_theme",
    "public_peer_review",
    "reviewer_suggestions",
    "theme_detail",
]


def practice_list(user) -> QuerySet[Practice]:
    return (
        Practice.objects.visible_to(user)
        .select_related("call", "created_by")
        .prefetch_related("objectives", "countries")
    )


def practice_detail(user) -> QuerySet[Practice]:
    return (
        practice_list(user)
        .select_related("submitter_country", "call__theme")
        .prefetch_related(
            "principles",
            "contacts",
            "documents",
            Prefetch("theme_responses", queryset=ThemeResponse.objects.select_related("theme")),
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("expert__user", "expert__country"),
            ),
        )
    )


def public_peer_review(practice) -> PeerReview:
    """What the public reads of a practice's review: how many UN and external reviews, and when the
    last one came in (never who reviewed or what they recommended). Uses prefetched assignments."""
    return peer_review_of(practice, list(practice.assignments.all()))


def assignment_list(user) -> QuerySet[ReviewAssignment]:
    """Staff see every assignment; an expert only their own (anyone else: none, so a 404)."""
    queryset = ReviewAssignment.objects.select_related(
        "practice", "practice__submitter_country", "expert__user", "expert__country"
    )
    if roles.is_network_staff(user):
        return queryset
    if not roles.is_member(user):
        return queryset.none()
    return queryset.filter(expert__user=user)


def call_list(user) -> QuerySet[CallForPractices]:
    return (
        CallForPractices.objects.visible_to(user)
        .select_related("theme")
        .prefetch_related("objectives")
        .annotate(practice_count=Count("practices", filter=Q(practices__status="published")))
        .order_by("-deadline", "-pk")
    )


def open_calls(user, today) -> QuerySet[CallForPractices]:
    return call_list(user).published().filter(deadline__gte=today).order_by("deadline")


def practices_for_call(user, call) -> QuerySet[Practice]:
    return practice_list(user).published().filter(call=call)


def practices_for_theme(user, theme) -> QuerySet[Practice]:
    """Published practices that show one of the theme's responses."""
    tagged = Practice.objects.filter(theme_responses__theme=theme).values("pk")
    return practice_list(user).published().filter(pk__in=tagged).prefetch_related("theme_responses")


def theme_detail() -> QuerySet[Theme]:
    return Theme.objects.prefetch_related(
        Prefetch("responses", queryset=ThemeResponse.objects.prefetch_related("objectives")),
    )


# ---------------------------------------------------------------------------
# Reviewer suggestions
# ---------------------------------------------------------------------------


@dataclass
class Suggestion:
    """An expert who matches a practice, and how."""

    expert: Expert
    objectives: list[int] = field(default_factory=list)
    language: bool = False
    region: bool = False

    @property
    def sort_key(self):
        return (not self.region, -len(self.objectives), -self.expert.years_of_experience, self.expert.pk)


@dataclass
class Suggestions:
    un: list[Suggestion]
    external: list[Suggestion]
    excluded: list[tuple[Expert, list[str]]]


def reviewer_suggestions(practice, *, limit: int = 5) -> Suggestions:
    """Experts on the roster who match the practice: at least one of its objectives and its language,
    those from its region first, then by objectives in common and experience. Anyone with a conflict
    (see :func:`knowledge.permissions.review_conflicts`) is left out and listed with the reason, and
    so is anyone already asked to review it. A fixed number of queries whatever the roster's size."""
    objectives = {o.number for o in practice.objectives.all()}
    regions = {c.region_id for c in practice.countries.all() if c.region_id}
    already = set(ReviewAssignment.objects.filter(practice=practice).values_list("expert_id", flat=True))
    experts = (
        Expert.objects.approved()
        .filter(user__is_active=True)
        .exclude(pk__in=already)
        .select_related("user", "country", "region", "un_entity")
        .prefetch_related("objectives")
    )
    un, external, excluded = [], [], []
    for expert in experts:
        reasons = permissions.review_conflicts(expert, practice)
        if reasons:
            excluded.append((expert, reasons))
            continue
        common = sorted(objectives & {o.number for o in expert.objectives.all()})
        language = practice.language in (expert.languages or [])
        if not common or not language:
            continue
        suggestion = Suggestion(expert, common, language, expert.region_id in regions)
        (un if expert.organisation_type == OrganisationType.UN else external).append(suggestion)
    un.sort(key=lambda s: s.sort_key)
    external.sort(key=lambda s: s.sort_key)
    return Suggestions(un=un[:limit], external=external[:limit], excluded=excluded)


def assignable_experts(practice) -> QuerySet[Expert]:
    """Every approved expert staff may still ask (conflicts are refused by the service with a reason)."""
    already = ReviewAssignment.objects.filter(practice=practice).values("expert_id")
    return Expert.objects.approved().exclude(pk__in=already).select_related("user").order_by("user__full_name")


def assignments_waiting(user) -> QuerySet[ReviewAssignment]:
    return assignment_list(user).filter(status__in=[AssignmentStatus.ASSIGNED, AssignmentStatus.CLEARED])
