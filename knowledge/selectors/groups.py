"""Reads of working groups and UN migration networks."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from gcm_portal.core.charts import Chart, Series, time_chart
from gcm_portal.core.curation import CurationState

from ..choices import JoinStatus
from ..models import JoinRequest, MigrationNetwork, NetworkCount, Resource, WorkingGroup

__all__ = [
    "group_detail",
    "group_list",
    "join_requests_for",
    "join_requests_waiting",
    "network_chart",
    "network_detail",
    "network_for_country",
    "network_list",
]


def group_list(user) -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.visible_to(user).prefetch_related("un_co_leads", "objectives")


def group_detail(user) -> QuerySet[WorkingGroup]:
    return group_list(user).prefetch_related(
        "member_entities",
        "members",
        "documents",
        Prefetch("outputs", queryset=Resource.objects.filter(curation=CurationState.PUBLISHED)),
    )


def join_requests_waiting(user) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.visible_to(user).filter(status=JoinStatus.RECEIVED).select_related("group", "user")


def join_requests_for(user, group) -> QuerySet[JoinRequest]:
    """The requests to join ``group`` the user may see: their own, or every one for staff."""
    return JoinRequest.objects.visible_to(user).filter(group=group).select_related("user")


def network_list(user) -> QuerySet[MigrationNetwork]:
    return (
        MigrationNetwork.objects.visible_to(user)
        .select_related("country")
        .prefetch_related("co_chairs", "member_entities")
    )


def network_detail(user) -> QuerySet[MigrationNetwork]:
    return network_list(user).prefetch_related("documents")


def network_for_country(user, country) -> MigrationNetwork | None:
    return network_detail(user).published().filter(country=country).first()


def network_counts() -> list[NetworkCount]:
    return list(NetworkCount.objects.order_by("on"))


def network_chart(counts: list[NetworkCount]) -> Chart | None:
    """Country networks (and regional structures where the source gives them) over time."""
    if not counts:
        return None
    series = [Series(_("Country networks"), [c.country_networks for c in counts])]
    if any(c.regional_networks is not None for c in counts):
        series.append(Series(_("Regional networks and structures"), [c.regional_networks for c in counts]))
    return time_chart(
        title=_("UN migration networks over time"),
        description=_("Number of country-level UN networks on migration, and regional structures, by date."),
        dates=[c.on for c in counts],
        series=series,
        date_label=_("Date"),
    )
