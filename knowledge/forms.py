"""The hub's forms. They check input shapes; the rules live in the services."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from champions.models import Champion
from gcm_portal.core.curation import CurationState
from gcm_portal.core.widgets import FastSelect
from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES
from gcm_portal.taxonomy.forms import ObjectiveMultipleChoiceField
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, M49Region, Objective, UnEntity
from mptf.choices import PUBLIC_NOTE_STATES
from mptf.models import ConceptNote

from .choices import REVIEW_CRITERIA, MatchKind, Recommendation, SupportKind
from .models import (
    CallForPractices,
    DiscussionSpace,
    Event,
    Expert,
    MigrationNetwork,
    Practice,
    Resource,
    SupportRequest,
    ThemeResponse,
    WorkingGroup,
)
from .models.experts import UN_LANGUAGE_CHOICES

CHECKBOXES = forms.CheckboxSelectMultiple


def objectives_field(label=None, required=True):
    return ObjectiveMultipleChoiceField(
        queryset=Objective.objects.all(), widget=CHECKBOXES, required=required, label=label or _("GCM objectives")
    )


def languages_field(label, *, required=False, choices=UN_LANGUAGE_CHOICES):
    return forms.MultipleChoiceField(choices=choices, widget=CHECKBOXES, required=required, label=label)


def https_urls(model_field, **kwargs):
    """Model form fields, addresses typed without a scheme read as https."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class VersionedForm(forms.ModelForm):
    """A model form that posts back the version it was opened at (no lost update)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = getattr(self.instance, "version", None)

    def service_data(self, names) -> dict:
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class PublishNowMixin(forms.Form):
    publish = forms.BooleanField(
        required=False, label=_("Publish now"), help_text=_("Otherwise it waits on the curation page.")
    )


# ---------------------------------------------------------------------------
# Practices and peer review
# ---------------------------------------------------------------------------


class PracticeForm(VersionedForm):
    objectives = objectives_field(_("GCM objectives it relates to"))
    principles = forms.ModelMultipleChoiceField(
        queryset=GuidingPrinciple.objects.all(), widget=CHECKBOXES, label=_("Guiding principles it follows")
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.order_by("sort_name"),
        required=False,
        label=_("Countries"),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    theme_responses = forms.ModelMultipleChoiceField(
        queryset=ThemeResponse.objects.select_related("theme"),
        widget=CHECKBOXES,
        required=False,
        label=_("Responses to a theme (e.g. COVID-19) it is an example of"),
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "language",
            "objectives",
            "principles",
            "implementation_start",
            "implementation_end",
            "geographic_scope",
            "countries",
            "practice_type",
            "implementing_partners",
            "description",
            "results",
            "lessons",
            "replicability",
            "organisation",
            "submitter_country",
            "exclude_same_country_reviewers",
            "call",
            "theme_responses",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in ("description", "results", "lessons", "replicability", "implementing_partners")
        }

    def __init__(self, *args, calls=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.call_id
        queryset = CallForPractices.objects.filter(curation=CurationState.PUBLISHED)
        if calls is not None:
            queryset = queryset.filter(pk__in=[c.pk for c in calls] + ([current] if current else []))
        self.fields["call"].queryset = queryset
        self.fields["submitter_country"].queryset = Country.objects.order_by("sort_name")
        self.fields["implementation_start"].widget.attrs.update(min=1950, max=2100)
        self.fields["implementation_end"].widget.attrs.update(min=1950, max=2100)


class ContactForm(forms.Form):
    name = forms.CharField(max_length=150, required=False, label=_("Name"))
    role = forms.CharField(max_length=150, required=False, label=_("Role"))
    organisation = forms.CharField(max_length=200, required=False, label=_("Organisation"))
    email = forms.EmailField(required=False, label=_("E-mail address"))


ContactFormSet = forms.formset_factory(ContactForm, extra=2, max_num=10)


def contacts_of(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data.get("name")]


class AssignReviewerForm(forms.Form):
    expert = forms.ModelChoiceField(queryset=Expert.objects.none(), label=_("Expert"))

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        choices=[
            ("no", _("I have no conflict of interest with this practice")),
            ("yes", _("I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label=_("Conflict of interest"),
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("If you have one, what it is"),
        help_text=_("Only Network staff read this."),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what the conflict of interest is."))
        return data


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        choices=Recommendation.choices, widget=forms.RadioSelect, label=_("Your recommendation")
    )
    comments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, label=_("Comments for Network staff")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for name, label in REVIEW_CRITERIA:
            fields[f"score_{name}"] = forms.ChoiceField(
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect(attrs={"class": "inline-choices"}),
                label=label,
                help_text=_("1 = weak, 5 = strong"),
            )
        fields.update(self.fields)
        self.fields = fields

    def scores(self) -> dict:
        return {name: int(self.cleaned_data[f"score_{name}"]) for name, _label in REVIEW_CRITERIA}


class CallForm(VersionedForm, PublishNowMixin):
    objectives = objectives_field(required=False)

    class Meta:
        model = CallForPractices
        fields = ["title", "theme", "description", "deadline", "open_to", "contact", "objectives"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }


# ---------------------------------------------------------------------------
# Expert roster
# ---------------------------------------------------------------------------


class ExpertApplicationForm(forms.ModelForm):
    objectives = objectives_field(_("Your expertise by GCM objective"))
    languages = languages_field(_("Your working languages"), required=True)
    cv = forms.FileField(label=_("Your CV"), help_text=_("PDF, Word (DOCX) or OpenDocument text (ODT)."))
    cv_language = forms.ChoiceField(choices=UN_LANGUAGE_CHOICES, label=_("Language of the CV"))

    class Meta:
        model = Expert
        fields = [
            "application_language",
            "gender",
            "country",
            "region",
            "objectives",
            "languages",
            "years_of_experience",
            "organisation",
            "organisation_type",
            "un_entity",
            "expertise",
            "publications",
        ]
        widgets = {
            "expertise": forms.Textarea(attrs={"rows": 5}),
            "publications": forms.Textarea(attrs={"rows": 3}),
            "organisation_type": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.order_by("sort_name")
        self.fields["region"].queryset = M49Region.objects.filter(level="region").order_by("name")
        self.fields["un_entity"].queryset = UnEntity.objects.order_by("code")
        self.fields["years_of_experience"].widget.attrs.update(min=0, max=80)


# ---------------------------------------------------------------------------
# Resources and events
# ---------------------------------------------------------------------------


class ResourceForm(VersionedForm, PublishNowMixin):
    languages = languages_field(_("Languages"), choices=CONTENT_LANGUAGE_CHOICES)
    objectives = objectives_field(required=False)
    principles = forms.ModelMultipleChoiceField(
        queryset=GuidingPrinciple.objects.all(), widget=CHECKBOXES, required=False, label=_("Guiding principles")
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.order_by("sort_name"), required=False, label=_("Countries")
    )

    class Meta:
        model = Resource
        formfield_callback = https_urls
        fields = [
            "title",
            "resource_type",
            "summary",
            "publisher",
            "publication_date",
            "languages",
            "audience",
            "geographic_scope",
            "countries",
            "objectives",
            "principles",
            "working_group",
            "url",
        ]
        widgets = {
            "publication_date": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(curation=CurationState.PUBLISHED)
        if not staff:
            del self.fields["publish"]


def _zone_choices():
    return [(name, name) for name in sorted(available_timezones()) if "/" in name or name == "UTC"]


class EventForm(VersionedForm, PublishNowMixin):
    """Times are entered as the organisers announce them, in the event's time zone."""

    starts_at = forms.DateTimeField(
        label=_("Starts (in the event's time zone)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends (in the event's time zone)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    timezone = forms.ChoiceField(label=_("Time zone"), initial="Europe/Zurich")
    interpretation_languages = languages_field(_("Interpretation languages"))
    objectives = objectives_field(required=False)

    class Meta:
        model = Event
        formfield_callback = https_urls
        fields = [
            "title",
            "kind",
            "format",
            "starts_at",
            "ends_at",
            "timezone",
            "location",
            "organiser",
            "audience",
            "interpretation_languages",
            "description",
            "registration_url",
            "recording_url",
            "summary",
            "objectives",
            "resources",
            "practices",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = _zone_choices()
        self.fields["resources"].queryset = Resource.objects.filter(curation=CurationState.PUBLISHED)
        self.fields["practices"].queryset = Practice.objects.published()
        if self.instance.pk and not self.is_bound:
            zone = self.instance.zone
            for name in ("starts_at", "ends_at"):
                value = getattr(self.instance, name)
                if value:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M")

    def clean(self):
        data = super().clean()
        try:
            zone = ZoneInfo(data.get("timezone") or "UTC")
        except (ValueError, KeyError):
            return data
        for name in ("starts_at", "ends_at"):
            value = data.get(name)
            if value:
                # The field read the digits in UTC: read them again in the event's time zone.
                naive = timezone.make_naive(value, UTC)
                data[name] = naive.replace(tzinfo=zone)
        return data


# ---------------------------------------------------------------------------
# Working groups and networks
# ---------------------------------------------------------------------------


class GroupForm(VersionedForm, PublishNowMixin):
    objectives = objectives_field(required=False)

    class Meta:
        model = WorkingGroup
        formfield_callback = https_urls
        fields = [
            "code",
            "name",
            "workplan_period",
            "description",
            "un_co_leads",
            "stakeholder_co_leads",
            "member_entities",
            "stakeholder_members",
            "objectives",
            "call_open",
            "call_text",
            "source_title",
            "source_url",
            "source_date",
            "verified",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "stakeholder_co_leads": forms.Textarea(attrs={"rows": 3}),
            "stakeholder_members": forms.Textarea(attrs={"rows": 3}),
            "call_text": forms.Textarea(attrs={"rows": 3}),
            "un_co_leads": CHECKBOXES,
            "member_entities": CHECKBOXES,
            "source_date": forms.DateInput(attrs={"type": "date"}),
        }


class JoinForm(forms.Form):
    organisation = forms.CharField(max_length=200, label=_("Your organisation"))
    motivation = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("What you would bring"))


class NetworkForm(VersionedForm, PublishNowMixin):
    class Meta:
        model = MigrationNetwork
        formfield_callback = https_urls
        fields = [
            "kind",
            "name",
            "country",
            "un_team",
            "established_on",
            "co_chairs",
            "co_chairs_other",
            "member_entities",
            "migration_in_cca",
            "migration_in_cooperation_framework",
            "summary",
            "source_title",
            "source_url",
            "source_date",
            "verified",
        ]
        widgets = {
            "established_on": forms.DateInput(attrs={"type": "date"}),
            "source_date": forms.DateInput(attrs={"type": "date"}),
            "co_chairs": CHECKBOXES,
            "member_entities": CHECKBOXES,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.order_by("sort_name")


# ---------------------------------------------------------------------------
# Discussion spaces
# ---------------------------------------------------------------------------


class SpaceForm(VersionedForm, PublishNowMixin):
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), label=_("Questions"), help_text=_("One question per line.")
    )
    languages = languages_field(_("Languages of the discussion"), required=True)
    objectives = objectives_field(required=False)

    class Meta:
        model = DiscussionSpace
        fields = [
            "title",
            "description",
            "questions",
            "moderator",
            "audience",
            "languages",
            "opens_on",
            "closes_on",
            "objectives",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, moderators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderator"].queryset = moderators
        if self.instance.pk and not self.is_bound:
            self.initial["questions"] = "\n".join(q.text for q in self.instance.questions.all())

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Your comment"), max_length=10000)
    language = forms.ChoiceField(choices=UN_LANGUAGE_CHOICES, label=_("Language"))
    question = forms.ModelChoiceField(queryset=None, required=False, label=_("Question you answer"))
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = space.questions.all()
        self.fields["question"].label_from_instance = lambda q: q.text
        # the space's languages, the reader's own first when the space takes it
        labels = dict(UN_LANGUAGE_CHOICES)
        codes = [code for code in space.languages if code in labels] or [code for code, _label in UN_LANGUAGE_CHOICES]
        self.fields["language"].choices = [(code, labels[code]) for code in codes]
        current = (get_language() or "en").split("-")[0]
        self.fields["language"].initial = current if current in codes else codes[0]


class ReportForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Why should a moderator look at this comment?"),
        max_length=2000,
    )


# ---------------------------------------------------------------------------
# Connection Hub
# ---------------------------------------------------------------------------


class SupportRequestForm(VersionedForm):
    objectives = objectives_field(_("GCM objectives the request is about"))
    support_kinds = forms.MultipleChoiceField(
        choices=SupportKind.choices, widget=CHECKBOXES, label=_("Kind of support")
    )
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Country"))

    class Meta:
        model = SupportRequest
        fields = ["country", "title", "objectives", "support_kinds", "description", "urgency"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["country"]
        else:
            self.fields["country"].queryset = countries


class MatchForm(forms.Form):
    kind = forms.ChoiceField(choices=MatchKind.choices, label=_("Matched to"))
    expert = forms.ModelChoiceField(queryset=Expert.objects.none(), required=False, label=_("Expert"))
    un_entity = forms.ModelChoiceField(queryset=UnEntity.objects.order_by("code"), required=False, label=_("UN entity"))
    practice = forms.ModelChoiceField(queryset=Practice.objects.none(), required=False, label=_("Practice"))
    peer_state = forms.ModelChoiceField(
        queryset=Country.objects.order_by("sort_name"), required=False, label=_("Peer State"), widget=FastSelect
    )
    champion = forms.ModelChoiceField(queryset=Champion.objects.none(), required=False, label=_("Champion country"))
    concept_note = forms.ModelChoiceField(
        queryset=ConceptNote.objects.none(), required=False, label=_("Trust-fund concept note")
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Note to the requester"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = Expert.objects.approved().select_related("user")
        self.fields["practice"].queryset = Practice.objects.published()
        self.fields["champion"].queryset = (
            Champion.objects.active_on(timezone.localdate()).select_related("country").order_by("country__sort_name")
        )
        self.fields["champion"].label_from_instance = lambda champion: champion.country.name
        self.fields["concept_note"].queryset = ConceptNote.objects.filter(status__in=PUBLIC_NOTE_STATES).order_by(
            "title"
        )

    def target(self):
        return self.cleaned_data.get(self.cleaned_data["kind"])


class MessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Message"), max_length=10000)
