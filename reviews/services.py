"""Writes on reviews, reports, pledges and contributions. Each owns its transaction; side effects
(notifications, e-mail, text extraction, publication events) are queued to run after commit.

Workflow moves go through the kernel engine with this app's tables (``workflow.py``); documents through
the kernel's attachment services with ``REPORT_DOCUMENTS``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_portal import permissions as roles
from gcm_portal.accounts.choices import Role
from gcm_portal.core.attachments import Attachments, attachment_add, attachment_remove
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.curation import CurationState, curation_perform, curation_submitted
from gcm_portal.core.notifications import notify_role
from gcm_portal.core.publication import CHANGED, announce
from gcm_portal.core.workflow import BulkResult, transition_perform, transition_perform_many

from . import permissions, selectors
from .models import ObjectiveProgress, Pledge, ReportComment, ReportDocument, StakeholderContribution, VoluntaryReport
from .snapshots import PROGRESS_FIELDS, REPORT_FIELDS, published_document_ids, report_snapshot, report_version_create
from .workflow import CONTRIBUTION_WORKFLOW, PLEDGE_WORKFLOW, REPORT_WORKFLOW

__all__ = [
    "REPORT_DOCUMENTS",
    "contribution_curate",
    "contribution_submit",
    "pledge_create",
    "pledge_curate",
    "pledge_update",
    "report_bulk_transition",
    "report_comment_add",
    "report_create",
    "report_document_add",
    "report_document_remove",
    "report_transition",
    "report_update",
    "review_reminders_send",
]


# ---------------------------------------------------------------------------
# Reports: workflow and documents
# ---------------------------------------------------------------------------


def report_transition(
    *, report: VoluntaryReport, action: str, actor, comment: str = "", expected_version=None
) -> VoluntaryReport:
    return transition_perform(
        workflow=REPORT_WORKFLOW,
        obj=report,
        action=action,
        actor=actor,
        comment=comment,
        expected_version=expected_version,
    )


def report_bulk_transition(*, reports, action: str, actor) -> BulkResult:
    """Apply one action to many reports; each succeeds or fails on its own and says why."""
    return transition_perform_many(workflow=REPORT_WORKFLOW, objects=reports, action=action, actor=actor)


def _published_document_kept(document: ReportDocument, report: VoluntaryReport) -> str | None:
    if report.public_version_id and document.pk in published_document_ids(report.public_version):
        return _(
            "“%(name)s” belongs to the published version and stays available. Attach a corrected document instead."
        ) % {"name": document.original_name}
    return None


REPORT_DOCUMENTS = Attachments(
    model=ReportDocument,
    parent_field="report",
    parent_queryset=selectors.report_detail,
    may_manage=permissions.can_see_working_copy,
    may_change=permissions.can_edit_report,
    visible=selectors.documents_visible_to,
    keep=_published_document_kept,
    refusal=gettext_lazy("Documents can only be added or removed while the report can be edited."),
)


def report_document_add(*, report: VoluntaryReport, actor, upload, language: str) -> ReportDocument:
    return attachment_add(attachments=REPORT_DOCUMENTS, parent=report, actor=actor, upload=upload, language=language)


def report_document_remove(*, document: ReportDocument, actor) -> None:
    attachment_remove(attachments=REPORT_DOCUMENTS, document=document, actor=actor)


# ---------------------------------------------------------------------------
# Reports: creating and editing
# ---------------------------------------------------------------------------


def _check_review_fits_country(review, country) -> None:
    if review is not None and not review.commission.memberships.filter(country=country).exists():
        raise ValidationError(
            {"review": _("%(country)s does not take part in %(review)s.") % {"country": country, "review": review}}
        )


@transaction.atomic
def report_create(*, actor, country, title: str, review=None, languages: list[str] | None = None) -> VoluntaryReport:
    if not permissions.can_create_report_for(actor, country):
        raise PermissionDenied(_("You may not create reports for this country."))
    _check_review_fits_country(review, country)
    report = VoluntaryReport(
        country=country, review=review, title=title.strip(), languages=languages or [], created_by=actor
    )
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="create", target=report, to_state=report.status)
    report_version_create(report=report, actor=actor, note=_("Created"))
    return report


@transaction.atomic
def report_update(
    *,
    report: VoluntaryReport,
    actor,
    expected_version: int,
    data: dict,
    progress: list[dict] | None = None,
    objectives=None,
    principles=None,
) -> VoluntaryReport:
    """Save an edit made from ``expected_version``. Raises StaleVersion when someone saved in between
    (nothing is written), PermissionDenied when the report is not editable by ``actor``."""
    report = selectors.report_detail(actor).get(pk=report.pk)
    if not permissions.can_edit_report(actor, report):
        raise PermissionDenied(_("This report cannot be edited in its current state."))
    forbidden = set(data) - {*REPORT_FIELDS, "languages", "review"}
    if forbidden:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(forbidden))}
        )
    if "review" in data:
        if report.public_version_id and data["review"] != report.review:
            raise ValidationError(
                {
                    "review": _(
                        "A published report stays attached to its regional review; corrections change its content."
                    )
                }
            )
        _check_review_fits_country(data["review"], report.country)
    version_claim(report, expected_version)
    before = report_snapshot(report)
    for name, value in data.items():
        setattr(report, name, value)
    report.full_clean(exclude=["public_version", "created_by"])
    report.save()
    if objectives is not None:
        report.objectives.set(objectives)
    if principles is not None:
        report.principles.set(principles)
    if progress is not None:
        _replace_progress(report, progress)
    report = selectors.report_detail(actor).get(pk=report.pk)
    after = report_snapshot(report)
    changes = audit_changes(before, after)
    audit_record(actor=actor, action="edit", target=report, changes=changes)
    report_version_create(
        report=report, actor=actor, note=_("Edited: %(fields)s") % {"fields": ", ".join(changes) or "-"}
    )
    return report


def _replace_progress(report: VoluntaryReport, rows: list[dict]) -> None:
    numbers = [row["objective"].number for row in rows]
    if len(numbers) != len(set(numbers)):
        raise ValidationError(_("Each objective can have only one section."))
    report.progress.exclude(objective__in=[row["objective"] for row in rows]).delete()
    for row in rows:
        ObjectiveProgress.objects.update_or_create(
            report=report, objective=row["objective"], defaults={f: row.get(f, "") for f in PROGRESS_FIELDS}
        )
    report.objectives.add(*[row["objective"] for row in rows])


@transaction.atomic
def report_comment_add(*, report: VoluntaryReport, actor, body: str) -> ReportComment:
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Only Network staff comment on reports."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    comment = ReportComment.objects.create(report=report, author=actor, body=body)
    audit_record(actor=actor, action="comment", target=report, comment=body)
    notify_role(
        Role.FOCAL_POINT,
        country=report.country,
        event="report_comment",
        context={"report_title": report.title, "country": report.country.name, "comment": body},
        target=report,
        actor=actor,
    )
    return comment


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------


def _check_pledge(objectives, countries, actor, *, joint_with=()) -> None:
    """One to three objectives; a focal point names only countries they represent (or that were already
    on the joint pledge they are editing)."""
    if not 1 <= len(objectives) <= 3:
        raise ValidationError({"objectives": _("Choose one to three main objectives.")})
    if not roles.is_network_staff(actor):
        allowed = roles.country_ids_represented(actor) | {c.pk for c in joint_with}
        if not countries or any(c.pk not in allowed for c in countries):
            raise ValidationError({"countries": _("Focal points pledge for the countries they represent.")})


def _pledge_countries_after_edit(pledge: Pledge, chosen, actor) -> list:
    """A focal point edits only their own countries on a joint pledge: the others stay as they are."""
    if roles.is_network_staff(actor):
        return list(chosen)
    represented = roles.country_ids_represented(actor)
    others = [c for c in pledge.countries.all() if c.pk not in represented]
    return [c for c in chosen if c.pk in represented] + others


@transaction.atomic
def pledge_create(*, actor, data: dict, countries, objectives) -> Pledge:
    if not permissions.can_create_pledges(actor):
        raise PermissionDenied(_("Only focal points and Network staff record pledges."))
    _check_pledge(objectives, countries, actor)
    pledge = Pledge(**data, created_by=actor)
    pledge.full_clean()
    pledge.save()
    pledge.countries.set(countries)
    pledge.objectives.set(objectives)
    curation_submitted(
        item=pledge,
        actor=actor,
        event="pledge_submitted",
        context={"title": pledge.title, "entity": pledge.submitting_entity},
    )
    return pledge


@transaction.atomic
def pledge_update(
    *, pledge: Pledge, actor, expected_version: int, data: dict, countries=None, objectives=None
) -> Pledge:
    """A focal point updates a pledge's progress freely; a changed text waits for curation again (the
    kernel's internal ``revise`` action). Staff edits keep a published pledge public."""
    if not permissions.can_edit_pledge(actor, pledge):
        raise PermissionDenied(_("You may not edit this pledge."))
    current_countries = list(pledge.countries.all())
    current_objectives = list(pledge.objectives.all())
    if countries is not None:
        countries = _pledge_countries_after_edit(pledge, countries, actor)
    if objectives is not None or countries is not None:
        _check_pledge(
            objectives if objectives is not None else current_objectives,
            countries if countries is not None else current_countries,
            actor,
            joint_with=current_countries,
        )
    version_claim(pledge, expected_version)
    before = {k: getattr(pledge, k) for k in data}
    before.update(
        countries=sorted(c.iso2 for c in current_countries), objectives=sorted(o.number for o in current_objectives)
    )
    for name, value in data.items():
        setattr(pledge, name, value)
    pledge.full_clean()
    pledge.save()
    if countries is not None:
        pledge.countries.set(countries)
    if objectives is not None:
        pledge.objectives.set(objectives)
    after = {k: getattr(pledge, k) for k in data}
    after.update(
        countries=sorted(c.iso2 for c in (countries if countries is not None else current_countries)),
        objectives=sorted(o.number for o in (objectives if objectives is not None else current_objectives)),
    )
    changes = audit_changes(before, after)
    status_change = changes.get("status", {})
    audit_record(
        actor=actor,
        action="edit",
        target=pledge,
        changes=changes,
        from_state=status_change.get("before") or "",
        to_state=status_change.get("after") or "",
    )
    if pledge.curation == CurationState.PUBLISHED:
        if set(changes) - {"status"} and not roles.is_network_staff(actor):
            pledge = transition_perform(workflow=PLEDGE_WORKFLOW, obj=pledge, action="revise", actor=actor)
        elif changes:
            announce(pledge, CHANGED)
    return pledge


