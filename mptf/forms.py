"""Forms of the Migration MPTF's pages. They check the shape of what is typed; the rules live in the
services, whose refusals the views put back on the form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions as roles
from gcm_portal.core.files import FILE_KINDS, SPREADSHEET_KINDS
from gcm_portal.taxonomy.forms import ObjectiveMultipleChoiceField
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, M49Region, Objective, SdgTarget, UnEntity

from .choices import ConceptNoteStatus, DecisionKind, ExpenditureKind, ImportKind, ReportKind
from .models import (
    CommitteeMeeting,
    ConceptNote,
    Contribution,
    Deposit,
    Expenditure,
    JointProgramme,
    Transfer,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _version_field():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


class ContributionForm(forms.ModelForm):
    version = _version_field()

    class Meta:
        model = Contribution
        fields = [
            "donor",
            "reference",
            "pledged_amount",
            "currency",
            "pledged_usd",
            "pledged_on",
            "earmarking",
            "thematic_area",
            "window",
            "country",
            "pledge",
            "notes",
        ]
        widgets = {"pledged_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "pledged_usd": _("Leave empty for an amount in US dollars."),
            "pledge": _("A pledge made at the Forum that this contribution honours."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pledged_usd"].required = False
        self.fields["version"].initial = self.instance.version
        # published financial pledges only: a pledge waiting for curation is not the fund managers' to see
        pledges = self.fields["pledge"].queryset.model.objects.published().filter(pledge_type="financial")
        self.fields["pledge"].queryset = pledges.order_by("title")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DepositForm(forms.ModelForm):
    class Meta:
        model = Deposit
        fields = ["deposited_on", "amount", "currency", "amount_usd", "reference"]
        widgets = {"deposited_on": DATE}
        help_texts = {"amount_usd": _("The value in US dollars on the day of the deposit; empty for USD.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount_usd"].required = False
        self.fields["deposited_on"].initial = timezone.localdate()


class TransferForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = ["programme", "organisation", "transferred_on", "amount_usd", "reference"]
        widgets = {"transferred_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = JointProgramme.objects.order_by("code")
        self.fields["programme"].label_from_instance = lambda p: f"{p.code}: {p.title}"
        self.fields["organisation"].queryset = UnEntity.objects.order_by("code")


class ExpenditureForm(forms.ModelForm):
    class Meta:
        model = Expenditure
        fields = ["programme", "organisation", "year", "kind", "amount_usd", "reported_on"]
        widgets = {"reported_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = JointProgramme.objects.order_by("code")
        self.fields["programme"].label_from_instance = lambda p: f"{p.code}: {p.title}"
        self.fields["organisation"].queryset = UnEntity.objects.order_by("code")
        self.fields["reported_on"].initial = timezone.localdate()
        self.fields["kind"].choices = ExpenditureKind.choices


class ImportForm(forms.Form):
    kind = forms.ChoiceField(choices=ImportKind.choices, label=_("The sheet holds"))
    file = forms.FileField(label=_("Spreadsheet"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Accepted: %(kinds)s. The first row names the columns.") % {
            "kinds": ", ".join(FILE_KINDS[k].label for k in SPREADSHEET_KINDS)
        }


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


# ---------------------------------------------------------------------------
# Concept notes
# ---------------------------------------------------------------------------


class ConceptNoteForm(forms.ModelForm):
    version = _version_field()
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.order_by("sort_name"),
        required=False,
        label=_("Countries"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    region = forms.ModelChoiceField(
        queryset=M49Region.objects.exclude(level="world"), required=False, label=_("Region")
    )
    objectives = ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("Objectives")
    )
    principles = forms.ModelMultipleChoiceField(
        queryset=GuidingPrinciple.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Guiding principles"),
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        queryset=SdgTarget.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("SDG targets")
    )

    class Meta:
        model = ConceptNote
        fields = [
            "lead_entity",
            "title",
            "scope",
            "team_name",
            "countries",
            "region",
            "summary",
            "national_partners",
            "stakeholders",
            "thematic_area",
            "window",
            "objectives",
            "principles",
            "sdg_targets",
            "duration_months",
            "gender_marker",
            "human_rights_marker",
            "covid_dimension",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "national_partners": forms.Textarea(attrs={"rows": 3}),
            "stakeholders": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if self.instance.pk:
            del self.fields["lead_entity"]
        else:
            self.fields["lead_entity"].queryset = UnEntity.objects.filter(pk__in=roles.entity_ids_represented(user))

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name not in ("version", "lead_entity")}


class BudgetLineForm(forms.Form):
    entity = forms.ModelChoiceField(queryset=UnEntity.objects.order_by("code"), label=_("Participating organisation"))
    amount_usd = forms.DecimalField(min_value=0, max_digits=16, decimal_places=2, label=_("Requested (USD)"))


class BaseLinesFormSet(forms.BaseFormSet):
    key = "entity"

    def rows(self) -> list[dict]:
        """The filled rows not marked for deletion, each with its form's fields only (not ``DELETE``)."""
        return [
            {name: value for name, value in form.cleaned_data.items() if name != forms.formsets.DELETION_FIELD_NAME}
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]

    def clean(self):
        if any(self.errors):
            return
        keys = [row[self.key] for row in self.rows()]
        if len(keys) != len(set(keys)):
            raise forms.ValidationError(_("Give each organisation once."))


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, formset=BaseLinesFormSet, extra=3, can_delete=True)


