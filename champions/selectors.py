"""Reads of the champions app. Curated lists start from ``visible_to(user)``; every selector owns its
joins, so list pages and API lists run a fixed number of queries whatever their size.

``champion_country_ids_on`` and ``is_champion_on`` are the app's answer to "was this State a champion
on that day?" for other apps (the reviews app flags pledges made by a champion with them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from gcm_portal.core.curation import CurationState
from gcm_portal.taxonomy.models import CommissionMembership

from .choices import RequestStatus
from .models import (
    Activity,
    Champion,
    ChampionFocusArea,
    Commitment,
    CommitmentUpdate,
    Confirmation,
    Consultation,
    ConsultationResponse,
    CountStatement,
    FocusArea,
    Membership,
    MembershipFact,
    PeerLearningRequest,
    PeerPairing,
    ProfileUpdate,
)
from .models.membership import active_condition

__all__ = [
    "activity_list",
    "champion_country_ids_on",
    "champion_detail",
    "champion_list",
    "commitment_list",
    "is_champion_on",
    "membership_timeline",
    "peer_suggestions",
]


# ---------------------------------------------------------------------------
# Membership over time
# ---------------------------------------------------------------------------


def champion_country_ids_on(day: date) -> set[int]:
    """The ids of the countries that were champions on ``day`` (one query)."""
    return set(Membership.objects.filter(active_condition(day)).values_list("champion__country_id", flat=True))


def is_champion_on(country, day: date) -> bool:
    """Whether ``country`` (a Country or its id) was a champion on ``day`` (one query)."""
    country_id = getattr(country, "pk", country)
    return Membership.objects.filter(active_condition(day), champion__country_id=country_id).exists()


def _memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.order_by("starts_on").prefetch_related(
            Prefetch("facts", queryset=MembershipFact.objects.order_by("date", "pk"))
        ),
    )


def champion_list() -> QuerySet[Champion]:
    return (
        Champion.objects.select_related("country", "country__region", "country__subregion")
        .prefetch_related(
            _memberships(),
            Prefetch("focus_area_rows", queryset=ChampionFocusArea.objects.select_related("focus_area")),
            Prefetch(
                "country__commission_memberships", queryset=CommissionMembership.objects.select_related("commission")
            ),
            "priority_objectives",
            "plan_objectives",
            "co_chair_periods",
        )
        .order_by("country__sort_name")
    )


def champion_detail() -> QuerySet[Champion]:
    return champion_list()


def champion_for_country(country) -> Champion | None:
    return champion_list().filter(country=country).first()


def champion_state_for_country(country) -> Champion | None:
    """The country's champion with its membership periods only: enough to say whether it is active."""
    return Champion.objects.select_related("country").prefetch_related(_memberships()).filter(country=country).first()


def active_memberships(champion: Champion, day: date) -> list[Membership]:
    """From the prefetched memberships: the periods covering ``day``."""
    return [
        m
        for m in champion.memberships.all()
        if m.starts_on and m.starts_on <= day and (not m.left_on or m.left_on > day)
    ]


def is_active(champion: Champion, day: date | None = None) -> bool:
    return bool(active_memberships(champion, day or timezone.localdate()))


def sources_of(champion: Champion) -> list[dict]:
    """Every distinct source behind the champion's membership facts (from prefetched rows)."""
    seen, sources = set(), []
    for membership in champion.memberships.all():
        for fact in membership.facts.all():
            key = (fact.source_title, fact.source_url)
            if key not in seen and any(key):
                seen.add(key)
                sources.append(fact.source)
    return sources


@dataclass
class TimelinePoint:
    day: date
    named: int
    stated: int | None = None
    stated_wording: str = ""
    stated_source: str = ""


def membership_timeline(today: date | None = None) -> list[TimelinePoint]:
    """The number of States named as champions in sources on each date their number changes, beside the
    numbers sources state (two queries)."""
    today = today or timezone.localdate()
    changes: dict[date, int] = {}
    for starts_on, left_on in Membership.objects.exclude(starts_on=None).values_list("starts_on", "left_on"):
        changes[starts_on] = changes.get(starts_on, 0) + 1
        if left_on:
            changes[left_on] = changes.get(left_on, 0) - 1
    statements = {s.date: s for s in CountStatement.objects.all()}
    days = sorted(set(changes) | set(statements) | ({today} if changes else set()))
    points, running = [], 0
    for day in days:
        running += changes.get(day, 0)
        stated = statements.get(day)
        points.append(
            TimelinePoint(
                day,
                running,
                stated.count if stated else None,
                stated.wording if stated else "",
                stated.source_title if stated else "",
            )
        )
    return points


def count_statements() -> QuerySet[CountStatement]:
    return CountStatement.objects.all()


def focus_area_list() -> QuerySet[FocusArea]:
    return FocusArea.objects.all()


def co_chairs() -> QuerySet:
    from .models import CoChairPeriod

    return CoChairPeriod.objects.select_related("champion__country")


