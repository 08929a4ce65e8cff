"""One hub over everything: search with facets, the country x objective matrix (with its gap view and
CSV), and follows. They read the unified index only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from gcm_portal.core.exports import csv_response
from gcm_portal.core.generic import safe_next
from gcm_portal.taxonomy.models import Country, Objective

from ..choices import DigestFrequency, Facet
from ..models import Follow
from ..selectors.overview import MatrixScope, matrix_for
from ..selectors.search import FACETS, SearchParams, hub_search, search_suggestions
from ..services.follows import follow_create, follow_delete


class SearchView(View):
    """Everything published, searched at once: words (quotes for a phrase, a minus to exclude), facets
    with counts, all in the URL."""

    def get(self, request):
        params = SearchParams.from_query(request.GET)
        result = hub_search(params)
        context = {
            "params": params,
            "result": result,
            "facet_groups": [(Facet(f).label, f, result.facets.get(f, [])) for f in FACETS],
            "suggestions": search_suggestions(params.q) if params.q else {},
            "sort_urls": {
                "relevance": _sort_url(params, "relevance"),
                "date": _sort_url(params, "date"),
            },
            "follow_query": "&".join(f"{k}={v}" for k, v in params.query_pairs() if k not in ("page", "sort")),
            "frequencies": DigestFrequency.choices,
            "previous_url": result.page_url(result.page - 1),
            "next_url": result.page_url(result.page + 1),
        }
        return render(request, "knowledge/search.html", context)


def _sort_url(params: SearchParams, sort: str) -> str:
    return SearchParams(q=params.q, filters=params.filters, sort=sort).url()


class MatrixView(View):
    """For a country, a region or commission, or everywhere: each objective's published items by what
    they are (reported, pledged, practised, funded), each cell linking to them; ``?view=gaps`` shows the
    gaps; ``?format=csv`` downloads the table."""

    def get(self, request):
        scope = MatrixScope.from_query(request.GET)
        if scope is None:
            raise Http404
        matrix = matrix_for(scope)
        if request.GET.get("format") == "csv":
            header = [_("Objective"), *[str(label) for _c, label, _k in matrix.columns], _("All"), _("Gap")]
            gaps = {"reported_only": _("reported, nothing done"), "unreported": _("done, not reported"), "": ""}
            rows = (
                [
                    row.objective.number,
                    *[row.counts[c] for c, _l, _k in matrix.columns],
                    row.counts["all"],
                    gaps[row.gap],
                ]
                for row in matrix.rows
            )
            name = f"gcm-matrix-{(scope.value or 'global').lower()}.csv"
            return csv_response(name, header, rows)
        base = scope.query_pairs()
        cells = []
        for row in matrix.rows:
            objective = [(Facet.OBJECTIVE, str(row.objective.number))]
            links = [
                (row.counts[column], _search_url([*base, *objective, (Facet.KIND, kind)]))
                for column, _label, kind in matrix.columns
            ]
            cells.append((row, links, (row.counts["all"], _search_url([*base, *objective]))))
        context = {
            "matrix": matrix,
            "scope": scope,
            "cells": cells,
            "gaps_only": request.GET.get("view") == "gaps",
            "scope_query": "&".join(f"{k}={v}" for k, v in base),
            "countries": Country.objects.order_by("sort_name").only("iso2", "name"),
        }
        return render(request, "knowledge/matrix.html", context)


def _search_url(pairs) -> str:
    return reverse("knowledge:search") + "?" + urlencode(pairs)


class FollowListView(LoginRequiredMixin, View):
    """What the signed-in user follows, and how often their digest comes."""

    def get(self, request):
        follows = Follow.objects.filter(user=request.user).select_related("country", "objective")
        return render(
            request,
            "knowledge/follow_list.html",
            {"follows": follows, "frequencies": DigestFrequency.choices},
        )


class FollowCreateView(LoginRequiredMixin, View):
    """Follow a country (``country`` = ISO code), an objective (``objective`` = number), both, or a
    search (``query``), with a daily or weekly digest."""

    def post(self, request):
        country = objective = None
        if request.POST.get("country"):
            country = get_object_or_404(Country, iso2=request.POST["country"].replace("\x00", "").upper()[:2])
        if request.POST.get("objective", "").isdecimal():
            objective = get_object_or_404(Objective, number=int(request.POST["objective"]))
        try:
            follow_create(
                actor=request.user,
                country=country,
                objective=objective,
                query=request.POST.get("query", "").replace("\x00", "")[:500],
                frequency=request.POST.get("frequency", DigestFrequency.WEEKLY).replace("\x00", ""),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Followed. Your digest lists what is newly published for it."))
        return HttpResponseRedirect(safe_next(request, reverse("knowledge:follow-list")))


class FollowDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        follow = get_object_or_404(Follow.objects.filter(user=request.user), pk=pk)
        follow_delete(actor=request.user, follow=follow)
        messages.success(request, _("You no longer follow it."))
        return HttpResponseRedirect(reverse("knowledge:follow-list"))
