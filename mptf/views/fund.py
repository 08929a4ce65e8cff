"""The public dashboards: the fund at a glance with the Gateway-style table of sources, uses and
balance; funding status; the pipeline; allocations. Every figure comes from ``selectors.fund_summary``
and the figure selectors; every chart has its data table; every table exports to CSV and XLSX."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from gcm_portal.core.charts import Series
from gcm_portal.core.tables import Table, TableExportMixin, chart_table
from gcm_portal.taxonomy.selectors import thematic_area_list

from .. import permissions, selectors
from ..choices import ConceptNoteStatus
from ..models import CommitteeSeat
from .common import deposits_against_targets, usd_bars


def sources_and_uses(summary) -> list[tuple[str, str, object]]:
    """The Gateway's funding-status layout: (section, line, amount). Each line reads one money stage;
    balances are differences of two stages."""
    return [
        (_("Sources of funds"), _("Contributions from donors (deposits)"), summary.deposits_usd),
        (_("Sources of funds"), _("Total source of funds"), summary.deposits_usd),
        (_("Uses of funds"), _("Transferred to participating organisations"), summary.transfers_usd),
        (_("Uses of funds"), _("Total use of funds"), summary.transfers_usd),
        (_("Balance"), _("Balance with the administrative agent"), summary.balance_with_agent_usd),
        (_("Participating organisations"), _("Transferred to participating organisations"), summary.transfers_usd),
        (_("Participating organisations"), _("Reported expenditure"), summary.expenditure_usd),
        (
            _("Participating organisations"),
            _("Balance with participating organisations"),
            summary.balance_with_organisations_usd,
        ),
    ]


def key_figures(summary) -> list[tuple[str, object]]:
    return [
        (_("Pledged by donors (USD)"), summary.pledged_usd),
        (_("Deposited (USD)"), summary.deposits_usd),
        (_("Allocated to joint programmes (USD)"), summary.allocated_usd),
        (_("Transferred to participating organisations (USD)"), summary.transfers_usd),
        (_("Reported expenditure (USD)"), summary.expenditure_usd),
        (_("Delivery rate (expenditure over transfers)"), summary.delivery_rate),
        (_("Available for allocation (USD)"), summary.available_usd),
        (_("Joint programmes"), summary.programmes),
        (_("Concept notes in the pipeline"), summary.pipeline_notes),
    ]


class FundIndexView(TableExportMixin, TemplateView):
    template_name = "mptf/index.html"
    export_name = "migration-mptf-fund"

    def summary(self):
        if not hasattr(self, "_summary"):
            self._summary = selectors.fund_summary()
        return self._summary

    def export_tables(self):
        summary = self.summary()
        fund = selectors.the_fund()
        return {
            "sources-and-uses": Table(
                [_("Section"), _("Line"), _("Amount (USD)")],
                lambda: [(s, line, a) for s, line, a in sources_and_uses(summary)],
            ),
            "key-figures": Table([_("Figure"), _("Value")], lambda: key_figures(summary)),
            "reported-figures": Table(
                [_("What"), _("Amount (USD)"), _("Approximate"), _("As of"), _("Source"), _("Source address")],
                lambda: [
                    (
                        f.label,
                        f.amount_usd,
                        _("yes") if f.approximate else _("no"),
                        f.as_of,
                        f.source_title,
                        f.source_url,
                    )
                    for f in (fund.reported_figures.all() if fund else [])
                ],
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = self.summary()
        today = timezone.localdate()
        context.update(
            fund=selectors.the_fund(),
            summary=summary,
            sources_and_uses=sources_and_uses(summary),
            chairs=CommitteeSeat.objects.filter(constituency="chair").order_by("start_date"),
            current_seats=CommitteeSeat.objects.current(today).order_by("constituency", "person_name"),
            thematic_areas=thematic_area_list(),
            can_record=permissions.may_record_money(self.request.user),
        )
        return context


class FundingView(TableExportMixin, TemplateView):
    """Funding status: deposits against targets over time, and per donor."""

    template_name = "mptf/funding.html"
    export_name = "migration-mptf-funding"

    def data(self):
        if not hasattr(self, "_data"):
            summary = selectors.fund_summary()
            over_time = selectors.deposits_over_time()
            donors = selectors.by_donor()
            self._data = {
                "summary": summary,
                "over_time": over_time,
                "donors": donors,
                "targets_chart": deposits_against_targets(over_time, summary.targets),
                "donor_chart": usd_bars(
                    title=_("Pledged and deposited, by donor"),
                    description=_("US dollars pledged and deposited per donor; the two are separate stages."),
                    category_label=_("Donor"),
                    categories=[row["donor"].name for row in donors],
                    series=[
                        Series(_("Pledged"), [row["pledged_usd"] for row in donors]),
                        Series(_("Deposited"), [row["deposited_usd"] for row in donors]),
                    ],
                ),
            }
        return self._data

    def export_tables(self):
        data = self.data()
        return {
            "deposits-over-time": Table(
                [_("Date"), _("Deposited that day (USD)"), _("Deposited to date (USD)")], lambda: data["over_time"]
            ),
            "donors": Table(
                [_("Donor"), _("Pledged (USD)"), _("Deposited (USD)")],
                lambda: [(r["donor"].name, r["pledged_usd"], r["deposited_usd"]) for r in data["donors"]],
            ),
            "targets": Table(
                [_("Target"), _("Amount (USD)"), _("To reach by"), _("Deposited by then (USD)"), _("Share")],
                lambda: [
                    (t.target.label, t.target.amount_usd, t.target.deadline, t.deposited_usd, t.share)
                    for t in data["summary"].targets
                ],
            ),
            "targets-chart": chart_table(data["targets_chart"]),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.data(), **kwargs)


class PipelineView(TableExportMixin, TemplateView):
    """The pipeline: public concept notes waiting for funding, their demand against the resources
    available, and how many could be funded."""

    template_name = "mptf/pipeline.html"
    export_name = "migration-mptf-pipeline"

    def data(self):
        if not hasattr(self, "_data"):
            summary = selectors.fund_summary()
            notes = list(
                selectors.note_list(self.request.user)
                .filter(status=ConceptNoteStatus.PIPELINE)
                .order_by("pipeline_at", "pk")
            )
            self._data = {
                "summary": summary,
                "notes": notes,
                "status_rows": [(s, ConceptNoteStatus(s).label, n) for s, n in summary.notes_by_status.items()],
                "demand_chart": usd_bars(
                    title=_("Demand of the pipeline against available resources"),
                    description=_(
                        "US dollars requested by concept notes in the pipeline, and deposits not yet allocated."
                    ),
                    category_label=_("Figure"),
                    categories=[_("Requested by the pipeline"), _("Available for allocation")],
                    series=[Series(_("USD"), [summary.pipeline_demand_usd, summary.available_usd])],
                ),
            }
        return self._data

    def export_tables(self):
        data = self.data()
        return {
            "pipeline": Table(
                [
                    _("Concept note"),
                    _("Lead organisation"),
                    _("Countries or region"),
                    _("Thematic area"),
                    _("Requested (USD)"),
                    _("Duration (months)"),
                    _("In the pipeline since"),
                ],
                lambda: [
                    (
                        n.title,
                        n.lead_entity.code,
                        ", ".join(c.name for c in n.countries.all()) or (n.region.name if n.region else ""),
                        str(n.thematic_area) if n.thematic_area else "",
                        n.requested_total(),
                        n.duration_months,
                        n.pipeline_at.date() if n.pipeline_at else None,
                    )
                    for n in data["notes"]
                ],
            ),
            "status": Table(
                [_("Status"), _("Concept notes")],
                lambda: [(ConceptNoteStatus(s).label, n) for s, n in data["summary"].notes_by_status.items()],
            ),
            "demand": chart_table(data["demand_chart"]),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.data(), **kwargs)


class AllocationsView(TableExportMixin, TemplateView):
    """Allocations by thematic area, window, region and participating organisation, with transfers and
    expenditure beside them (separate stages, never added)."""

    template_name = "mptf/allocations.html"
    export_name = "migration-mptf-allocations"
    GROUPS = ("thematic_area", "window", "region")

    def data(self):
        if not hasattr(self, "_data"):
            groups = selectors.allocations(selectors.programme_list())
            organisations = selectors.by_organisation()
            labels = {
                "thematic_area": (_("Allocations by thematic area"), _("Thematic area")),
                "window": (_("Allocations by funding window"), _("Funding window")),
                "region": (_("Allocations by region"), _("Region")),
            }
            charts = {}
            for key in self.GROUPS:
                title, label = labels[key]
                rows = groups[key]
                charts[key] = usd_bars(
                    title=title,
                    description=_("US dollars allocated, transferred and spent; three separate stages."),
                    category_label=label,
                    categories=[r["label"] for r in rows],
                    series=[
                        Series(_("Allocated"), [r["allocated_usd"] for r in rows]),
                        Series(_("Transferred"), [r["transferred_usd"] for r in rows]),
                        Series(_("Spent"), [r["spent_usd"] for r in rows]),
                    ],
                )
            charts["organisation"] = usd_bars(
                title=_("Allocations by participating organisation"),
                description=_("US dollars of budget shares, transfers and reported expenditure per organisation."),
                category_label=_("Organisation"),
                categories=[r["organisation"].code for r in organisations],
                series=[
                    Series(_("Allocated"), [r["allocated_usd"] for r in organisations]),
                    Series(_("Transferred"), [r["transferred_usd"] for r in organisations]),
                    Series(_("Spent"), [r["spent_usd"] for r in organisations]),
                ],
            )
            self._data = {"groups": groups, "organisations": organisations, "charts": charts}
        return self._data

    def export_tables(self):
        data = self.data()
        header = [_("Group"), _("Programmes"), _("Allocated (USD)"), _("Transferred (USD)"), _("Spent (USD)")]
        tables = {
            key: Table(
                header,
                (
                    lambda key=key: [
                        (r["label"], r["programmes"], r["allocated_usd"], r["transferred_usd"], r["spent_usd"])
                        for r in data["groups"][key]
                    ]
                ),
            )
            for key in self.GROUPS
        }
        tables["organisation"] = Table(
            [_("Organisation"), _("Allocated (USD)"), _("Transferred (USD)"), _("Spent (USD)"), _("Delivery rate")],
            lambda: [
                (r["organisation"].code, r["allocated_usd"], r["transferred_usd"], r["spent_usd"], r["delivery"])
                for r in data["organisations"]
            ],
        )
        return tables

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**self.data(), **kwargs)
        context["sections"] = [(key, context["charts"][key]) for key in (*self.GROUPS, "organisation")]
        return context


class DeskView(LoginRequiredMixin, TemplateView):
    """What waits for the signed-in user on the trust fund: their entity's notes and reports, notes to
    assess, or the fund manager's queue."""

    template_name = "mptf/desk.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            entity_notes=selectors.notes_of_entities(user).order_by("-updated_at")[:50]
            if permissions.can_create_notes(user)
            else [],
            to_assess=selectors.notes_to_assess(user).order_by("submitted_at")[:50]
            if permissions.may_assess(user)
            else [],
            fund_manager=permissions.may_record_money(user),
            selected_without_programme=selectors.notes_awaiting_programme(user)
            if permissions.may_manage_programmes(user)
            else [],
            reports_to_review=selectors.report_list(user).filter(status="submitted").order_by("submitted_at")
            if permissions.reviews_reports(user)
            else [],
            can_create_notes=permissions.can_create_notes(user),
            committee_member=permissions.is_committee_member(user),
        )
        return context
