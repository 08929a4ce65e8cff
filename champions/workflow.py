"""The champions app's transition tables. Profile updates, commitments, activities and letters of
confirmation use the kernel's curation table with return-for-changes; what publishing sets off is in
the hooks below. Peer-learning requests have a small table of their own."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_portal.core.curation import curation_workflow
from gcm_portal.core.publication import CHANGED, announce
from gcm_portal.core.versions import version_record
from gcm_portal.core.workflow import Transition, TransitionEvent, Workflow

from . import permissions, records
from .choices import FactKind
from .choices import RequestStatus as R
from .models import Champion, Membership, MembershipFact

__all__ = [
    "ACTIVITY_WORKFLOW",
    "COMMITMENT_WORKFLOW",
    "CONFIRMATION_WORKFLOW",
    "PROFILE_WORKFLOW",
    "REQUEST_WORKFLOW",
]


def _apply_profile(event: TransitionEvent) -> None:
    """The approved update becomes the public profile, kept as a published version."""
    champion = records.profile_apply(event.obj)
    version_record(
        obj=champion,
        snapshot=records.profile_snapshot(champion),
        actor=event.actor,
        note=event.obj.change_note or _("Profile update approved"),
        published=True,
    )
    announce(champion, CHANGED)


def _keep_published_version(snapshot):
    def hook(event: TransitionEvent) -> None:
        version_record(
            obj=event.obj, snapshot=snapshot(event.obj), actor=event.actor, note=_("Approved"), published=True
        )

    return hook


def _record_membership(event: TransitionEvent) -> None:
    """Staff verified the letter: the country is a champion from the letter's date, with the letter as
    the source of that fact."""
    confirmation = event.obj
    champion, _created = Champion.objects.get_or_create(country=confirmation.country)
    membership = Membership.objects.create(champion=champion, note=_("Recorded from a letter of confirmation."))
    MembershipFact.objects.create(
        membership=membership,
        kind=FactKind.JOINED,
        date=confirmation.letter_date,
        source_title=_("Letter of confirmation from the Government of %(country)s, signed by %(signed_by)s")
        % {"country": confirmation.country.name, "signed_by": confirmation.signed_by},
        source_date=confirmation.letter_date,
        note=_("Verified by Network staff."),
    )
    records.membership_refresh(membership)
    announce(champion, CHANGED)


PROFILE_WORKFLOW = curation_workflow(
    returnable=True, on_publish=_apply_profile, may_revise=lambda user, obj: permissions.can_edit_curated(user, obj)
)
COMMITMENT_WORKFLOW = curation_workflow(
    returnable=True,
    on_publish=_keep_published_version(records.commitment_snapshot),
    may_revise=lambda user, obj: permissions.can_edit_curated(user, obj),
)
ACTIVITY_WORKFLOW = curation_workflow(
    returnable=True,
    on_publish=_keep_published_version(records.activity_snapshot),
    may_revise=lambda user, obj: permissions.can_edit_curated(user, obj),
)
CONFIRMATION_WORKFLOW = curation_workflow(returnable=True, on_publish=_record_membership)


def _staff(user, request) -> bool:
    return permissions.can_curate(user)


REQUEST_WORKFLOW = Workflow(
    transitions=[
        # Routing names a champion: the service performs it with the chosen one (never a bare button).
        Transition(
            action="route",
            sources={R.OPEN, R.ROUTED},
            target=R.ROUTED,
            label=gettext_lazy("Route to a champion"),
            allowed=_staff,
            internal=True,
        ),
        Transition(
            action="close",
            sources={R.OPEN, R.ROUTED},
            target=R.CLOSED,
            label=gettext_lazy("Close the request"),
            allowed=permissions.can_close_request,
            style="secondary",
        ),
        Transition(
            action="reopen",
            sources={R.CLOSED},
            target=R.OPEN,
            label=gettext_lazy("Reopen"),
            allowed=_staff,
            style="secondary",
        ),
    ]
)