def pledge_curate(*, pledge: Pledge, action: str, actor, comment: str = "") -> Pledge:
    """Staff publish, decline or reopen a pledge (one decision wins)."""
    return curation_perform(workflow=PLEDGE_WORKFLOW, item=pledge, action=action, actor=actor, comment=comment)


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


@transaction.atomic
def contribution_submit(
    *,
    actor,
    title: str,
    body: str,
    review=None,
    report=None,
    organisation: str = "",
    language: str = "en",
    objectives=(),
) -> StakeholderContribution:
    if not permissions.can_contribute(actor):
        raise PermissionDenied(_("Sign in to contribute."))
    if report is not None and report.public_version_id is None:
        raise ValidationError(_("Contributions can only be made about a published report."))
    contribution = StakeholderContribution(
        created_by=actor,
        title=title.strip(),
        body=body.strip(),
        review=review,
        report=report,
        organisation=organisation,
        language=language,
    )
    contribution.full_clean()
    contribution.save()
    contribution.objectives.set(objectives)
    curation_submitted(
        item=contribution, actor=actor, event="contribution_submitted", context={"title": contribution.title}
    )
    return contribution


def contribution_curate(*, contribution: StakeholderContribution, action: str, actor, comment: str = ""):
    return curation_perform(
        workflow=CONTRIBUTION_WORKFLOW, item=contribution, action=action, actor=actor, comment=comment
    )


