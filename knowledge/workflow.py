"""The knowledge hub's transition tables, the peer-review rule they enforce, and what each transition
sets off. Buttons and API actions are read from these tables; the kernel engine performs them.

- Practices: submitted → (more information requested → submitted) → in peer review → published, or
  declined; publishing (and declining after review) needs the Hub's peer review: at least one UN and two
  external reviews, and a further review when the recommendations disagree.
- Review assignments: assigned → no conflict declared → reviewed, or conflict declared; staff withdraw.
- Expert applications: submitted → approved (the expert becomes an expert reviewer) or declined.
- Connection Hub requests: received → in discussion → matched → in progress → closed.
- Requests to join a working group: received → accepted or declined, with a message.
- Resources, events, working groups, networks, discussion spaces and calls: the kernel's curation table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_portal.accounts.choices import Role
from gcm_portal.core.curation import curation_workflow
from gcm_portal.core.notifications import choice_label, notify, notify_role
from gcm_portal.core.publication import PUBLISHED, WITHDRAWN, announce
from gcm_portal.core.workflow import Transition, TransitionEvent, Workflow

from . import permissions
from .choices import (
    ACTIVE_ASSIGNMENTS,
    POSITIVE_RECOMMENDATIONS,
    AssignmentStatus,
    ExpertStatus,
    JoinStatus,
    PracticeStatus,
    Recommendation,
    RequestStatus,
    ReviewerKind,
)

__all__ = [
    "ASSIGNMENT_WORKFLOW",
    "CALL_WORKFLOW",
    "EVENT_WORKFLOW",
    "EXPERT_WORKFLOW",
    "GROUP_WORKFLOW",
    "JOIN_WORKFLOW",
    "MIN_EXTERNAL_REVIEWERS",
    "MIN_UN_REVIEWERS",
    "NETWORK_WORKFLOW",
    "PRACTICE_WORKFLOW",
    "REQUEST_WORKFLOW",
    "RESOURCE_WORKFLOW",
    "SPACE_WORKFLOW",
    "PeerReview",
    "peer_review_missing",
    "peer_review_of",
    "recommendations_disagree",
]

# ---------------------------------------------------------------------------
# The Hub's peer-review rule
# ---------------------------------------------------------------------------

MIN_UN_REVIEWERS = 1
MIN_EXTERNAL_REVIEWERS = 2
FURTHER_REVIEWERS_ON_DISAGREEMENT = 1


def recommendations_disagree(recommendations) -> bool:
    """Reviewers disagree when at least one recommends publishing (as it is or after changes) and at
    least one recommends not publishing. "Publish" against "publish after changes" is a nuance staff
    settle in their decision, not a disagreement that needs another reviewer."""
    values = set(recommendations)
    return bool(values & POSITIVE_RECOMMENDATIONS) and Recommendation.DECLINE in values


@dataclass
class PeerReview:
    """Where a practice's peer review stands, from its assignments."""

    un_assigned: int = 0
    external_assigned: int = 0
    un_reviewed: int = 0
    external_reviewed: int = 0
    recommendations: list[str] = field(default_factory=list)
    last_reviewed_at: object = None

    @property
    def reviewed(self) -> int:
        return self.un_reviewed + self.external_reviewed

    @property
    def disagree(self) -> bool:
        return recommendations_disagree(self.recommendations)

    @property
    def needed(self) -> int:
        """How many reviews the decision needs: the base panel, plus one when the reviews disagree."""
        base = MIN_UN_REVIEWERS + MIN_EXTERNAL_REVIEWERS
        return base + (FURTHER_REVIEWERS_ON_DISAGREEMENT if self.disagree else 0)

    @property
    def further_reviewer_needed(self) -> bool:
        return self.disagree and self.reviewed < self.needed

    def assignment_gaps(self) -> list[str]:
        """What the panel of reviewers (those assigned and not conflicted or withdrawn) still lacks."""
        gaps = []
        if self.un_assigned < MIN_UN_REVIEWERS:
            gaps.append(_("Assign at least one UN (internal) reviewer."))
        if self.external_assigned < MIN_EXTERNAL_REVIEWERS:
            gaps.append(
                _("Assign %(count)d more external reviewer(s).")
                % {"count": MIN_EXTERNAL_REVIEWERS - self.external_assigned}
            )
        if self.disagree and self.un_assigned + self.external_assigned < self.needed:
            gaps.append(_("The reviews disagree: assign a further reviewer."))
        return gaps

    def missing(self) -> list[str]:
        """What stands between the reviews received and a decision."""
        missing = []
        if self.un_reviewed < MIN_UN_REVIEWERS:
            missing.append(_("at least one review by a UN (internal) reviewer"))
        if self.external_reviewed < MIN_EXTERNAL_REVIEWERS:
            missing.append(_("at least two reviews by external reviewers"))
        if self.further_reviewer_needed:
            missing.append(_("a further review, because the reviews disagree"))
        return missing

    @property
    def complete(self) -> bool:
        return not self.missing()


