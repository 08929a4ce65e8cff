from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES
from gcm_portal.taxonomy.forms import ObjectiveChoiceField, ObjectiveMultipleChoiceField
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective

from .choices import ProgressStatus
from .models import Pledge, RegionalReview, StakeholderContribution, VoluntaryReport


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
        # Only the reviews these countries take part in, the open ones first.
        self.fields["review"].queryset = (
            RegionalReview.objects.filter(commission__memberships__country__in=countries)
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
            commission__memberships__country=report.country_id
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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    objectives = ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(), widget=forms.CheckboxSelectMultiple, label=_("Main objectives (one to three)")
    )

    class Meta:
        model = Pledge
        fields = [
            "submitting_entity",
            "entity_type",
            "is_champion",
            "countries",
            "region",
            "title",
            "kind",
            "objectives",
            "description",
            "status",
            "review",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = countries
        self.fields["review"].queryset = RegionalReview.objects.select_related("cycle", "commission")
        self.fields["version"].initial = self.instance.version

    def clean_objectives(self):
        objectives = self.cleaned_data["objectives"]
        if not 1 <= len(objectives) <= 3:
            raise forms.ValidationError(_("Choose one to three main objectives."))
        return objectives


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
