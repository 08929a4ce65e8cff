"""Who may do what with reviews, reports, pledges and contributions. Built from the kernel's role
primitives; views, the API, templates and the workflow table all ask these."""

from __future__ import annotations

from gcm_portal import permissions as roles

from .choices import EDITABLE_BY_FOCAL_POINT, EDITABLE_BY_STAFF


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
    return roles.is_network_staff(user) or bool(roles.country_ids_represented(user))


def can_edit_pledge(user, pledge) -> bool:
    """Staff, and whoever owns the pledge (its author, its countries' focal points) while they hold a
    focal point role: rights follow the current role, at every write."""
    if roles.is_network_staff(user):
        return True
    return bool(roles.country_ids_represented(user)) and pledge.is_owned_by(user)