def peer_review_of(practice, assignments=None) -> PeerReview:
    """The peer review of ``practice`` (pass its assignments when they are already loaded)."""
    if assignments is None:
        assignments = list(practice.assignments.all())
    state = PeerReview()
    for a in assignments:
        if a.status not in ACTIVE_ASSIGNMENTS:
            continue
        un = a.kind == ReviewerKind.UN
        if un:
            state.un_assigned += 1
        else:
            state.external_assigned += 1
        if a.status == AssignmentStatus.REVIEWED:
            if un:
                state.un_reviewed += 1
            else:
                state.external_reviewed += 1
            state.recommendations.append(a.recommendation)
            if state.last_reviewed_at is None or (a.reviewed_at and a.reviewed_at > state.last_reviewed_at):
                state.last_reviewed_at = a.reviewed_at
    return state


def peer_review_missing(practice) -> str | None:
    """The guard of a decision after peer review: why it cannot be taken yet, or None."""
    missing = peer_review_of(practice).missing()
    if missing:
        return _("The peer review is not complete: it needs %(missing)s.") % {"missing": "; ".join(missing)}
    return None


# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


def _practice_context(practice, event: TransitionEvent) -> dict:
    return {
        "title": practice.title,
        "status": choice_label(practice, "status"),
        "comment": event.comment,
    }


def tell_submitter(event: TransitionEvent) -> None:
    practice = event.obj
    if practice.created_by is None:
        return
    notify(
        event="hub_practice_status",
        recipients=[practice.created_by],
        context=_practice_context(practice, event),
        target=practice,
        actor=event.actor,
    )


def tell_staff_practice(event: TransitionEvent) -> None:
    practice = event.obj
    notify_role(
        Role.NETWORK_STAFF,
        event="curation_requested",
        context={"title": practice.title, "kind": str(practice._meta.verbose_name), "by": str(event.actor)},
        target=practice,
        actor=event.actor,
    )


def _announce_practice_published(event: TransitionEvent) -> None:
    announce(event.obj, PUBLISHED)


def _withdrawn_if_was_published(event: TransitionEvent) -> None:
    if event.source == PracticeStatus.PUBLISHED:
        announce(event.obj, WITHDRAWN)


def _owner(user, practice) -> bool:
    return permissions.is_practice_owner(user, practice)


P = PracticeStatus

