"""Who may do what in the knowledge hub, and which experts may not review which practice. Built from
the kernel's role primitives; views, the API, templates, services and the workflow tables all ask these.
What a user may not see is decided by each model's ``visible_to(user)`` (a 404)."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from gcm_portal import permissions as roles

from .choices import PRACTICE_EDITABLE_BY_OWNER, PracticeStatus

# ---------------------------------------------------------------------------
# Everyone
# ---------------------------------------------------------------------------


def is_staff(user, obj=None) -> bool:
    """Network staff curate, publish, moderate and assign reviewers."""
    return roles.is_network_staff(user)


def is_signed_in(user) -> bool:
    """Any active signed-in account acts as a member."""
    return roles.is_member(user)


def _is(user, user_id) -> bool:
    return roles.is_member(user) and user_id is not None and user_id == user.pk


# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


def can_submit_practice(user) -> bool:
    return roles.is_member(user)


def is_practice_owner(user, practice) -> bool:
    return _is(user, practice.created_by_id)


def can_edit_practice(user, practice) -> bool:
    """Staff edit any practice (an edit to a published one is announced); the submitter while it is
    submitted or while staff ask for more information."""
    if roles.is_network_staff(user):
        return True
    return is_practice_owner(user, practice) and practice.status in PRACTICE_EDITABLE_BY_OWNER


def can_see_contact_details(user, practice) -> bool:
    """Contacts' e-mail addresses: staff and the submitter (the public sees names and organisations)."""
    return roles.is_network_staff(user) or is_practice_owner(user, practice)


def can_assign_reviewers(user, practice) -> bool:
    return roles.is_network_staff(user) and practice.status in (PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW)


def can_open_calls(user) -> bool:
    return roles.is_network_staff(user)


# ---------------------------------------------------------------------------
# Peer review: conflicts of interest
# ---------------------------------------------------------------------------


def normalised_organisation(name: str) -> str:
    """ "IOM ", "I.O.M." and "iom" name the same organisation; accents and case do not count."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "", text)


def same_organisation(a: str, b: str) -> bool:
    first, second = normalised_organisation(a), normalised_organisation(b)
    return bool(first) and first == second


def review_conflicts(expert, practice) -> list[str]:
    """Why ``expert`` may not review ``practice`` (empty when nothing stands in the way): they submitted
    it, they work for the submitting organisation, or they come from the submitting organisation's
    country and the practice asks to leave such reviewers out."""
    reasons = []
    if practice.created_by_id is not None and expert.user_id == practice.created_by_id:
        reasons.append(_("submitted this practice"))
    if same_organisation(expert.organisation, practice.organisation):
        reasons.append(_("works for the submitting organisation"))
    if (
        practice.exclude_same_country_reviewers
        and practice.submitter_country_id is not None
        and expert.country_id == practice.submitter_country_id
    ):
        reasons.append(_("comes from the submitting organisation's country"))
    return reasons


def is_assigned_expert(user, assignment) -> bool:
    return _is(user, assignment.expert.user_id)


# ---------------------------------------------------------------------------
# Expert roster
# ---------------------------------------------------------------------------


def can_apply_as_expert(user) -> bool:
    return roles.is_member(user)


def can_see_roster(user) -> bool:
    return roles.is_network_staff(user)


def can_manage_cv(user, expert) -> bool:
    """The applicant while the application waits; staff always."""
    from .choices import ExpertStatus

    if roles.is_network_staff(user):
        return True
    return _is(user, expert.user_id) and expert.status == ExpertStatus.SUBMITTED


def can_see_cv(user, expert) -> bool:
    return roles.is_network_staff(user) or _is(user, expert.user_id)


# ---------------------------------------------------------------------------
# Resources, events, working groups, networks, calls: staff curate
# ---------------------------------------------------------------------------


def can_suggest_resource(user) -> bool:
    return roles.is_member(user)


def can_curate(user, obj=None) -> bool:
    return roles.is_network_staff(user)


def can_ask_to_join(user, group) -> bool:
    return roles.is_member(user) and group.is_public and group.call_open


# ---------------------------------------------------------------------------
# Discussion spaces
# ---------------------------------------------------------------------------


def is_moderator(user, space) -> bool:
    """Network staff moderate every space; a space's named moderator moderates that space."""
    return roles.is_network_staff(user) or _is(user, space.moderator_id)


def moderates_any_space(user) -> bool:
    if roles.is_network_staff(user):
        return True
    return roles.is_member(user) and user.moderated_spaces.exists()


def can_comment(user, space) -> bool:
    """Anyone signed in, while the space is open; a closed space is read-only."""
    return roles.is_member(user) and space.is_open()


def can_report(user, comment) -> bool:
    return roles.is_member(user) and not comment.hidden and comment.author_id != user.pk


# ---------------------------------------------------------------------------
# Connection Hub
# ---------------------------------------------------------------------------


def can_request_support(user) -> bool:
    """Focal points ask for support for the countries they represent."""
    return bool(roles.country_ids_represented(user))


def can_request_support_for(user, country) -> bool:
    return roles.represents_country(user, country)


def is_requester(user, support_request) -> bool:
    return _is(user, support_request.requested_by_id)


def can_write_to_request(user, support_request) -> bool:
    from .choices import RequestStatus

    if support_request.status == RequestStatus.CLOSED:
        return False
    return roles.is_network_staff(user) or is_requester(user, support_request)


def can_edit_request(user, support_request) -> bool:
    """The requester while the request has just been received; staff until it is closed."""
    from .choices import RequestStatus

    if roles.is_network_staff(user):
        return support_request.status != RequestStatus.CLOSED
    return is_requester(user, support_request) and support_request.status == RequestStatus.RECEIVED
