"""Who may do what with reviews, reports, pledges and contributions. Built from the kernel's role
primitives; views, the API, templates and the workflow table all ask these."""

from __future__ import annotations

from gcm_portal import permissions as roles
from gcm_portal.core.curation import CurationState

from .choices import EDITABLE_BY_FOCAL_POINT, EDITABLE_BY_STAFF, PledgingParty


def can_curate(user) -> bool:
    return roles.is_network_staff(user)


def is_country_focal_point(user, report) -> bool:
    return roles.represents_country(user, report.country_id)


def can_create_report_for(user, country) -> bool:
    return roles.is_network_staff(user) or roles.represents_country(user, country)


def can_create_reports(user) -> bool:
    return roles.is_network_staff(user) or bool(roles.country_ids_represented(user))


def can_edit_report(user, report) -> bool:
    if roles.is_network_staff(user):
        return report.status in EDITABLE_BY_STAFF
    return is_country_focal_point(user, report) and report.status in EDITABLE_BY_FOCAL_POINT


def can_see_working_copy(user, report) -> bool:
    """The live record (drafts, comments, every version), as opposed to the published snapshot."""
    return roles.is_network_staff(user) or is_country_focal_point(user, report)


def can_act_for_country(user, report) -> bool:
    return is_country_focal_point(user, report)


def can_act_for_country_or_staff(user, report) -> bool:
    return roles.is_network_staff(user) or is_country_focal_point(user, report)


def can_contribute(user) -> bool:
    return roles.is_member(user)


def can_create_pledges(user) -> bool:
    """Any signed-in member pledges: for their organisation, or (as a focal point) for their State."""
    return roles.is_member(user)


def can_pledge_for_states(user, countries) -> bool:
    """A pledge in the name of Member States is made by a focal point of each of them, or by staff."""
    if roles.is_network_staff(user):
        return True
    represented = roles.country_ids_represented(user)
    return bool(countries) and all(country.pk in represented for country in countries)


def can_edit_pledge(user, pledge) -> bool:
    """Staff; for a Member State pledge, the current focal points of a pledging State; for any other
    pledge, its author. Rights follow the current role, at every write."""
    if roles.is_network_staff(user):
        return True
    if not roles.is_member(user):
        return False
    if pledge.party_type == PledgingParty.MEMBER_STATE:
        represented = roles.country_ids_represented(user)
        return any(country.pk in represented for country in pledge.pledging_countries.all())
    return pledge.created_by_id == user.pk


def can_attach_to_pledge(user, pledge) -> bool:
    """Owners attach the pledge's document while it awaits curation (so nothing reaches the public
    unreviewed); staff at any time."""
    if roles.is_network_staff(user):
        return True
    return can_edit_pledge(user, pledge) and pledge.curation != CurationState.PUBLISHED


def can_manage_invitations(user) -> bool:
    return roles.is_network_staff(user)