PRACTICE_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="send_to_review",
            sources={P.SUBMITTED},
            target=P.IN_REVIEW,
            label=gettext_lazy("Send to peer review"),
            allowed=permissions.is_staff,
            help_text=gettext_lazy("Then assign reviewers: at least one UN and two external."),
            after=tell_submitter,
        ),
        Transition(
            action="request_info",
            sources={P.SUBMITTED, P.IN_REVIEW},
            target=P.INFO_REQUESTED,
            label=gettext_lazy("Ask for more information"),
            allowed=permissions.is_staff,
            needs_comment=True,
            style="secondary",
            help_text=gettext_lazy("The submitter reads your comment, completes the practice and resubmits it."),
            after=tell_submitter,
        ),
        Transition(
            action="resubmit",
            sources={P.INFO_REQUESTED},
            target=P.SUBMITTED,
            label=gettext_lazy("Resubmit"),
            allowed=_owner,
            after=tell_staff_practice,
        ),
        Transition(
            action="publish",
            sources={P.IN_REVIEW},
            target=P.PUBLISHED,
            label=gettext_lazy("Publish"),
            allowed=permissions.is_staff,
            guard=peer_review_missing,
            needs_comment=True,
            confirm=True,
            help_text=gettext_lazy("Your message goes to the submitter; the practice becomes public."),
            after=(_announce_practice_published, tell_submitter),
        ),
        Transition(
            action="decline",
            sources={P.SUBMITTED},
            target=P.DECLINED,
            label=gettext_lazy("Decline"),
            allowed=permissions.is_staff,
            needs_comment=True,
            style="danger",
            help_text=gettext_lazy("Without peer review, for a submission outside the Hub's criteria."),
            after=tell_submitter,
        ),
        Transition(
            action="decline",
            sources={P.IN_REVIEW},
            target=P.DECLINED,
            label=gettext_lazy("Decline"),
            allowed=permissions.is_staff,
            guard=peer_review_missing,
            needs_comment=True,
            style="danger",
            help_text=gettext_lazy("Your message goes to the submitter."),
            after=tell_submitter,
        ),
        Transition(
            action="reopen",
            sources={P.PUBLISHED, P.DECLINED},
            target=P.SUBMITTED,
            label=gettext_lazy("Reopen"),
            allowed=permissions.is_staff,
            needs_comment=True,
            style="secondary",
            help_text=gettext_lazy("A published practice leaves the public pages until it is published again."),
            after=(_withdrawn_if_was_published, tell_submitter),
        ),
    ],
    stamps={P.PUBLISHED: lambda practice, now: {"published_at": now}},
)

PRACTICE_NEXT_STEP = {
    P.SUBMITTED: gettext_lazy("Network staff check the submission against the Hub's criteria."),
    P.INFO_REQUESTED: gettext_lazy("Read the staff comment, complete the practice and resubmit it."),
    P.IN_REVIEW: gettext_lazy("Expert reviewers are reviewing it."),
    P.PUBLISHED: gettext_lazy("Published in the repository of practices."),
    P.DECLINED: gettext_lazy("Not published."),
}


# ---------------------------------------------------------------------------
# Review assignments
# ---------------------------------------------------------------------------


def _assigned_expert(user, assignment) -> bool:
    return permissions.is_assigned_expert(user, assignment)


def _practice_in_review(assignment) -> str | None:
    if assignment.practice.status != PracticeStatus.IN_REVIEW:
        return _("The practice is not in peer review now.")
    return None


def _tell_staff_of_conflict(event: TransitionEvent) -> None:
    assignment = event.obj
    notify_role(
        Role.NETWORK_STAFF,
        event="hub_review_conflict",
        context={"title": assignment.practice.title, "expert": str(assignment.expert), "note": event.comment},
        target=assignment.practice,
        path=_reviewers_path(assignment.practice),
        actor=event.actor,
    )


def _tell_staff_of_review(event: TransitionEvent) -> None:
    assignment = event.obj
    review = peer_review_of(assignment.practice)
    notify_role(
        Role.NETWORK_STAFF,
        event="hub_review_submitted",
        context={
            "title": assignment.practice.title,
            "expert": str(assignment.expert),
            "recommendation": choice_label(assignment, "recommendation"),
            "further_reviewer_needed": review.further_reviewer_needed,
            "complete": review.complete,
        },
        path=_reviewers_path(assignment.practice),
        actor=event.actor,
    )


def _reviewers_path(practice) -> str:
    from django.urls import reverse

    return reverse("knowledge:practice-reviewers", args=[practice.pk])


A = AssignmentStatus

