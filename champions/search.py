"""How Champion countries' public records enter the hub's unified index (declared in ``apps.py``):
each champion's approved profile, and published commitments and activities."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone

from gcm_portal.core.curation import CurationState
from gcm_portal.core.search import SearchDocument

from .models import Activity, Champion, Commitment

__all__ = [
    "activity_document",
    "champion_document",
    "commitment_document",
    "public_activities",
    "public_champions",
    "public_commitments",
]


def _at(day) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


def public_champions():
    return Champion.objects.select_related("country").prefetch_related("priority_objectives", "plan_objectives")


def champion_document(champion: Champion) -> SearchDocument:
    objectives = {o.number for o in champion.priority_objectives.all()} | {
        o.number for o in champion.plan_objectives.all()
    }
    return SearchDocument(
        title=str(champion.country.name),
        url=champion.get_absolute_url(),
        summary=champion.summary,
        body="\n".join([champion.coordination_body, champion.lead_ministry, champion.plan_title]),
        countries=[champion.country.iso2],
        objectives=sorted(objectives),
        published_at=champion.profile_updated_at,
    )


def public_commitments():
    return (
        Commitment.objects.filter(curation=CurationState.PUBLISHED)
        .select_related("champion__country")
        .prefetch_related("objectives", "updates")
    )


def commitment_document(commitment: Commitment) -> SearchDocument:
    return SearchDocument(
        title=commitment.title,
        url=commitment.get_absolute_url(),
        summary=commitment.description[:2000],
        body="\n".join([commitment.description, *(u.text for u in commitment.updates.all())]),
        countries=[commitment.champion.country.iso2],
        objectives=[o.number for o in commitment.objectives.all()],
        published_at=commitment.created_at,
    )


def public_activities():
    return Activity.objects.filter(curation=CurationState.PUBLISHED).prefetch_related(
        "hosts", "other_states", "champions__country", "objectives"
    )


def activity_document(activity: Activity) -> SearchDocument:
    countries = {c.iso2 for c in activity.hosts.all()} | {c.iso2 for c in activity.other_states.all()}
    countries |= {champion.country.iso2 for champion in activity.champions.all()}
    return SearchDocument(
        title=activity.title,
        url=activity.get_absolute_url(),
        summary=activity.summary[:2000],
        body="\n".join([activity.summary, activity.recommendations, activity.location]),
        countries=countries,
        objectives=[o.number for o in activity.objectives.all()],
        year=activity.start_date.year,
        published_at=_at(activity.start_date),
    )
