"""Writes on reviews, reports, pledges and contributions. Each owns its transaction; side effects
(notifications, e-mail, text extraction, publication events) are queued to run after commit.

Workflow moves go through the kernel engine with this app's tables (``workflow.py``); documents through
the kernel's attachment services with ``REPORT_DOCUMENTS``.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_portal import permissions as roles
from gcm_portal.accounts.choices import Role
from gcm_portal.core.attachments import Attachments, attachment_add, attachment_remove
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.curation import CurationState, curation_perform, curation_submitted
from gcm_portal.core.notifications import notify, notify_role
from gcm_portal.core.publication import CHANGED, announce
from gcm_portal.core.sources import validate_sources
from gcm_portal.core.workflow import BulkResult, transition_perform, transition_perform_many
from gcm_portal.taxonomy.choices import MembershipKind
from gcm_portal.taxonomy.models import CommissionMembership

from . import permissions, selectors
from .choices import InvitationBasis, PledgeKind, PledgeStatus, PledgingParty, ReportStatus
from .models import (
    ObjectiveProgress,
    Pledge,
    PledgeDocument,
    PledgeUpdate,
    RegionalReview,
    ReportComment,
    ReportDocument,
    ReviewInvitation,
    StakeholderContribution,
    VoluntaryReport,
)
from .snapshots import PROGRESS_FIELDS, REPORT_FIELDS, published_document_ids, report_snapshot, report_version_create
from .workflow import CONTRIBUTION_WORKFLOW, PLEDGE_WORKFLOW, REPORT_WORKFLOW

__all__ = [
    "PLEDGE_DOCUMENTS",
    "REPORT_DOCUMENTS",
    "contribution_curate",
    "contribution_submit",
    "invitation_add",
    "invitation_remove",
    "pledge_create",
    "pledge_curate",
    "pledge_progress_remove",
    "pledge_progress_report",
    "pledge_update",
    "report_bulk_transition",
    "report_comment_add",
    "report_create",
    "report_document_add",
    "report_document_remove",
    "report_transition",
    "report_update",
    "review_invite_regional_members",
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
    if review is not None and not review.invitations.filter(country=country).exists():
        raise ValidationError(
            {
                "review": _("%(country)s is not invited to report to %(review)s.")
                % {"country": country, "review": review}
            }
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

PLEDGE_FIELDS = (
    "party_type",
    "submitting_entity",
    "partners",
    "kind",
    "pledge_type",
    "is_global",
    "region",
    "title",
    "description",
    "contact_name",
    "contact_email",
    "status",
    "pledged_on",
    "forum",
    "review",
)


def _check_pledge(
    pledge: Pledge, *, actor, pledging_countries, countries, objectives, creating: bool, kept_states=frozenset()
) -> None:
    """The pledging initiative's rules. ``kept_states`` are pledging States already on the pledge, which a
    focal point editing it keeps without representing them."""
    errors: dict[str, str] = {}
    if not 1 <= len(objectives) <= 3:
        errors["objectives"] = _("Choose one to three main objectives.")
    if pledge.party_type == PledgingParty.MEMBER_STATE:
        added = [c for c in pledging_countries if c.pk not in kept_states]
        if not pledging_countries:
            errors["pledging_countries"] = _("Name the Member State or States making the pledge.")
        elif added and not permissions.can_pledge_for_states(actor, added):
            errors["pledging_countries"] = _(
                "Only a focal point of a State, or Network staff, can pledge in that State's name. "
                "Choose another pledging party to pledge for your organisation."
            )
    elif pledging_countries:
        errors["pledging_countries"] = _(
            "Only Member State pledges name pledging States; write your organisation as the submitting entity."
        )
    if pledge.is_global and (countries or pledge.region.strip()):
        errors["countries"] = _("A global pledge names no countries or region.")
    elif not pledge.is_global and not countries and not pledge.region.strip():
        errors["countries"] = _("Say where the pledge is carried out: in countries, in a region, or globally.")
    joint = pledge.kind in (PledgeKind.COMMON, PledgeKind.PARTNERSHIP)
    if joint and not pledge.partners.strip() and len(pledging_countries) < 2:
        errors["partners"] = _("Name the partners of a common pledge or of a pledge in partnership.")
    if pledge.forum_id and pledge.review_id:
        errors["review"] = _("A pledge is made for the Forum or for a regional review, not both.")
    if pledge.pledged_on and pledge.pledged_on > timezone.localdate():
        errors["pledged_on"] = _("A pledge cannot be dated in the future.")
    if creating and not (pledge.contact_name.strip() and pledge.contact_email.strip()):
        errors["contact_name"] = _("Give a contact person and their e-mail address.")
    if errors:
        raise ValidationError(errors)


def _matched_pledge(actor, reference: str, pledge: Pledge) -> Pledge | None:
    reference = (reference or "").strip()
    if not reference:
        return None
    cited = selectors.pledge_by_reference(actor, reference)
    if cited is None or cited.pk == pledge.pk:
        raise ValidationError(
            {"matches": _("No pledge has the identifier “%(reference)s”.") % {"reference": reference}}
        )
    return cited


def _states_after_edit(pledge: Pledge, chosen, actor) -> list:
    """A focal point changes only their own States on a common pledge: the others stay as they are."""
    if roles.is_network_staff(actor):
        return list(chosen)
    represented = roles.country_ids_represented(actor)
    others = [c for c in pledge.pledging_countries.all() if c.pk not in represented]
    return [c for c in chosen if c.pk in represented] + others


def _pledge_state(pledge: Pledge) -> dict:
    state = {name: getattr(pledge, name) for name in PLEDGE_FIELDS}
    for name in ("forum", "review"):
        state[name] = str(state[name]) if state[name] is not None else None
    state["matches"] = pledge.matches.reference if pledge.matches_id else None
    state["pledging_countries"] = sorted(c.iso2 for c in pledge.pledging_countries.all())
    state["countries"] = sorted(c.iso2 for c in pledge.countries.all())
    state["objectives"] = sorted(o.number for o in pledge.objectives.all())
    return state


@transaction.atomic
def pledge_create(
    *,
    actor,
    data: dict,
    objectives,
    countries=(),
    pledging_countries=(),
    matches_reference: str = "",
    document=None,
    document_language: str = "en",
) -> Pledge:
    """Record a pledge for curation, with its one optional document. Member State pledges come from the
    States' focal points (or staff); any member may pledge for a stakeholder organisation. Nothing is
    kept when any part is refused."""
    if not permissions.can_create_pledges(actor):
        raise PermissionDenied(_("Sign in to make a pledge."))
    unknown = set(data) - set(PLEDGE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    pledge = Pledge(**data, created_by=actor)
    pledge.matches = _matched_pledge(actor, matches_reference, pledge)
    _check_pledge(
        pledge,
        actor=actor,
        pledging_countries=list(pledging_countries),
        countries=list(countries),
        objectives=list(objectives),
        creating=True,
    )
    pledge.reference = f"new-{uuid.uuid4().hex[:16]}"
    pledge.full_clean()
    pledge.save()
    pledge.reference = Pledge.reference_for(pledge.pk)
    Pledge.objects.filter(pk=pledge.pk).update(reference=pledge.reference)
    pledge.pledging_countries.set(pledging_countries)
    pledge.countries.set(countries)
    pledge.objectives.set(objectives)
    if document is not None:
        try:
            attachment_add(
                attachments=PLEDGE_DOCUMENTS, parent=pledge, actor=actor, upload=document, language=document_language
            )
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from None
    curation_submitted(
        item=pledge,
        actor=actor,
        event="pledge_submitted",
        context={"title": pledge.title, "entity": pledge.submitting_entity},
    )
    return pledge


@transaction.atomic
def pledge_update(
    *,
    pledge: Pledge,
    actor,
    expected_version: int,
    data: dict,
    objectives=None,
    countries=None,
    pledging_countries=None,
    matches_reference: str | None = None,
) -> Pledge:
    """Edit a pledge from ``expected_version``. Its owners change its status freely; a changed text waits
    for curation again (the kernel's internal ``revise`` action). Staff edits keep it public."""
    if not permissions.can_edit_pledge(actor, pledge):
        raise PermissionDenied(_("You may not edit this pledge."))
    unknown = set(data) - set(PLEDGE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    before = _pledge_state(pledge)
    kept = {c.pk for c in pledge.pledging_countries.all()}
    if pledging_countries is not None:
        pledging_countries = _states_after_edit(pledge, pledging_countries, actor)
    for name, value in data.items():
        setattr(pledge, name, value)
    if matches_reference is not None:
        pledge.matches = _matched_pledge(actor, matches_reference, pledge)
    _check_pledge(
        pledge,
        actor=actor,
        pledging_countries=list(
            pledging_countries if pledging_countries is not None else pledge.pledging_countries.all()
        ),
        countries=list(countries if countries is not None else pledge.countries.all()),
        objectives=list(objectives if objectives is not None else pledge.objectives.all()),
        creating=False,
        kept_states=kept,
    )
    version_claim(pledge, expected_version)
    pledge.full_clean()
    pledge.save()
    for relation, values in (
        (pledge.pledging_countries, pledging_countries),
        (pledge.countries, countries),
        (pledge.objectives, objectives),
    ):
        if values is not None:
            relation.set(values)
    pledge = selectors.pledge_list(actor).get(pk=pledge.pk)
    changes = audit_changes(before, _pledge_state(pledge))
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


@transaction.atomic
def pledge_progress_report(*, pledge: Pledge, actor, status: str, text: str, reported_on=None) -> PledgeUpdate:
    """A follow-up report on a published pledge by its owners: public at once with the pledge (the
    owners' own account, as the pledge's status always was), and the pledge takes its status. Staff
    are told and can remove a report."""
    pledge = Pledge.objects.select_for_update(of=("self",)).get(pk=pledge.pk)
    if not permissions.can_edit_pledge(actor, pledge):
        raise PermissionDenied(_("You may not report on this pledge."))
    if pledge.curation != CurationState.PUBLISHED:
        raise ValidationError(_("Follow-up reports are for published pledges."))
    update = PledgeUpdate(
        pledge=pledge,
        status=status,
        text=text.strip(),
        created_by=actor,
        reported_on=reported_on or timezone.localdate(),
    )
    update.full_clean()
    if update.reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("A follow-up report cannot be dated in the future.")})
    if update.reported_on < pledge.pledged_on:
        raise ValidationError({"reported_on": _("A follow-up report cannot be older than the pledge.")})
    update.save()
    before = pledge.status
    Pledge.objects.filter(pk=pledge.pk).update(status=status, version=F("version") + 1)
    audit_record(
        actor=actor,
        action="progress_report",
        target=pledge,
        changes={"status": {"before": before, "after": status}} if before != status else None,
        comment=update.text,
        from_state=before,
        to_state=status,
    )
    notify_role(
        Role.NETWORK_STAFF,
        event="pledge_progress",
        context={"title": pledge.title, "status": PledgeStatus(status).label},
        target=pledge,
        actor=actor,
    )
    announce(pledge, CHANGED)
    return update


