from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_portal.taxonomy.forms import ObjectiveChoiceField, ObjectiveMultipleChoiceField
from gcm_portal.taxonomy.models import Country, Objective

from .choices import ActivityKind, CommitmentStatus, PlanStatus
from .models import Champion, FocusArea

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _objectives(label, required=False):
    return ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(), widget=forms.CheckboxSelectMultiple, required=required, label=label
    )


class ChampionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.country.name


class ProfileUpdateForm(forms.Form):
    """A proposed profile: the fields, then per focus area whether the country pursues it and what it did."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Summary"))
    priority_objectives = _objectives(_("Priority objectives"))
    coordination_body = forms.CharField(
        max_length=300, required=False, label=_("Whole-of-government coordination body")
    )
    lead_ministry = forms.CharField(max_length=300, required=False, label=_("Lead ministry"))
    plan_status = forms.ChoiceField(choices=PlanStatus.choices, label=_("National implementation plan"))
    plan_title = forms.CharField(max_length=300, required=False, label=_("Plan title"))
    plan_adopted_on = forms.DateField(widget=DATE, required=False, label=_("Plan adopted on"))
    plan_objectives = _objectives(_("Objectives the plan covers"))
    change_note = forms.CharField(max_length=300, required=False, label=_("What changes (for the Network)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.focus_areas = list(FocusArea.objects.all())
        for area in self.focus_areas:
            self.fields[f"focus_{area.number}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                label=_("Focus area %(number)s: %(title)s") % {"number": area.number, "title": area.title},
                help_text=_("What the country did under this area. Leave empty if it does not pursue it."),
            )

    def clean(self):
        data = super().clean()
        if data.get("plan_status") == PlanStatus.ADOPTED and not data.get("plan_adopted_on"):
            self.add_error("plan_adopted_on", _("Give the date an adopted plan was adopted."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "data": {
                name: data[name]
                for name in (
                    "summary",
                    "coordination_body",
                    "lead_ministry",
                    "plan_status",
                    "plan_title",
                    "plan_adopted_on",
                    "change_note",
                )
            },
            "priority_objectives": list(data["priority_objectives"]),
            "plan_objectives": list(data["plan_objectives"]),
            "focus_notes": {
                str(a.number): data[f"focus_{a.number}"] for a in self.focus_areas if data[f"focus_{a.number}"]
            },
        }

    @staticmethod
    def initial_from(source) -> dict:
        initial = {
            name: getattr(source, name)
            for name in (
                "summary",
                "coordination_body",
                "lead_ministry",
                "plan_status",
                "plan_title",
                "plan_adopted_on",
            )
        }
        initial["priority_objectives"] = list(source.priority_objectives.all())
        initial["plan_objectives"] = list(source.plan_objectives.all())
        if hasattr(source, "focus_notes"):
            initial.update({f"focus_{k}": v for k, v in (source.focus_notes or {}).items()})
        else:
            initial.update(
                {f"focus_{row.focus_area.number}": row.what_it_did or "…" for row in source.focus_area_rows.all()}
            )
        return initial


def parse_evidence(text: str) -> list[dict]:
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        title, sep, url = line.rpartition("|")
        if not sep:
            raise forms.ValidationError(_("Write each link as: title | address"))
        rows.append({"title": title.strip(), "url": url.strip()})
    return rows


class CommitmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    champion = ChampionChoiceField(queryset=Champion.objects.none(), label=_("Champion country"))
    title = forms.CharField(max_length=300, label=_("Title"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label=_("Description"))
    status = forms.ChoiceField(choices=CommitmentStatus.choices, label=_("Status"))
    objectives = _objectives(_("Objectives"))
    focus_areas = forms.ModelMultipleChoiceField(
        queryset=FocusArea.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("Focus areas")
    )
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("Evidence links"),
        help_text=_(
            "One per line, as “title | address”: a report or pledge of this portal (/reviews/…) or a web page."
        ),
    )

    def __init__(self, *args, champions, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["champion"].queryset = champions
        if editing:
            del self.fields["champion"]

    def clean_evidence(self):
        return parse_evidence(self.cleaned_data["evidence"])

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["objectives"] = list(data["objectives"])
        data["focus_areas"] = list(data["focus_areas"])
        return data


class ProgressForm(forms.Form):
    date = forms.DateField(widget=DATE, label=_("Date"), initial=timezone.localdate)
    status = forms.ChoiceField(choices=CommitmentStatus.choices, label=_("Status after this update"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Progress"))


class ActivityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(choices=ActivityKind.choices, label=_("Type"))
    title = forms.CharField(max_length=300, label=_("Title"))
    start_date = forms.DateField(widget=DATE, label=_("Date"))
    end_date = forms.DateField(widget=DATE, required=False, label=_("Until"))
    location = forms.CharField(max_length=200, required=False, label=_("Where"))
    hosts = forms.ModelMultipleChoiceField(queryset=Country.objects.none(), label=_("Hosts"))
    champions = forms.ModelMultipleChoiceField(
        queryset=Champion.objects.none(), required=False, label=_("Participating champions")
    )
    other_states = forms.ModelMultipleChoiceField(
        queryset=Country.objects.all(), required=False, label=_("Other participating States")
    )
    objectives = _objectives(_("Objectives"))
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Summary"))
    recommendations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Recommendations")
    )

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hosts"].queryset = hosts
        self.fields["champions"].queryset = Champion.objects.select_related("country")
        self.fields["champions"].label_from_instance = lambda c: c.country.name

    def clean(self):
        data = super().clean()
        if data.get("end_date") and data.get("start_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("An activity ends on or after the day it starts."))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for name in ("hosts", "champions", "other_states", "objectives"):
            data[name] = list(data[name])
        return data


class ConfirmationForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Country"))
    letter_date = forms.DateField(widget=DATE, label=_("Date of the letter"))
    signed_by = forms.CharField(max_length=300, label=_("Signed by (title and office)"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Note to the Network"))

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for index, question in enumerate(questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}), required=False, label=f"{index + 1}. {question}"
            )
        self.count = len(questions)

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer_{i}"] for i in range(self.count)]


class PairingForm(forms.Form):
    first = ChampionChoiceField(queryset=Champion.objects.select_related("country"), label=_("Champion"))
    second = ChampionChoiceField(queryset=Champion.objects.select_related("country"), label=_("Paired with"))
    started_on = forms.DateField(widget=DATE, label=_("Started"))
    objectives = _objectives(_("Objectives"))
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Outcome"))


class RequestForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Country asking"))
    objective = ObjectiveChoiceField(queryset=Objective.objects.all(), label=_("Objective"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("What the country wants to learn"))

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries


class RouteForm(forms.Form):
    champion = ChampionChoiceField(queryset=Champion.objects.none(), label=_("Champion"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Note to both countries"))

    def __init__(self, *args, champions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["champion"].queryset = champions


class MapDateForm(forms.Form):
    active_on = forms.DateField(widget=DATE, required=False, label=_("Champions on"), help_text=_("e.g. 2020-10-19"))