# ---------------------------------------------------------------------------
# Curated content
# ---------------------------------------------------------------------------


def profile_update_list(user) -> QuerySet[ProfileUpdate]:
    return (
        ProfileUpdate.objects.visible_to(user)
        .select_related("champion__country", "created_by")
        .prefetch_related("priority_objectives", "plan_objectives", "documents")
    )


def published_plan_documents(champion: Champion) -> list:
    """Plan documents of the champion's published profile updates (public)."""
    from .models import ProfileDocument

    return list(
        ProfileDocument.objects.filter(
            profile_update__champion=champion, profile_update__curation=CurationState.PUBLISHED
        ).select_related("profile_update")
    )


def commitment_list(user) -> QuerySet[Commitment]:
    return (
        Commitment.objects.visible_to(user)
        .select_related("champion__country")
        .prefetch_related(
            "objectives",
            "focus_areas",
            "evidence",
            "documents",
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-date", "-pk")),
        )
    )


def activity_list(user) -> QuerySet[Activity]:
    return (
        Activity.objects.visible_to(user)
        .prefetch_related("hosts", "champions__country", "other_states", "objectives", "documents")
        .order_by("-start_date", "-pk")
    )


def upcoming_activities(user, today: date | None = None) -> QuerySet[Activity]:
    today = today or timezone.localdate()
    return activity_list(user).published().filter(start_date__gte=today).order_by("start_date", "pk")


def confirmation_list(user) -> QuerySet[Confirmation]:
    return Confirmation.objects.visible_to(user).select_related("country", "created_by").prefetch_related("documents")


def consultation_list() -> QuerySet[Consultation]:
    return Consultation.objects.prefetch_related("documents")


def responses_for(consultation: Consultation) -> list[ConsultationResponse]:
    return list(consultation.responses.select_related("champion__country", "submitted_by"))


def side_by_side(consultation: Consultation) -> dict:
    """Questions as rows, champions as columns: what staff compare and export."""
    responses = responses_for(consultation)
    questions = consultation.question_list
    rows = []
    for index, question in enumerate(questions):
        answers = [r.answers[index] if index < len(r.answers) else "" for r in responses]
        rows.append({"number": index + 1, "question": question, "answers": answers})
    return {"questions": questions, "responses": responses, "rows": rows}


def pairing_list() -> QuerySet[PeerPairing]:
    return PeerPairing.objects.select_related("first__country", "second__country").prefetch_related("objectives")


def request_list(user) -> QuerySet[PeerLearningRequest]:
    return PeerLearningRequest.objects.visible_to(user).select_related("country", "objective", "routed_to__country")


def open_requests(user) -> QuerySet[PeerLearningRequest]:
    return request_list(user).filter(status=RequestStatus.OPEN)


@dataclass
class PeerSuggestion:
    champion: Champion
    objectives: list
    focus_areas: list

    @property
    def score(self) -> int:
        return len(self.objectives) + len(self.focus_areas)


def peer_suggestions(champion: Champion, *, limit: int = 5, day: date | None = None) -> list[PeerSuggestion]:
    """The champions (active on ``day``) whose priority objectives and focus areas overlap most with
    ``champion``'s, with the overlap. A fixed number of queries."""
    day = day or timezone.localdate()
    own_objectives = {o.pk: o for o in champion.priority_objectives.all()}
    own_areas = {row.focus_area_id: row.focus_area for row in champion.focus_area_rows.all()}
    suggestions = []
    for other in champion_list().active_on(day).exclude(pk=champion.pk):
        objectives = [o for o in other.priority_objectives.all() if o.pk in own_objectives]
        areas = [row.focus_area for row in other.focus_area_rows.all() if row.focus_area_id in own_areas]
        if objectives or areas:
            suggestions.append(PeerSuggestion(other, objectives, areas))
    suggestions.sort(key=lambda s: (-s.score, s.champion.country.sort_name))
    return suggestions[:limit]


# ---------------------------------------------------------------------------
# Kernel pages
# ---------------------------------------------------------------------------


def pending_counts() -> dict[str, int]:
    return {
        "profiles": ProfileUpdate.objects.pending().count(),
        "commitments": Commitment.objects.pending().count(),
        "activities": Activity.objects.pending().count(),
        "confirmations": Confirmation.objects.pending().count(),
        "requests": PeerLearningRequest.objects.filter(status=RequestStatus.OPEN).count(),
    }


# ---------------------------------------------------------------------------
# The map's shapes (shipped with the app: see data/README.md)
# ---------------------------------------------------------------------------


@cache
def world_shapes() -> tuple[dict, int, int]:
    """Country outlines keyed by M49 code, with the map's width and height (read once per process)."""
    from gcm_portal.core.maps import MapShape

    data = json.loads((Path(__file__).resolve().parent / "data" / "world_map.json").read_text(encoding="utf-8"))
    shapes = {code: MapShape(item["d"], item["x"], item["y"]) for code, item in data["countries"].items()}
    return shapes, data["width"], data["height"]
