"""Public pages: the initiative's overview with its membership chart, the directory, the map, a page
per champion and its profile's published versions."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from gcm_portal.core.charts import Series, time_chart
from gcm_portal.core.curation import CurationState
from gcm_portal.core.generic import FilteredListView
from gcm_portal.core.maps import MapMark, world_map
from gcm_portal.core.registry import panels_for
from gcm_portal.core.versions import versions_of

from .. import permissions, selectors
from ..filtersets import ChampionFilterSet
from ..forms import MapDateForm
from ..models import Champion


def membership_chart():
    points = selectors.membership_timeline()
    return time_chart(
        title=_("Champion countries over time"),
        description=_(
            "Steps: the number of States that public sources name as champions on each date (from the date a "
            "State joined or, where no joining date is known, the earliest date a source confirms it). Dots: "
            "the number of champions a source states on that date."
        ),
        dates=[p.day for p in points],
        series=[
            Series(_("States named in sources"), [p.named for p in points]),
            Series(_("Number stated by a source"), [p.stated for p in points]),
        ],
        date_label=_("Date"),
    )


def champion_map(day):
    champions = list(selectors.champion_list().active_on(day))
    shapes, width, height = selectors.world_shapes()
    marks = [
        MapMark(
            code=c.country.m49,
            label=c.country.name,
            url=c.get_absolute_url(),
            detail=c.get_plan_status_display(),
        )
        for c in champions
    ]
    drawn = world_map(
        title=_("Champion countries on %(day)s") % {"day": day.isoformat()},
        description=_("A world map with the %(count)d champion countries of that day highlighted.")
        % {"count": len(champions)},
        shapes=shapes,
        marks=marks,
        width=width,
        height=height,
        columns=[_("Country"), _("National implementation plan")],
    )
    return drawn, champions


class ChampionsIndexView(TemplateView):
    """The Champion countries initiative: what it is, its membership over time, its co-chairs and focus areas."""

    template_name = "champions/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            chart=membership_chart(),
            statements=selectors.count_statements(),
            co_chairs=selectors.co_chairs(),
            focus_areas=selectors.focus_area_list(),
            active_count=len(selectors.champion_country_ids_on(today)),
            today=today,
        )
        return context


class ChampionDirectoryView(FilteredListView):
    template_name = "champions/directory.html"
    context_object_name = "champions"
    filterset_class = ChampionFilterSet
    paginate_by = 60

    def get_base_queryset(self):
        return selectors.champion_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["active_ids"] = {c.pk for c in context["champions"] if selectors.is_active(c, today)}
        return context


class ChampionMapView(TemplateView):
    template_name = "champions/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = MapDateForm(self.request.GET or None)
        day = timezone.localdate()
        if form.is_valid() and form.cleaned_data.get("active_on"):
            day = form.cleaned_data["active_on"]
        drawn, champions = champion_map(day)
        context.update(map=drawn, champions=champions, day=day, form=form)
        return context


def champion_by_code(iso2: str) -> Champion:
    return get_object_or_404(selectors.champion_detail(), country__iso2=iso2.upper())


class ChampionDetailView(DetailView):
    template_name = "champions/champion_detail.html"
    context_object_name = "champion"

    def get_object(self, queryset=None):
        return champion_by_code(self.kwargs["iso2"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        champion, user = self.object, self.request.user
        today = timezone.localdate()
        commitments = selectors.commitment_list(user).filter(champion=champion)
        context.update(
            active=selectors.is_active(champion, today),
            sources=selectors.sources_of(champion),
            plan_documents=selectors.published_plan_documents(champion),
            commitments=commitments.published(),
            own_commitments=commitments.exclude(curation=CurationState.PUBLISHED),
            activities=selectors.activity_list(user).published().filter(champions=champion)[:10],
            suggestions=selectors.peer_suggestions(champion),
            pairings=selectors.pairing_list().filter(Q(first=champion) | Q(second=champion)),
            versions=versions_of(champion, published_only=True),
            can_propose=permissions.can_propose_for(user, champion),
            # The country's reports, pledges and what other apps publish, through their own panels.
            panels=panels_for("country", request=self.request, exclude_apps=("champions",), country=champion.country),
        )
        return context


class ChampionVersionView(TemplateView):
    """One published version of a champion's profile, with its fingerprint."""

    template_name = "champions/champion_version.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        champion = champion_by_code(self.kwargs["iso2"])
        version = versions_of(champion, published_only=True).filter(number=self.kwargs["number"]).first()
        if version is None:
            raise Http404
        context.update(champion=champion, version=version, snapshot=version.snapshot)
        return context