@transaction.atomic
def pledge_progress_remove(*, update: PledgeUpdate, actor, reason: str) -> None:
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Only Network staff remove follow-up reports."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the report is removed; its author is told.")})
    if "\x00" in reason:
        raise ValidationError({"reason": _("Null characters are not allowed.")})
    pledge = update.pledge
    audit_record(actor=actor, action="progress_remove", target=pledge, comment=f"{reason.strip()}\n---\n{update.text}")
    update.delete()
    notify(
        event="pledge_progress_removed",
        recipients=[update.created_by] if update.created_by else [],
        context={"title": pledge.title, "reason": reason.strip()},
        target=pledge,
        actor=actor,
    )
    announce(pledge, CHANGED)


PLEDGE_DOCUMENTS = Attachments(
    model=PledgeDocument,
    parent_field="pledge",
    parent_queryset=selectors.pledge_detail,
    may_manage=permissions.can_edit_pledge,
    may_change=permissions.can_attach_to_pledge,
    max_count=1,
    max_bytes=25 * 1024 * 1024,
    refusal=gettext_lazy(
        "A document can be attached while the pledge awaits curation; ask Network staff to change a published one."
    ),
)


# ---------------------------------------------------------------------------
# Who is invited to report to a review
# ---------------------------------------------------------------------------


