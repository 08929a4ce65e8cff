from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_portal.core.widgets import FastSelect, FastSelectMultiple
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES
from gcm_portal.taxonomy.forms import ObjectiveChoiceField, ObjectiveMultipleChoiceField
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective

from .choices import PledgingParty, ProgressStatus
from .models import Pledge, PledgeUpdate, RegionalReview, StakeholderContribution, VoluntaryReport


class ReportCreateForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Country"))
    review = forms.ModelChoiceField(
        queryset=RegionalReview.objects.select_related("cycle", "commission"),
        required=False,
        label=_("Regional review"),
        help_text=_("Leave empty for a report outside a regional review."),
    )
    title = forms.CharField(max_length=300, label=_("Title"))
    languages = forms.MultipleChoiceField(
        choices=CONTENT_LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple, label=_("Written in"), required=False
    )

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        # Only the reviews these countries are invited to, the open ones first.
        self.fields["review"].queryset = (
            RegionalReview.objects.filter(invitations__country__in=countries)
            .select_related("cycle", "commission")
            .distinct()
            .order_by("-cycle__start_year", "commission__code")
        )


class ReportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    languages = forms.MultipleChoiceField(
        choices=CONTENT_LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple, label=_("Written in"), required=False
    )
    objectives = ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Objectives the report covers"),
    )
    principles = forms.ModelMultipleChoiceField(
        queryset=GuidingPrinciple.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Guiding principles"),
    )

    class Meta:
        model = VoluntaryReport
        fields = [
            "title",
            "review",
            "languages",
            "review_process",
            "policy_framework",
            "national_plan",
            "means_of_implementation",
            "next_steps",
            "objectives",
            "principles",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in ("review_process", "policy_framework", "national_plan", "means_of_implementation", "next_steps")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report = self.instance
        self.fields["review"].queryset = RegionalReview.objects.filter(
            invitations__country=report.country_id
        ).select_related("cycle", "commission")
        self.fields["version"].initial = report.version


class ProgressForm(forms.Form):
    objective = ObjectiveChoiceField(queryset=Objective.objects.all(), label=_("Objective"))
    # A blank first choice keeps an untouched empty block "unchanged", so it is skipped, not validated.
    status = forms.ChoiceField(choices=[("", "---------"), *ProgressStatus.choices], label=_("Status"))
    measures = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Measures taken"))
    challenges = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Challenges"))
    support_needed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Support needed")
    )


class BaseProgressFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            objective = form.cleaned_data.get("objective")
            if objective in seen:
                raise forms.ValidationError(_("Each objective can have only one section."))
            seen.add(objective)

    def rows(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]


ProgressFormSet = forms.formset_factory(ProgressForm, formset=BaseProgressFormSet, extra=2, can_delete=True)


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Comment to the focal points"))


class PledgeForm(forms.ModelForm):
    """The pledging initiative's form. Member State pledges are offered to focal points (for the States
    they represent) and staff; any member pledges for a stakeholder organisation."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    objectives = ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(), widget=forms.CheckboxSelectMultiple, label=_("Main objectives (one to three)")
    )
    matches = forms.CharField(
        max_length=20,
        required=False,
        label=_("Matches the pledge"),
        help_text=_("To match another pledge, give its identifier (e.g. PLG-000012)."),
    )
    document = forms.FileField(
        required=False,
        label=_("Attachment (optional)"),
        help_text=_("One document of up to 25 MB: PDF, Word or OpenDocument."),
    )
    document_language = forms.ChoiceField(
        choices=CONTENT_LANGUAGE_CHOICES, required=False, initial="en", label=_("Language of the attachment")
    )

    class Meta:
        model = Pledge
        fields = [
            "party_type",
            "submitting_entity",
            "pledging_countries",
            "kind",
            "partners",
            "pledge_type",
            "title",
            "description",
            "objectives",
            "is_global",
            "countries",
            "region",
            "forum",
            "review",
            "pledged_on",
            "contact_name",
            "contact_email",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8, "minlength": 300, "maxlength": 3000}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "pledging_countries": FastSelectMultiple(attrs={"size": 6}),
            "countries": FastSelectMultiple(attrs={"size": 8}),
            "pledged_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, states, **kwargs):
        """``states``: the States the user may pledge in the name of (none for a plain member)."""
        super().__init__(*args, **kwargs)
        self.fields["pledging_countries"].queryset = states
        self.fields["pledging_countries"].help_text = _("For a Member State pledge: the State or States making it.")
        self.fields["countries"].queryset = Country.objects.order_by("sort_name")
        self.fields["countries"].help_text = _(
            "Where it is carried out, which need not be the pledging party's own country; or tick “global”."
        )
        self.fields["review"].queryset = RegionalReview.objects.select_related("cycle", "commission")
        self.fields["review"].required = False
        self.fields["forum"].required = False
        if not states.exists():
            self.fields["party_type"].choices = [
                c for c in self.fields["party_type"].choices if c[0] != PledgingParty.MEMBER_STATE
            ]
            del self.fields["pledging_countries"]
        if not self.instance.pk:
            del self.fields["status"]
        else:
            del self.fields["document"]
            del self.fields["document_language"]
            self.fields["matches"].initial = self.instance.matches.reference if self.instance.matches_id else ""
        self.fields["version"].initial = self.instance.version

    def clean_objectives(self):
        objectives = self.cleaned_data["objectives"]
        if not 1 <= len(objectives) <= 3:
            raise forms.ValidationError(_("Choose one to three main objectives."))
        return objectives

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        arguments = {
            "objectives": list(data.pop("objectives")),
            "countries": list(data.pop("countries")),
            "pledging_countries": list(data.pop("pledging_countries", [])),
            "matches_reference": data.pop("matches"),
        }
        data.pop("version", None)
        if "document" in data:
            arguments["document"] = data.pop("document")
            arguments["document_language"] = data.pop("document_language") or "en"
        arguments["data"] = data
        return arguments


class PledgeProgressForm(forms.ModelForm):
    class Meta:
        model = PledgeUpdate
        fields = ["status", "reported_on", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "reported_on": forms.DateInput(attrs={"type": "date"})}


class InvitationForm(forms.Form):
    """Add a State to a review's list, or take one off, with the public source that says so."""

    country = forms.ModelChoiceField(
        queryset=Country.objects.order_by("sort_name"), label=_("State"), widget=FastSelect
    )
    note = forms.CharField(max_length=300, required=False, label=_("Why"))
    source_title = forms.CharField(max_length=300, label=_("Source"), help_text=_("e.g. the review's concept note"))
    source_url = forms.URLField(max_length=500, assume_scheme="https", label=_("Address of the source"))
    source_date = forms.DateField(
        required=False, label=_("Date of the source"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def source(self) -> dict:
        day = self.cleaned_data.get("source_date")
        return {
            "title": self.cleaned_data["source_title"],
            "url": self.cleaned_data["source_url"],
            "date": day.isoformat() if day else "",
        }


class ContributionForm(forms.ModelForm):
    objectives = ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("Objectives")
    )

    class Meta:
        model = StakeholderContribution
        fields = ["title", "organisation", "language", "body", "objectives"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "language": forms.Select(choices=CONTENT_LANGUAGE_CHOICES),
        }
