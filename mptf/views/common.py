"""What the app's pages share: a gate on a predicate and the charts. Exports of every table come from
the kernel (gcm_portal.core.tables)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.translation import gettext as _

from gcm_portal.core.charts import Chart, Series, bar_chart, time_chart


class AllowedMixin(LoginRequiredMixin):
    """A page for those ``allowed(user)`` admits: anonymous visitors sign in first, other users get a
    404 (the page is not advertised)."""

    @staticmethod
    def allowed(user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not type(self).allowed(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def amount(value) -> str:
    """Amounts in chart data tables: whole US dollars with grouping."""
    return "—" if value is None else f"{float(value):,.0f}"


def usd_bars(*, title: str, description: str, category_label: str, categories, series: list[Series]) -> Chart:
    return bar_chart(
        title=title,
        description=description,
        categories=categories,
        series=series,
        value_format=amount,
        category_label=category_label,
    )


def deposits_against_targets(over_time, targets) -> Chart:
    """Cumulative deposits over time, with each capitalisation target drawn as its own series on its
    deadline (a step from zero), so the gap reads at a glance; the table holds the same numbers."""
    days = sorted({day for day, _d, _c in over_time} | {t.target.deadline for t in targets})
    running, by_day, cumulative = None, {day: c for day, _d, c in over_time}, []
    for day in days:
        running = by_day.get(day, running)
        cumulative.append(running or 0)
    series = [Series(_("Deposited (cumulative, USD)"), cumulative)]
    for progress in targets:
        series.append(
            Series(
                progress.target.label[:60],
                [progress.target.amount_usd if day == progress.target.deadline else None for day in days],
            )
        )
    return time_chart(
        title=_("Deposits against capitalisation targets"),
        description=_("Cumulative deposits in US dollars over time, and each target on its deadline."),
        dates=days,
        series=series,
        steps=True,
        value_format=amount,
        date_label=_("Date"),
    )
