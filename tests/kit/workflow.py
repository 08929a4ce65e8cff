from gcm_portal import permissions
from gcm_portal.core.attachments import Attachments
from gcm_portal.core.curation import curation_workflow
from gcm_portal.core.publication import announce_published
from gcm_portal.core.workflow import Transition, Workflow

from .models import Dossier, DossierDocument

NOTE_WORKFLOW = curation_workflow(returnable=True)


def _focal_point(user, dossier) -> bool:
    return permissions.represents_country(user, dossier.country_id)


def _staff(user, dossier) -> bool:
    return permissions.is_network_staff(user)


def _has_title(dossier) -> str | None:
    return None if dossier.title.strip() else "Give the dossier a title first."


DOSSIER_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="submit",
            sources={"draft"},
            target="submitted",
            label="Submit",
            allowed=_focal_point,
            guard=_has_title,
        ),
        Transition(
            action="return", sources={"submitted"}, target="draft", label="Return", allowed=_staff, needs_comment=True
        ),
        Transition(
            action="accept",
            sources={"submitted"},
            target="accepted",
            label="Accept",
            allowed=_staff,
            after=announce_published,
        ),
    ],
    stamps={"submitted": lambda dossier, now: {"submitted_at": now}},
)

DOSSIER_DOCUMENTS = Attachments(
    model=DossierDocument,
    parent_field="dossier",
    parent_queryset=lambda user: Dossier.objects.visible_to(user).prefetch_related("documents"),
    may_manage=lambda user, dossier: _focal_point(user, dossier) or _staff(user, dossier),
    may_change=lambda user, dossier: dossier.status == "draft" and _focal_point(user, dossier),
)