# ---------------------------------------------------------------------------
# Deadline reminders
# ---------------------------------------------------------------------------

REMINDER_DAYS = (30, 7, 1)


@transaction.atomic
def review_reminders_send(*, today) -> list[str]:
    """Remind focal points of States without a submitted report 30, 7 and 1 days before a review's
    deadline, and tell staff which States are late the day after. Idempotent per review and kind."""
    from django.urls import reverse

    from .models import RegionalReview, ReviewReminder

    sent = []
    reviews = RegionalReview.objects.filter(submission_deadline__isnull=False).select_related("commission")
    for review in reviews:
        days_left = (review.submission_deadline - today).days
        kind = str(days_left) if days_left in REMINDER_DAYS else ("late" if days_left < 0 else None)
        if kind is None or ReviewReminder.objects.filter(review=review, kind=kind).exists():
            continue
        if kind == "late" and days_left < -7:
            continue
        ReviewReminder.objects.create(review=review, kind=kind)
        states = list(selectors.states_without_submission(review))
        if kind == "late":
            if states:
                notify_role(
                    Role.NETWORK_STAFF,
                    event="late_states",
                    context={
                        "review_title": review.title,
                        "deadline": review.submission_deadline,
                        "countries": [c.name for c in states],
                        "count": len(states),
                    },
                    target=review,
                )
        else:
            for country in states:
                notify_role(
                    Role.FOCAL_POINT,
                    country=country,
                    event="deadline_reminder",
                    context={
                        "review_title": review.title,
                        "deadline": review.submission_deadline,
                        "country": country.name,
                        "days": days_left,
                    },
                    path=reverse("my-country"),
                )
        sent.append(f"{review.pk}:{kind}")
    return sent
