"""Writes on practices, calls for practices and their peer review. Each owns its transaction; notices
and publication events go out after commit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcm_portal.accounts.choices import Role
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.notifications import notify, notify_role
from gcm_portal.core.publication import CHANGED, announce
from gcm_portal.core.workflow import transition_perform

from .. import permissions
from ..choices import REVIEW_CRITERIA, ExpertStatus, GeographicScope, PracticeStatus, Recommendation, ReviewerKind
from ..models import CallForPractices, Practice, PracticeContact, ReviewAssignment
from ..workflow import ASSIGNMENT_WORKFLOW, CALL_WORKFLOW, PRACTICE_WORKFLOW
from .common import curated_create, curated_update

__all__ = [
    "PRACTICE_FIELDS",
    "assignment_declare",
    "assignment_withdraw",
    "call_create",
    "call_update",
    "practice_create",
    "practice_transition",
    "practice_update",
    "review_submit",
    "reviewer_assign",
]

PRACTICE_FIELDS = (
    "title",
    "language",
    "implementation_start",
    "implementation_end",
    "geographic_scope",
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
)
CONTACT_FIELDS = ("name", "role", "organisation", "email")


# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


def _check_criteria(*, objectives, principles, scope, countries, contacts, call, previous_call_id=None) -> None:
    """The Hub's submission criteria: at least one objective, the guiding principles it follows, the
    countries of a national or local practice, a contact; a call only while it is open."""
    errors = {}
    if objectives is not None and not objectives:
        errors["objectives"] = _("Choose at least one GCM objective the practice relates to.")
    if principles is not None and not principles:
        errors["principles"] = _("Choose the guiding principles the practice follows.")
    if scope in (GeographicScope.NATIONAL, GeographicScope.LOCAL) and countries is not None and not countries:
        errors["countries"] = _("Name the country or countries of a national or local practice.")
    if contacts is not None and not any((c.get("name") or "").strip() for c in contacts):
        errors["contacts"] = _("Give at least one contact person.")
    if call is not None and call.pk != previous_call_id and not call.is_open:
        errors["call"] = _("This call for practices is closed.")
    if errors:
        raise ValidationError(errors)


def _replace_contacts(practice: Practice, contacts) -> None:
    practice.contacts.all().delete()
    for row in contacts:
        values = {name: (row.get(name) or "").strip() for name in CONTACT_FIELDS}
        if not values["name"]:
            continue
        contact = PracticeContact(practice=practice, **values)
        contact.full_clean(exclude=["practice"])
        contact.save()


def _snapshot(practice: Practice, names) -> dict:
    values = {}
    for name in names:
        value = getattr(practice, name)
        values[name] = str(value) if hasattr(value, "_meta") else value
    return values


def _related(practice: Practice, relations: dict) -> dict:
    return {name: sorted(str(v) for v in getattr(practice, name).all()) for name in relations}


@transaction.atomic
def practice_create(
    *,
    actor,
    data: dict,
    objectives,
    principles,
    countries=(),
    theme_responses=(),
    contacts=(),
) -> Practice:
    """A member submits a practice; it waits for Network staff."""
    if not permissions.can_submit_practice(actor):
        raise PermissionDenied(_("Sign in to submit a practice."))
    unknown = set(data) - set(PRACTICE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    countries, contacts = list(countries), list(contacts)
    _check_criteria(
        objectives=list(objectives),
        principles=list(principles),
        scope=data.get("geographic_scope"),
        countries=countries,
        contacts=contacts,
        call=data.get("call"),
    )
    practice = Practice(**data, created_by=actor)
    practice.full_clean()
    practice.save()
    practice.objectives.set(objectives)
    practice.principles.set(principles)
    practice.countries.set(countries)
    practice.theme_responses.set(theme_responses)
    _replace_contacts(practice, contacts)
    audit_record(actor=actor, action="create", target=practice, to_state=practice.status)
    notify_role(
        Role.NETWORK_STAFF,
        event="curation_requested",
        context={"title": practice.title, "kind": str(Practice._meta.verbose_name), "by": str(actor)},
        target=practice,
        actor=actor,
    )
    return practice


@transaction.atomic
def practice_update(
    *,
    practice: Practice,
    actor,
    expected_version: int,
    data: dict,
    objectives=None,
    principles=None,
    countries=None,
    theme_responses=None,
    contacts=None,
) -> Practice:
    """Save an edit made from ``expected_version`` (StaleVersion when someone saved in between). The
    submitter edits while the practice is submitted or more information is requested; staff at any time,
    and an edit of a published practice is announced."""
    practice = Practice.objects.select_for_update(of=("self",)).get(pk=practice.pk)
    if not permissions.can_edit_practice(actor, practice):
        raise PermissionDenied(_("This practice cannot be edited in its current state."))
    unknown = set(data) - set(PRACTICE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    _check_criteria(
        objectives=list(objectives) if objectives is not None else None,
        principles=list(principles) if principles is not None else None,
        scope=data.get("geographic_scope", practice.geographic_scope),
        countries=list(countries) if countries is not None else None,
        contacts=list(contacts) if contacts is not None else None,
        call=data.get("call"),
        previous_call_id=practice.call_id,
    )
    version_claim(practice, expected_version)
    relations = {
        name: values
        for name, values in (
            ("objectives", objectives),
            ("principles", principles),
            ("countries", countries),
            ("theme_responses", theme_responses),
        )
        if values is not None
    }
    before = {**_snapshot(practice, data), **_related(practice, relations)}
    for name, value in data.items():
        setattr(practice, name, value)
    practice.full_clean()
    practice.save()
    for name, values in relations.items():
        getattr(practice, name).set(values)
    if contacts is not None:
        before["contacts"] = sorted(c.name for c in practice.contacts.all())
        _replace_contacts(practice, contacts)
    after = {**_snapshot(practice, data), **_related(practice, relations)}
    if contacts is not None:
        after["contacts"] = sorted(c.name for c in practice.contacts.all())
    changes = audit_changes(before, after)
    audit_record(actor=actor, action="edit", target=practice, changes=changes)
    if practice.status == PracticeStatus.PUBLISHED and changes:
        announce(practice, CHANGED)
    return practice


def practice_transition(
    *, practice: Practice, action: str, actor, comment: str = "", expected_version=None
) -> Practice:
    return transition_perform(
        workflow=PRACTICE_WORKFLOW,
        obj=practice,
        action=action,
        actor=actor,
        comment=comment,
        expected_version=expected_version,
    )


# ---------------------------------------------------------------------------
# Peer review
# ---------------------------------------------------------------------------


@transaction.atomic
def reviewer_assign(*, practice: Practice, expert, actor) -> ReviewAssignment:
    """Staff ask an expert from the roster to review a practice. Refused for an expert who is not on the
    roster, who has a conflict (see :func:`knowledge.permissions.review_conflicts`) or who was asked
    already. The expert is told, and declares any conflict of interest before seeing the practice."""
    practice = Practice.objects.select_for_update(of=("self",)).get(pk=practice.pk)
    if not permissions.can_assign_reviewers(actor, practice):
        raise PermissionDenied(_("Reviewers are assigned by Network staff while a practice waits or is in review."))
    if expert.status != ExpertStatus.APPROVED:
        raise ValidationError({"expert": _("%(expert)s is not on the expert roster.") % {"expert": expert}})
    reasons = permissions.review_conflicts(expert, practice)
    if reasons:
        raise ValidationError(
            {
                "expert": _("%(expert)s may not review this practice: %(reasons)s.")
                % {"expert": expert, "reasons": "; ".join(reasons)}
            }
        )
    if ReviewAssignment.objects.filter(practice=practice, expert=expert).exists():
        raise ValidationError({"expert": _("%(expert)s was already asked to review it.") % {"expert": expert}})
    assignment = ReviewAssignment(
        practice=practice,
        expert=expert,
        kind=ReviewerKind.UN if expert.is_un else ReviewerKind.EXTERNAL,
        assigned_by=actor,
    )
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action="reviewer_assign",
        target=practice,
        changes={"reviewers": {"before": None, "after": f"{expert} ({assignment.get_kind_display()})"}},
    )
    notify(
        event="hub_review_assigned",
        recipients=[expert.user],
        context={"title": practice.title},
        target=assignment,
        actor=actor,
    )
    return assignment


@transaction.atomic
def assignment_declare(*, assignment: ReviewAssignment, actor, has_conflict: bool, note: str = "") -> ReviewAssignment:
    """The expert declares a conflict of interest (with what it is) or that there is none. Only after
    declaring none do they see the practice and review it; a conflict closes the assignment and staff
    are told, to ask someone else."""
    note = (note or "").strip()
    if has_conflict:
        return transition_perform(
            workflow=ASSIGNMENT_WORKFLOW,
            obj=assignment,
            action="declare_conflict",
            actor=actor,
            comment=note,
            updates={"conflict_note": note},
        )
    return transition_perform(workflow=ASSIGNMENT_WORKFLOW, obj=assignment, action="declare_no_conflict", actor=actor)


def _check_scores(scores: dict) -> dict:
    names = [name for name, _label in REVIEW_CRITERIA]
    clean, errors = {}, {}
    for name in names:
        value = scores.get(name)
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 5:
            errors[name] = _("Score each criterion from 1 to 5.")
        clean[name] = number
    unknown = set(scores) - set(names)
    if unknown:
        errors["scores"] = _("Unknown criteria: %(names)s") % {"names": ", ".join(sorted(unknown))}
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def review_submit(
    *, assignment: ReviewAssignment, actor, scores: dict, recommendation: str, comments: str = ""
) -> ReviewAssignment:
    """The expert scores the practice against each criterion (1 to 5) and recommends a decision."""
    scores = _check_scores(scores)
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose a recommendation.")})
    return transition_perform(
        workflow=ASSIGNMENT_WORKFLOW,
        obj=assignment,
        action="submit_review",
        actor=actor,
        updates={"scores": scores, "recommendation": recommendation, "comments": (comments or "").strip()},
    )


def assignment_withdraw(*, assignment: ReviewAssignment, actor) -> ReviewAssignment:
    return transition_perform(workflow=ASSIGNMENT_WORKFLOW, obj=assignment, action="withdraw", actor=actor)


# ---------------------------------------------------------------------------
# Calls for practices
# ---------------------------------------------------------------------------

CALL_FIELDS = ("title", "theme", "description", "deadline", "open_to", "contact")


@transaction.atomic
def call_create(*, actor, data: dict, objectives=(), publish: bool = False) -> CallForPractices:
    """Staff open a themed call with a deadline (publishing it opens it)."""
    if not permissions.can_open_calls(actor):
        raise PermissionDenied(_("Network staff open calls for practices."))
    return curated_create(
        model=CallForPractices,
        workflow=CALL_WORKFLOW,
        actor=actor,
        data=data,
        m2m={"objectives": list(objectives)},
        fields=CALL_FIELDS,
        publish=publish,
    )


@transaction.atomic
def call_update(*, call: CallForPractices, actor, expected_version: int, data: dict, objectives=None):
    return curated_update(
        obj=call,
        workflow=CALL_WORKFLOW,
        actor=actor,
        expected_version=expected_version,
        data=data,
        m2m={"objectives": objectives},
        fields=CALL_FIELDS,
        may_edit=permissions.can_curate,
    )