ASSIGNMENT_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="declare_no_conflict",
            sources={A.ASSIGNED},
            target=A.CLEARED,
            label=gettext_lazy("I have no conflict of interest"),
            allowed=_assigned_expert,
            internal=True,
        ),
        Transition(
            action="declare_conflict",
            sources={A.ASSIGNED},
            target=A.CONFLICT,
            label=gettext_lazy("I have a conflict of interest"),
            allowed=_assigned_expert,
            needs_comment=True,
            internal=True,
            after=_tell_staff_of_conflict,
        ),
        Transition(
            action="submit_review",
            sources={A.CLEARED},
            target=A.REVIEWED,
            label=gettext_lazy("Submit the review"),
            allowed=_assigned_expert,
            guard=_practice_in_review,
            internal=True,
            after=_tell_staff_of_review,
        ),
        Transition(
            action="withdraw",
            sources={A.ASSIGNED, A.CLEARED},
            target=A.WITHDRAWN,
            label=gettext_lazy("Withdraw this reviewer"),
            allowed=permissions.is_staff,
            style="secondary",
        ),
    ],
    stamps={
        A.CLEARED: lambda a, now: {"declared_at": now},
        A.CONFLICT: lambda a, now: {"declared_at": now},
        A.REVIEWED: lambda a, now: {"reviewed_at": now},
    },
)


# ---------------------------------------------------------------------------
# Expert applications
# ---------------------------------------------------------------------------


def _grant_reviewer_role(event: TransitionEvent) -> None:
    from gcm_portal.accounts.services import role_grant

    role_grant(user=event.obj.user, role=Role.EXPERT_REVIEWER, granted_by=event.actor)


def _revoke_reviewer_role(event: TransitionEvent) -> None:
    from gcm_portal.accounts.services import role_revoke

    role_revoke(user=event.obj.user, role=Role.EXPERT_REVIEWER)


def _tell_applicant(event: TransitionEvent) -> None:
    expert = event.obj
    notify(
        event="hub_expert_decided",
        recipients=[expert.user],
        context={"decision": event.target, "status": choice_label(expert, "status"), "comment": event.comment},
        target=expert,
        actor=event.actor,
    )


E = ExpertStatus

EXPERT_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="approve",
            sources={E.SUBMITTED},
            target=E.APPROVED,
            label=gettext_lazy("Approve: add to the roster"),
            allowed=permissions.is_staff,
            help_text=gettext_lazy("The expert becomes an expert reviewer."),
            after=(_grant_reviewer_role, _tell_applicant),
        ),
        Transition(
            action="decline",
            sources={E.SUBMITTED},
            target=E.DECLINED,
            label=gettext_lazy("Decline"),
            allowed=permissions.is_staff,
            needs_comment=True,
            style="danger",
            after=_tell_applicant,
        ),
        Transition(
            action="remove",
            sources={E.APPROVED},
            target=E.WITHDRAWN,
            label=gettext_lazy("Remove from the roster"),
            allowed=permissions.is_staff,
            needs_comment=True,
            style="danger",
            help_text=gettext_lazy("The expert reviewer role is revoked; reviews already made stay."),
            after=(_revoke_reviewer_role, _tell_applicant),
        ),
        Transition(
            action="reconsider",
            sources={E.DECLINED, E.WITHDRAWN},
            target=E.SUBMITTED,
            label=gettext_lazy("Reconsider"),
            allowed=permissions.is_staff,
            style="secondary",
        ),
    ],
    stamps={
        E.APPROVED: lambda e, now: {"decided_at": now},
        E.DECLINED: lambda e, now: {"decided_at": now},
    },
)


# ---------------------------------------------------------------------------
# Connection Hub requests
# ---------------------------------------------------------------------------


