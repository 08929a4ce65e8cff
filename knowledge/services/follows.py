"""Follows and digests: a signed-in user follows a country, an objective, both, or a saved search; a
daily or weekly e-mail lists what the unified index gained for them since the last one, each item with
the reason it is there, in the user's language, and nothing is sent when nothing is new."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from gcm_portal.core.email import email_send, render_email

from ..choices import DigestFrequency, Facet
from ..models import Follow, IndexEntry, IndexTag
from ..selectors.search import SearchParams, entries_for

__all__ = ["digest_for", "digests_send", "follow_create", "follow_delete"]

# A digest is due when the last one is this old (a little less than a day or a week, so the daily task
# running at about the same time each day is never one day late).
DUE_AFTER = {DigestFrequency.DAILY: timedelta(hours=20), DigestFrequency.WEEKLY: timedelta(days=6, hours=20)}
DIGEST_LIMIT = 50  # items per digest; the e-mail links to the rest


def _normalised_query(query: str) -> str:
    """A saved search is the hub search's query string, kept in a canonical order."""
    params = SearchParams.from_query(QueryDict(query.lstrip("?")))
    return "&".join(f"{k}={v}" for k, v in params.query_pairs() if k not in ("page", "sort"))


@transaction.atomic
def follow_create(*, actor, country=None, objective=None, query: str = "", frequency=DigestFrequency.WEEKLY) -> Follow:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to follow."))
    query = _normalised_query(query) if query else ""
    if country is None and objective is None and not query:
        raise ValidationError(_("Choose a country, an objective or a search to follow."))
    if frequency not in DigestFrequency.values:
        raise ValidationError(_("Choose a daily or a weekly digest."))
    follow, created = Follow.objects.get_or_create(
        user=actor, country=country, objective=objective, query=query, defaults={"frequency": frequency}
    )
    if not created and follow.frequency != frequency:
        follow.frequency = frequency
        follow.save(update_fields=["frequency"])
    return follow


@transaction.atomic
def follow_delete(*, actor, follow: Follow) -> None:
    if follow.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This is not your follow."))
    follow.delete()


def follow_entries(follow: Follow):
    """The entries a follow covers (whenever published)."""
    if follow.query:
        queryset = entries_for(SearchParams.from_query(QueryDict(follow.query)))
    else:
        queryset = IndexEntry.objects.all()
    if follow.country_id:
        queryset = queryset.filter(
            pk__in=IndexTag.objects.filter(facet=Facet.COUNTRY, value=follow.country.iso2).values("entry_id")
        )
    if follow.objective_id:
        queryset = queryset.filter(
            pk__in=IndexTag.objects.filter(facet=Facet.OBJECTIVE, value=str(follow.objective.number)).values("entry_id")
        )
    return queryset


def follow_reason(follow: Follow) -> str:
    parts = []
    if follow.country_id:
        parts.append(follow.country.name)
    if follow.objective_id:
        parts.append(_("Objective %(number)s") % {"number": follow.objective.number})
    if follow.query:
        parts.append(_("your search “%(query)s”") % {"query": follow.query})
    return _("you follow %(what)s") % {"what": " + ".join(parts)}


@dataclass
class DigestItem:
    entry: IndexEntry
    reasons: list[str] = field(default_factory=list)


def digest_for(user, follows: list[Follow], *, now: datetime) -> list[DigestItem]:
    """What is new for ``user`` since each follow's last digest, each entry once with every reason."""
    items: dict[int, DigestItem] = {}
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        for follow in follows:
            since = follow.last_sent_at or follow.created_at
            new = follow_entries(follow).filter(indexed_at__gt=since, indexed_at__lte=now).order_by("-indexed_at")
            reason = follow_reason(follow)
            for entry in new.only("pk", "kind", "title", "url", "published_at", "indexed_at")[:DIGEST_LIMIT]:
                items.setdefault(entry.pk, DigestItem(entry)).reasons.append(reason)
    return sorted(items.values(), key=lambda item: item.entry.indexed_at, reverse=True)[:DIGEST_LIMIT]


def digests_send(*, now: datetime, frequency: str | None = None) -> int:
    """Send every digest that is due and has something new; returns how many were sent. A follow whose
    digest had nothing new keeps its last date, so the next run looks at the same window again."""
    from ..selectors.search import kind_labels

    follows = Follow.objects.select_related("user", "country", "objective").filter(user__is_active=True)
    if frequency:
        follows = follows.filter(frequency=frequency)
    due: dict[tuple[int, str], list[Follow]] = {}
    for follow in follows.order_by("user_id", "pk"):
        last = follow.last_sent_at
        if last is None or now - last >= DUE_AFTER[follow.frequency]:
            due.setdefault((follow.user_id, follow.frequency), []).append(follow)
    labels = kind_labels()
    sent = 0
    for (_user_id, digest_frequency), user_follows in due.items():
        user = user_follows[0].user
        items = digest_for(user, user_follows, now=now)
        if not items:
            continue
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "recipient_name": str(user),
                "frequency": DigestFrequency(digest_frequency).label,
                "items": [
                    {
                        "title": item.entry.title,
                        "kind": str(labels.get(item.entry.kind, item.entry.kind)),
                        "link": f"{settings.SITE_URL}{item.entry.url}",
                        "reasons": "; ".join(item.reasons),
                    }
                    for item in items
                ],
                "follows_link": f"{settings.SITE_URL}{reverse('knowledge:follow-list')}",
            }
        subject, body = render_email("notifications/hub_digest", context, language=language)
        with transaction.atomic():
            email_send(to=[user.email], subject=subject, body=body)
            Follow.objects.filter(pk__in=[f.pk for f in user_follows]).update(last_sent_at=now)
        sent += 1
    return sent