class AssessmentForm(forms.Form):
    """One score (and comment) per criterion in use, and an overall comment."""

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Overall comment"))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.code}"] = forms.TypedChoiceField(
                choices=[(n, str(n)) for n in range(criterion.max_score + 1)],
                coerce=int,
                label=criterion.label,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.code}"] = forms.CharField(
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.label},
            )

    def scores(self) -> dict:
        return {
            c.code: (self.cleaned_data[f"score_{c.code}"], self.cleaned_data[f"comment_{c.code}"])
            for c in self.criteria
        }


# ---------------------------------------------------------------------------
# Joint programmes and reports
# ---------------------------------------------------------------------------


class ProgrammeCreateForm(forms.Form):
    title = forms.CharField(max_length=400, required=False, label=_("Title"), help_text=_("Empty: the note's title."))
    code = forms.SlugField(
        max_length=40, required=False, label=_("Code"), help_text=_("Empty: made from the countries and year.")
    )
    budget_usd = forms.DecimalField(
        min_value=0,
        max_digits=16,
        decimal_places=2,
        required=False,
        label=_("Approved budget (USD)"),
        help_text=_("Empty: the amounts the Steering Committee allocated, or else the budget requested."),
    )
    start_date = forms.DateField(required=False, widget=DATE, label=_("Starts"))
    end_date = forms.DateField(required=False, widget=DATE, label=_("Ends"))


class ProgrammeForm(forms.ModelForm):
    version = _version_field()
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.order_by("sort_name"),
        required=False,
        label=_("Countries"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    objectives = ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("Objectives")
    )
    principles = forms.ModelMultipleChoiceField(
        queryset=GuidingPrinciple.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Guiding principles"),
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        queryset=SdgTarget.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("SDG targets")
    )

    class Meta:
        model = JointProgramme
        fields = [
            "title",
            "summary",
            "countries",
            "region",
            "national_partners",
            "stakeholders",
            "thematic_area",
            "window",
            "objectives",
            "principles",
            "sdg_targets",
            "gender_marker",
            "human_rights_marker",
            "covid_dimension",
            "budget_usd",
            "duration_months",
            "start_date",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "national_partners": forms.Textarea(attrs={"rows": 3}),
            "stakeholders": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ParticipantForm(forms.Form):
    entity = forms.ModelChoiceField(queryset=UnEntity.objects.order_by("code"), label=_("Participating organisation"))
    budget_usd = forms.DecimalField(
        min_value=0, max_digits=16, decimal_places=2, required=False, label=_("Budget share (USD)")
    )
    lead = forms.BooleanField(required=False, label=_("Lead"))


ParticipantFormSet = forms.formset_factory(ParticipantForm, formset=BaseLinesFormSet, extra=2, can_delete=True)


class ExtensionForm(forms.Form):
    new_end = forms.DateField(widget=DATE, label=_("New end date"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"))


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(min_value=2019, max_value=2100, label=_("Year reported on"))
    kind = forms.ChoiceField(choices=ReportKind.choices, label=_("Report"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, label=_("Summary of progress")
    )


class IndicatorForm(forms.Form):
    indicator = forms.CharField(max_length=300, label=_("Indicator"))
    unit = forms.CharField(max_length=50, required=False, label=_("Unit"))
    baseline = forms.DecimalField(max_digits=14, decimal_places=2, required=False, label=_("Baseline"))
    target = forms.DecimalField(max_digits=14, decimal_places=2, required=False, label=_("Target"))
    actual = forms.DecimalField(max_digits=14, decimal_places=2, required=False, label=_("Actual"))


class BaseIndicatorFormSet(BaseLinesFormSet):
    key = "indicator"


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=BaseIndicatorFormSet, extra=2, can_delete=True)


# ---------------------------------------------------------------------------
# The Steering Committee
# ---------------------------------------------------------------------------


class MeetingForm(forms.ModelForm):
    class Meta:
        model = CommitteeMeeting
        fields = ["title", "held_on", "location", "summary"]
        widgets = {"held_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(choices=DecisionKind.choices, label=_("Decision"))
    concept_notes = forms.ModelMultipleChoiceField(
        queryset=ConceptNote.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Concept notes")
    )
    amount_usd = forms.DecimalField(
        min_value=0,
        max_digits=16,
        decimal_places=2,
        required=False,
        label=_("Amount allocated (USD)"),
        help_text=_("Only for an allocation."),
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Reasons"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concept_notes"].queryset = ConceptNote.objects.filter(
            status__in=[ConceptNoteStatus.PIPELINE, ConceptNoteStatus.SELECTED]
        ).order_by("status", "title")
        self.fields["concept_notes"].label_from_instance = lambda n: f"{n.title} ({n.get_status_display()})"
