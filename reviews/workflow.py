"""The voluntary report's transition table. Buttons and API actions are read from it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gcm_portal.core.workflow import Transition, Workflow

from . import permissions
from .choices import ReportStatus as S


def _missing_for_submission(report) -> str | None:
    if not report.title.strip():
        return str(_("Give the report a title before submitting it."))
    if not report.progress.exists() and not report.documents.exists():
        return str(_("Fill in at least one objective section or attach the report as a document before submitting."))
    return None


def _staff(user, report) -> bool:
    return permissions.can_curate(user)


REPORT_TRANSITIONS = [
    Transition(
        action="submit",
        sources={S.DRAFT},
        target=S.SUBMITTED,
        label=_("Submit to the Network"),
        allowed=permissions.can_act_for_country,
        guard=_missing_for_submission,
        help_text=_("Network staff review it; you can no longer edit it unless they return it."),
    ),
    Transition(
        action="resubmit",
        sources={S.RETURNED},
        target=S.RESUBMITTED,
        label=_("Resubmit"),
        allowed=permissions.can_act_for_country,
        guard=_missing_for_submission,
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
    ),
    Transition(
        action="publish",
        sources={S.SUBMITTED, S.RESUBMITTED},
        target=S.PUBLISHED,
        label=_("Publish"),
        allowed=_staff,
        help_text=_("The report becomes public and read-only; its fingerprint is recorded."),
    ),
    Transition(
        action="publish_on_behalf",
        sources={S.DRAFT, S.RETURNED},
        target=S.PUBLISHED,
        label=_("Publish on the country's behalf"),
        allowed=_staff,
        guard=_missing_for_submission,
        style="secondary",
        help_text=_("For a report the country sent by e-mail; recorded as such."),
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
    ),
    Transition(
        action="reopen",
        sources={S.WITHDRAWN},
        target=S.DRAFT,
        label=_("Reopen as a draft"),
        allowed=permissions.can_act_for_country_or_staff,
        style="secondary",
    ),
]


def _stamps():
    return {
        S.SUBMITTED: lambda report, now: {"submitted_at": now},
        S.RESUBMITTED: lambda report, now: {"submitted_at": now},
        S.PUBLISHED: lambda report, now: {"published_at": now},
    }


def build_workflow(after) -> Workflow:
    return Workflow(transitions=REPORT_TRANSITIONS, stamps=_stamps(), after=after)


NEXT_STEP = {
    S.DRAFT: _("Complete the sections and submit the report."),
    S.SUBMITTED: _("Waiting for Network staff to review it."),
    S.RETURNED: _("Read the staff comments, revise the report and resubmit it."),
    S.RESUBMITTED: _("Waiting for Network staff to review the revision."),
    S.PUBLISHED: _("Published. Start a correction if something needs to change."),
    S.WITHDRAWN: _("Withdrawn. Reopen it as a draft to continue."),
}