def review_invite_regional_members(review: RegionalReview) -> int:
    """Invite the regional members of the review's commission (the default list); returns how many were
    added. States already on the list keep their invitation."""
    if review.commission_id is None:
        return 0
    members = CommissionMembership.objects.filter(
        commission_id=review.commission_id, kind=MembershipKind.MEMBER
    ).values_list("country_id", flat=True)
    invited = set(review.invitations.values_list("country_id", flat=True))
    created = ReviewInvitation.objects.bulk_create(
        [
            ReviewInvitation(review=review, country_id=pk, basis=InvitationBasis.REGIONAL_MEMBER)
            for pk in members
            if pk not in invited
        ],
        ignore_conflicts=True,
    )
    return len(created)


def _check_source(source: dict) -> list[dict]:
    item = {k: v for k, v in source.items() if v}
    if not item.get("title") or not item.get("url"):
        raise ValidationError({"source_url": _("Record the public source (its title and address) for this change.")})
    validate_sources([item])
    return [item]


@transaction.atomic
def invitation_add(*, review: RegionalReview, country, actor, source: dict, note: str = "") -> ReviewInvitation:
    if not permissions.can_manage_invitations(actor):
        raise PermissionDenied(_("Only Network staff change who is invited to report."))
    sources = _check_source(source)
    if ReviewInvitation.objects.filter(review=review, country=country).exists():
        raise ValidationError({"country": _("%(country)s is already invited.") % {"country": country}})
    invitation = ReviewInvitation.objects.create(
        review=review, country=country, basis=InvitationBasis.ADDED, note=note.strip(), sources=sources, added_by=actor
    )
    audit_record(
        actor=actor,
        action="invitation_add",
        target=review,
        changes={"invited": {"before": None, "after": country.iso2}},
        comment=" ".join(filter(None, [note.strip(), sources[0]["url"]])),
    )
    return invitation


@transaction.atomic
def invitation_remove(*, invitation: ReviewInvitation, actor, source: dict, note: str = "") -> None:
    """Take a State off the list; the source and the reason stay in the review's audit trail. A State
    that has already submitted a report stays on it."""
    if not permissions.can_manage_invitations(actor):
        raise PermissionDenied(_("Only Network staff change who is invited to report."))
    sources = _check_source(source)
    review, country = invitation.review, invitation.country
    if (
        VoluntaryReport.objects.filter(review=review, country=country)
        .exclude(status__in=[ReportStatus.DRAFT, ReportStatus.WITHDRAWN])
        .exists()
    ):
        raise ValidationError(
            _("%(country)s has a report for this review: withdraw or move the report first.") % {"country": country}
        )
    invitation.delete()
    audit_record(
        actor=actor,
        action="invitation_remove",
        target=review,
        changes={"invited": {"before": country.iso2, "after": None}},
        comment=" ".join(filter(None, [note.strip(), sources[0]["url"]])),
    )


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


@transaction.atomic
def contribution_submit(
    *,
    actor,
    title: str,
    body: str,
    forum=None,
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
        forum=forum,
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
