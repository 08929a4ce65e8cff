"""The reviews app's transition tables and what each transition sets off. Buttons and API actions are
read from them; the kernel engine performs them.

- Voluntary reports: draft → submitted → (returned → resubmitted) → published, with withdrawal,
  publishing on a country's behalf, corrections (``revise``) and withdrawal from publication.
- Pledges and stakeholder contributions: the kernel's curation table.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gcm_portal.accounts.choices import Role
from gcm_portal.accounts.selectors import users_with_role
from gcm_portal.core.curation import curation_workflow
from gcm_portal.core.notifications import notify, notify_role
from gcm_portal.core.publication import CHANGED, PUBLISHED, WITHDRAWN, announce
from gcm_portal.core.workflow import Transition, TransitionEvent, Workflow

from . import permissions
from .choices import CommentKind
from .choices import ReportStatus as S
from .models import ReportComment, VoluntaryReport
from .snapshots import report_version_create

__all__ = ["CONTRIBUTION_WORKFLOW", "NEXT_STEP", "PLEDGE_WORKFLOW", "REPORT_WORKFLOW"]


# ---------------------------------------------------------------------------
# Voluntary reports
# ---------------------------------------------------------------------------


def _missing_for_submission(report) -> str | None:
    if not report.title.strip():
        return str(_("Give the report a title before submitting it."))
    if not report.progress.exists() and not report.documents.exists():
        return str(_("Fill in at least one objective section or attach the report as a document before submitting."))
    return None


def _staff(user, report) -> bool:
    return permissions.can_curate(user)


def _context(report) -> dict:
    return {"report_title": report.title, "country": report.country.name}


def _tell_focal_points(event_name: str):
    def hook(event: TransitionEvent) -> None:
        report = event.obj
        notify(
            event=event_name,
            recipients=users_with_role(Role.FOCAL_POINT, country=report.country),
            context={**_context(report), "comment": event.comment},
            target=report,
            actor=event.actor,
        )

    return hook


def _keep_submitted_version(event: TransitionEvent) -> None:
    report = event.obj
    report_version_create(report=report, actor=event.actor, note=_("Submitted"))
    notify_role(
        Role.NETWORK_STAFF, event="report_submitted", context=_context(report), target=report, actor=event.actor
    )


def _keep_return_comment(event: TransitionEvent) -> None:
    ReportComment.objects.create(report=event.obj, author=event.actor, kind=CommentKind.RETURN, body=event.comment)


def _received_by_email(event: TransitionEvent) -> None:
    VoluntaryReport.objects.filter(pk=event.obj.pk).update(received_by_email=True)
    event.obj.received_by_email = True


def _publish_version(event: TransitionEvent) -> None:
    """The published version becomes what the public reads; a published correction replaces it."""
    report = event.obj
    was_public = report.public_version_id is not None
    version = report_version_create(report=report, actor=event.actor, note=_("Published"), published=True)
    VoluntaryReport.objects.filter(pk=report.pk).update(public_version=version)
    report.public_version = version
    announce(report, CHANGED if was_public else PUBLISHED)


def _take_offline(event: TransitionEvent) -> None:
    # Only staff take a published report offline; withdrawing a correction draft leaves the published
    # version public.
    VoluntaryReport.objects.filter(pk=event.obj.pk).update(public_version=None)
    event.obj.public_version = None
    announce(event.obj, WITHDRAWN)


REPORT_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="submit",
            sources={S.DRAFT},
            target=S.SUBMITTED,
            label=_("Submit to the Network"),
            allowed=permissions.can_act_for_country,
            guard=_missing_for_submission,
            confirm=True,
            help_text=_("Network staff review it; you can no longer edit it unless they return it."),
            after=_keep_submitted_version,
        ),
        Transition(
            action="resubmit",
            sources={S.RETURNED},
            target=S.RESUBMITTED,
            label=_("Resubmit"),
            allowed=permissions.can_act_for_country,
            guard=_missing_for_submission,
            after=_keep_submitted_version,
        ),
        Transition(
            action="return",
            sources={S.SUBMITTED, S.RESUBMITTED},
            target=S.RETURNED,
            label=_("Return for revision"),
            allowed=_staff,
            needs_comment=True,
            style="secondary",
            help_text=_("The focal points see your comment and can edit the report again."),
            after=(_keep_return_comment, _tell_focal_points("report_returned")),
        ),
        Transition(
            action="publish",
            sources={S.SUBMITTED, S.RESUBMITTED},
            target=S.PUBLISHED,
            label=_("Publish"),
            allowed=_staff,
            confirm=True,
            help_text=_("The report becomes public and read-only; its fingerprint is recorded."),
            after=(_publish_version, _tell_focal_points("report_published")),
        ),
        Transition(
            action="publish_on_behalf",
            sources={S.DRAFT, S.RETURNED},
            target=S.PUBLISHED,
            label=_("Publish on the country's behalf"),
            allowed=_staff,
            guard=_missing_for_submission,
            style="secondary",
            confirm=True,
            help_text=_("For a report the country sent by e-mail; recorded as such."),
            after=(_received_by_email, _publish_version, _tell_focal_points("report_published")),
        ),
        Transition(
            action="revise",
            sources={S.PUBLISHED},
            target=S.DRAFT,
            label=_("Start a correction"),
            allowed=permissions.can_act_for_country_or_staff,
            style="secondary",
            help_text=_("The published version stays public until the corrected one is published."),
        ),
        Transition(
            action="withdraw",
            sources={S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED},
            target=S.WITHDRAWN,
            label=_("Withdraw"),
            allowed=permissions.can_act_for_country_or_staff,
            style="danger",
        ),
        Transition(
            action="unpublish",
            sources={S.PUBLISHED},
            target=S.WITHDRAWN,
            label=_("Withdraw from publication"),
            allowed=_staff,
            needs_comment=True,
            style="danger",
            after=_take_offline,
        ),
        Transition(
            action="reopen",
            sources={S.WITHDRAWN},
            target=S.DRAFT,
            label=_("Reopen as a draft"),
            allowed=permissions.can_act_for_country_or_staff,
            style="secondary",
        ),
    ],
    stamps={
        S.SUBMITTED: lambda report, now: {"submitted_at": now},
        S.RESUBMITTED: lambda report, now: {"submitted_at": now},
        S.PUBLISHED: lambda report, now: {"published_at": now},
    },
)


NEXT_STEP = {
    S.DRAFT: _("Complete the sections and submit the report."),
    S.SUBMITTED: _("Waiting for Network staff to review it."),
    S.RETURNED: _("Read the staff comments, revise the report and resubmit it."),
    S.RESUBMITTED: _("Waiting for Network staff to review the revision."),
    S.PUBLISHED: _("Published. Start a correction if something needs to change."),
    S.WITHDRAWN: _("Withdrawn. Reopen it as a draft to continue."),
}


# ---------------------------------------------------------------------------
# Pledges and stakeholder contributions: the kernel's curation table
# ---------------------------------------------------------------------------

PLEDGE_WORKFLOW = curation_workflow(may_revise=lambda user, pledge: permissions.can_edit_pledge(user, pledge))
CONTRIBUTION_WORKFLOW = curation_workflow()
