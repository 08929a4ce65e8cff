"""What the workflow hooks and the services share: snapshots of what the public reads (kept as
published versions with the kernel's ``core.versions``), applying an approved profile update, and
deriving a membership period's dates from its facts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import FactKind
from .models import Activity, Champion, ChampionFocusArea, Commitment, FocusArea, Membership, ProfileUpdate


def _day(value) -> str | None:
    return value.isoformat() if value else None


def profile_snapshot(champion: Champion) -> dict:
    return {
        "country": champion.country.iso2,
        "summary": champion.summary,
        "priority_objectives": sorted(o.number for o in champion.priority_objectives.all()),
        "coordination_body": champion.coordination_body,
        "lead_ministry": champion.lead_ministry,
        "plan": {
            "status": champion.plan_status,
            "title": champion.plan_title,
            "adopted_on": _day(champion.plan_adopted_on),
            "objectives": sorted(o.number for o in champion.plan_objectives.all()),
        },
        "focus_areas": {
            str(row.focus_area.number): row.what_it_did for row in champion.focus_area_rows.select_related("focus_area")
        },
    }


def commitment_snapshot(commitment: Commitment) -> dict:
    return {
        "champion": commitment.champion.country.iso2,
        "title": commitment.title,
        "description": commitment.description,
        "status": commitment.status,
        "objectives": sorted(o.number for o in commitment.objectives.all()),
        "focus_areas": sorted(f.number for f in commitment.focus_areas.all()),
        "updates": [
            {"date": _day(u.date), "status": u.status, "text": u.text}
            for u in commitment.updates.order_by("date", "pk")
        ],
        "evidence": [{"title": e.title, "url": e.url} for e in commitment.evidence.all()],
        "documents": [{"name": d.original_name, "sha256": d.sha256} for d in commitment.documents.all()],
    }


def activity_snapshot(activity: Activity) -> dict:
    return {
        "kind": activity.kind,
        "title": activity.title,
        "start_date": _day(activity.start_date),
        "end_date": _day(activity.end_date),
        "location": activity.location,
        "hosts": sorted(c.iso2 for c in activity.hosts.all()),
        "champions": sorted(c.country.iso2 for c in activity.champions.select_related("country")),
        "other_states": sorted(c.iso2 for c in activity.other_states.all()),
        "objectives": sorted(o.number for o in activity.objectives.all()),
        "summary": activity.summary,
        "recommendations": activity.recommendations,
        "documents": [{"name": d.original_name, "sha256": d.sha256} for d in activity.documents.all()],
    }


def profile_apply(update: ProfileUpdate) -> Champion:
    """Make an approved update the champion's public profile."""
    champion = update.champion
    for name in ("summary", "coordination_body", "lead_ministry", "plan_status", "plan_title", "plan_adopted_on"):
        setattr(champion, name, getattr(update, name))
    champion.profile_updated_at = timezone.now()
    champion.full_clean()
    champion.save()
    champion.priority_objectives.set(update.priority_objectives.all())
    champion.plan_objectives.set(update.plan_objectives.all())
    areas = {a.number: a for a in FocusArea.objects.all()}
    notes = {int(k): v for k, v in (update.focus_notes or {}).items() if str(k).isdecimal() and int(k) in areas}
    champion.focus_area_rows.exclude(focus_area__number__in=notes).delete()
    for number, text in notes.items():
        ChampionFocusArea.objects.update_or_create(
            champion=champion, focus_area=areas[number], defaults={"what_it_did": text or ""}
        )
    return champion


def membership_refresh(membership: Membership) -> Membership:
    """Derive the period's dates from its facts: joined (the earliest joined fact), confirmed by (the
    earliest confirmation), left (the latest left fact), and the date it counts from."""
    facts = list(membership.facts.all())
    joined = min((f.date for f in facts if f.kind == FactKind.JOINED), default=None)
    confirmed = min((f.date for f in facts if f.kind == FactKind.CONFIRMED), default=None)
    left = max((f.date for f in facts if f.kind == FactKind.LEFT), default=None)
    starts = joined or confirmed
    if left and starts and left <= starts:
        raise ValidationError({"date": _("A State leaves after the date its membership counts from.")})
    Membership.objects.filter(pk=membership.pk).update(
        joined_on=joined, confirmed_by=confirmed, left_on=left, starts_on=starts
    )
    membership.joined_on, membership.confirmed_by, membership.left_on, membership.starts_on = (
        joined,
        confirmed,
        left,
        starts,
    )
    return membership