def _keep_the_requester_informed(event: TransitionEvent) -> None:
    """Every move is a message in the request's thread (when staff wrote one) and a notice to the
    requester."""
    from .models import SupportMessage

    request = event.obj
    if event.comment:
        SupportMessage.objects.create(request=request, author=event.actor, body=event.comment)
    if request.requested_by is None:
        return
    notify(
        event="hub_request_update",
        recipients=[request.requested_by],
        context={"title": request.title, "status": choice_label(request, "status"), "message": event.comment},
        target=request,
        actor=event.actor,
    )


def _tell_staff_of_closure(event: TransitionEvent) -> None:
    if permissions.is_staff(event.actor):
        return
    request = event.obj
    notify_role(
        Role.NETWORK_STAFF,
        event="hub_request_update",
        context={"title": request.title, "status": choice_label(request, "status"), "message": event.comment},
        target=request,
        actor=event.actor,
    )


def _has_a_match(request) -> str | None:
    if not request.matches.exists():
        return _("Record at least one match first: an expert, a UN entity, a practice, a peer State or another.")
    return None


def _requester_or_staff(user, request) -> bool:
    return permissions.is_staff(user) or permissions.is_requester(user, request)


R = RequestStatus

REQUEST_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="discuss",
            sources={R.RECEIVED},
            target=R.IN_DISCUSSION,
            label=gettext_lazy("Start the discussion"),
            allowed=permissions.is_staff,
            help_text=gettext_lazy("Your comment, if any, goes to the requester."),
        ),
        Transition(
            action="match",
            sources={R.IN_DISCUSSION},
            target=R.MATCHED,
            label=gettext_lazy("Mark as matched"),
            allowed=permissions.is_staff,
            guard=_has_a_match,
        ),
        Transition(
            action="start",
            sources={R.MATCHED},
            target=R.IN_PROGRESS,
            label=gettext_lazy("Support under way"),
            allowed=permissions.is_staff,
        ),
        Transition(
            action="close",
            sources={R.RECEIVED, R.IN_DISCUSSION, R.MATCHED, R.IN_PROGRESS},
            target=R.CLOSED,
            label=gettext_lazy("Close the request"),
            allowed=_requester_or_staff,
            needs_comment=True,
            style="secondary",
            after=_tell_staff_of_closure,
        ),
        Transition(
            action="reopen",
            sources={R.CLOSED},
            target=R.IN_DISCUSSION,
            label=gettext_lazy("Reopen"),
            allowed=permissions.is_staff,
            style="secondary",
        ),
    ],
    stamps={R.CLOSED: lambda r, now: {"closed_at": now}, R.IN_DISCUSSION: lambda r, now: {"closed_at": None}},
    after=_keep_the_requester_informed,
)


# ---------------------------------------------------------------------------
# Requests to join a working group
# ---------------------------------------------------------------------------


def _add_member(event: TransitionEvent) -> None:
    event.obj.group.members.add(event.obj.user)


def _tell_joiner(event: TransitionEvent) -> None:
    join = event.obj
    notify(
        event="hub_join_decided",
        recipients=[join.user],
        context={"group": str(join.group), "decision": event.target, "comment": event.comment},
        target=join,
        actor=event.actor,
    )


J = JoinStatus

JOIN_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="accept",
            sources={J.RECEIVED},
            target=J.ACCEPTED,
            label=gettext_lazy("Accept"),
            allowed=permissions.is_staff,
            needs_comment=True,
            after=(_add_member, _tell_joiner),
        ),
        Transition(
            action="decline",
            sources={J.RECEIVED},
            target=J.DECLINED,
            label=gettext_lazy("Decline"),
            allowed=permissions.is_staff,
            needs_comment=True,
            style="secondary",
            after=_tell_joiner,
        ),
    ]
)


# ---------------------------------------------------------------------------
# Curated things: the kernel's table (publishing announces the publication event)
# ---------------------------------------------------------------------------

RESOURCE_WORKFLOW = curation_workflow(returnable=True)
EVENT_WORKFLOW = curation_workflow()
GROUP_WORKFLOW = curation_workflow()
NETWORK_WORKFLOW = curation_workflow()
SPACE_WORKFLOW = curation_workflow()
CALL_WORKFLOW = curation_workflow()
