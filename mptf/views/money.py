"""Money pages: contributions and deposits, transfers, expenditure (public lists that export to CSV and
XLSX; fund managers record), and the spreadsheet import with its preview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.files import FileRejected
from gcm_portal.core.generic import FilteredListView, add_service_error
from gcm_portal.core.tables import Table, TableExportMixin

from .. import permissions, selectors, services
from ..choices import ImportKind
from ..filtersets import ContributionFilterSet, ExpenditureFilterSet, TransferFilterSet
from ..forms import ContributionForm, DepositForm, ExpenditureForm, ImportForm, TransferForm, VersionForm
from .common import AllowedMixin


class FundManagerMixin(AllowedMixin):
    """Money pages: fund managers and Network staff (``permissions.may_record_money``)."""

    allowed = staticmethod(permissions.may_record_money)


# ---------------------------------------------------------------------------
# Contributions and deposits
# ---------------------------------------------------------------------------


class ContributionListView(TableExportMixin, FilteredListView):
    template_name = "mptf/contribution_list.html"
    context_object_name = "contributions"
    filterset_class = ContributionFilterSet
    export_name = "migration-mptf"

    def get_base_queryset(self):
        return selectors.contribution_list()

    def export_tables(self):
        return {
            "contributions": Table(
                [
                    _("Donor"),
                    _("Reference"),
                    _("Pledged on"),
                    _("Amount pledged"),
                    _("Currency"),
                    _("Pledged (USD)"),
                    _("Deposited (USD)"),
                    _("Earmarking"),
                    _("Source"),
                ],
                lambda: (
                    (
                        c.donor.name,
                        c.reference,
                        c.pledged_on,
                        c.pledged_amount,
                        c.currency,
                        c.pledged_usd,
                        selectors.cents(c.deposited_usd),
                        c.earmark_label,
                        c.source_url,
                    )
                    for c in self.get_queryset().iterator(chunk_size=500)
                ),
            )
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_record=permissions.may_record_money(self.request.user), **kwargs)


class ContributionDetailView(TableExportMixin, TemplateView):
    template_name = "mptf/contribution_detail.html"
    export_name = "migration-mptf-contribution"

    def export_tables(self):
        contribution = get_object_or_404(selectors.contribution_detail(), pk=self.kwargs["pk"])
        return {
            "deposits": Table(
                [_("Deposited on"), _("Amount"), _("Currency"), _("USD at deposit"), _("Reference")],
                lambda: [
                    (d.deposited_on, d.amount, d.currency, d.amount_usd, d.reference)
                    for d in contribution.deposits.all()
                ],
            )
        }

    def get_context_data(self, **kwargs):
        contribution = get_object_or_404(selectors.contribution_detail(), pk=kwargs["pk"])
        can_record = permissions.may_record_money(self.request.user)
        return super().get_context_data(
            contribution=contribution,
            deposits=list(contribution.deposits.all()),
            can_record=can_record,
            deposit_form=DepositForm(initial={"currency": contribution.currency}) if can_record else None,
            **kwargs,
        )


class ContributionFormView(FundManagerMixin, View):
    """Record a contribution (no pk) or correct one (pk, versioned)."""

    template_name = "mptf/contribution_form.html"

    def _contribution(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(selectors.contribution_list(), pk=pk) if pk else None

    def _render(self, form, contribution, status=200):
        return render(self.request, self.template_name, {"form": form, "contribution": contribution}, status=status)

    def get(self, request, pk=None):
        contribution = self._contribution()
        return self._render(ContributionForm(instance=contribution), contribution)

    def post(self, request, pk=None):
        contribution = self._contribution()
        form = ContributionForm(request.POST, instance=contribution)
        if not form.is_valid():
            return self._render(form, contribution, status=400)
        try:
            if contribution is None:
                contribution = services.contribution_record(actor=request.user, **form.service_data())
            else:
                services.contribution_update(
                    contribution=contribution,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    **form.service_data(),
                )
        except StaleVersion as conflict:
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
            form.add_error(None, str(conflict))
            return self._render(form, contribution, status=409)
        except ValidationError as error:
            add_service_error(form, error)
            return self._render(form, contribution, status=400)
        messages.success(request, _("The contribution is recorded."))
        return HttpResponseRedirect(contribution.get_absolute_url())


class DepositCreateView(FundManagerMixin, View):
    def post(self, request, pk):
        contribution = get_object_or_404(selectors.contribution_detail(), pk=pk)
        form = DepositForm(request.POST)
        if form.is_valid():
            try:
                services.deposit_record(actor=request.user, contribution=contribution, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
        if form.errors:
            return render(
                request,
                "mptf/contribution_detail.html",
                {
                    "contribution": contribution,
                    "deposits": list(contribution.deposits.all()),
                    "can_record": True,
                    "deposit_form": form,
                },
                status=400,
            )
        messages.success(request, _("The deposit is recorded."))
        return HttpResponseRedirect(contribution.get_absolute_url() + "#deposits")


# ---------------------------------------------------------------------------
# Transfers and expenditure
# ---------------------------------------------------------------------------


class TransferListView(TableExportMixin, FilteredListView):
    template_name = "mptf/transfer_list.html"
    context_object_name = "transfers"
    filterset_class = TransferFilterSet

    def get_base_queryset(self):
        return selectors.transfer_list()

    def export_tables(self):
        return {
            "transfers": Table(
                [
                    _("Programme"),
                    _("Participating organisation"),
                    _("Transferred on"),
                    _("Amount (USD)"),
                    _("Reference"),
                ],
                lambda: (
                    (t.programme.code, t.organisation.code, t.transferred_on, t.amount_usd, t.reference)
                    for t in self.get_queryset().iterator(chunk_size=500)
                ),
            )
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_record=permissions.may_record_money(self.request.user), **kwargs)


class ExpenditureListView(TableExportMixin, FilteredListView):
    template_name = "mptf/expenditure_list.html"
    context_object_name = "expenditures"
    filterset_class = ExpenditureFilterSet

    def get_base_queryset(self):
        return selectors.expenditure_list()

    def export_tables(self):
        return {
            "expenditure": Table(
                [
                    _("Programme"),
                    _("Participating organisation"),
                    _("Year"),
                    _("Interim or final"),
                    _("Amount (USD)"),
                    _("Reported on"),
                ],
                lambda: (
                    (e.programme.code, e.organisation.code, e.year, e.kind, e.amount_usd, e.reported_on)
                    for e in self.get_queryset().iterator(chunk_size=500)
                ),
            )
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_record=permissions.may_record_money(self.request.user), **kwargs)


class _MoneyCreateView(FundManagerMixin, View):
    form_class = None
    service = None
    template_name = "mptf/money_form.html"
    title = ""
    success = ""

    def _render(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "title": self.title}, status=status)

    def get(self, request):
        initial = {k: v for k, v in request.GET.items() if k in ("programme", "organisation")}
        return self._render(self.form_class(initial=initial))

    def post(self, request):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                record = type(self).service(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, self.success)
                return HttpResponseRedirect(record.get_absolute_url())
        return self._render(form, status=400)


class TransferCreateView(_MoneyCreateView):
    form_class = TransferForm
    service = services.transfer_record

    @property
    def title(self):
        return _("Record a transfer")

    @property
    def success(self):
        return _("The transfer is recorded.")


class ExpenditureCreateView(_MoneyCreateView):
    form_class = ExpenditureForm
    service = services.expenditure_record

    @property
    def title(self):
        return _("Record expenditure")

    @property
    def success(self):
        return _("The expenditure is recorded.")


# ---------------------------------------------------------------------------
# Spreadsheet imports
# ---------------------------------------------------------------------------


class ImportListView(FundManagerMixin, View):
    template_name = "mptf/import_list.html"

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "imports": selectors.import_list()[:50], "columns": services.COLUMNS, "kinds": ImportKind},
            status=status,
        )

    def get(self, request):
        return self._render(ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = services.import_upload(
                    actor=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
                )
            except FileRejected as error:
                form.add_error("file", error)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return HttpResponseRedirect(batch.get_absolute_url())
        return self._render(form, status=400)


class ImportDetailView(FundManagerMixin, TemplateView):
    template_name = "mptf/import_detail.html"

    def get_context_data(self, **kwargs):
        batch = get_object_or_404(selectors.import_list(), pk=kwargs["pk"])
        errors = {e["row"]: e["messages"] for e in batch.errors}
        return super().get_context_data(
            batch=batch,
            rows=[(row, errors.get(row["row"], [])) for row in batch.rows],
            general_errors=[e for e in batch.errors if e["row"] == 1 and not any(r["row"] == 1 for r in batch.rows)],
            form=VersionForm(initial={"version": batch.version}),
            **kwargs,
        )


class ImportConfirmView(FundManagerMixin, View):
    def post(self, request, pk):
        batch = get_object_or_404(selectors.import_list(), pk=pk)
        form = VersionForm(request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else -1
        try:
            count = services.import_confirm(batch=batch, actor=request.user, expected_version=version)
        except StaleVersion:
            messages.error(request, _("Someone else acted on this import first. Nothing was saved."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("%(count)d rows saved.") % {"count": count})
        return HttpResponseRedirect(reverse("mptf:import-detail", args=[pk]))


class ImportDiscardView(FundManagerMixin, View):
    def post(self, request, pk):
        batch = get_object_or_404(selectors.import_list(), pk=pk)
        try:
            services.import_discard(batch=batch, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The import is discarded; nothing was saved."))
        return HttpResponseRedirect(reverse("mptf:import-list"))
