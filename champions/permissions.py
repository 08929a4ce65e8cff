"""Who may do what in the champions app. Built from the kernel's role primitives; views, the API,
templates, services and the workflow tables all ask these."""

from __future__ import annotations

from django.utils import timezone

from gcm_portal import permissions as roles

from . import selectors


def can_curate(user) -> bool:
    return roles.is_network_staff(user)


def champion_country_ids_represented(user) -> set[int]:
    """The countries this focal point represents that are champions today."""
    countries = roles.country_ids_represented(user)
    if not countries:
        return set()
    return countries & selectors.champion_country_ids_on(timezone.localdate())


def can_propose_for(user, champion, *, active: bool | None = None) -> bool:
    """Staff, or a focal point of a country that is a champion today (``active``, when the caller
    already knows it from the champion's memberships)."""
    if roles.is_network_staff(user):
        return True
    if not roles.represents_country(user, champion.country_id):
        return False
    return selectors.is_champion_on(champion.country_id, timezone.localdate()) if active is None else active


def can_propose(user) -> bool:
    return roles.is_network_staff(user) or bool(champion_country_ids_represented(user))


def can_edit_curated(user, item) -> bool:
    """Staff, or an owner of the item (its author or a focal point of its country) who still represents
    a champion."""
    if roles.is_network_staff(user):
        return True
    return bool(champion_country_ids_represented(user)) and item.is_owned_by(user)


def can_apply_for(user, country, *, active: bool | None = None) -> bool:
    """A focal point of a country that is not a champion today (``active``, when the caller already
    knows it) may send its letter of confirmation."""
    if not roles.represents_country(user, country):
        return False
    return not (selectors.is_champion_on(country, timezone.localdate()) if active is None else active)


def can_see_consultations(user) -> bool:
    return roles.is_network_staff(user) or bool(champion_country_ids_represented(user))


def can_answer_for(user, champion) -> bool:
    return roles.represents_country(user, champion.country_id) and selectors.is_champion_on(
        champion.country_id, timezone.localdate()
    )


def can_ask_peer_learning(user) -> bool:
    """Any State's focal point (champion or not), and staff on a State's behalf."""
    return roles.is_network_staff(user) or bool(roles.country_ids_represented(user))


def can_close_request(user, request) -> bool:
    return roles.is_network_staff(user) or roles.represents_country(user, request.country_id)
