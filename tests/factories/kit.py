"""Records of the kernel's test app in every state, built through the kit's services and engine."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.curation import curation_perform
from gcm_portal.core.samples import sample_pdf
from gcm_portal.core.workflow import transition_perform
from gcm_portal.taxonomy.models import Country, Objective
from tests.factories.accounts import UserFactory, focal_point, user_with_role
from tests.kit.models import Dossier, Note
from tests.kit.services import note_create
from tests.kit.workflow import DOSSIER_DOCUMENTS, DOSSIER_WORKFLOW, NOTE_WORKFLOW


@dataclass
class KitWorld:
    author: object
    focal_gh: object
    staff: object
    pending: Note
    published: Note
    returned: Note
    draft: Dossier
    submitted: Dossier
    accepted: Dossier


def make_note(author, title="A note", countries=("GH",), objectives=(6,)) -> Note:
    return note_create(
        actor=author,
        title=title,
        body="Some words.",
        countries=list(Country.objects.filter(iso2__in=countries)),
        objectives=list(Objective.objects.filter(number__in=objectives)),
    )


def build_kit_world(focal_gh=None) -> KitWorld:
    """Notes by a member about Ghana: pending, published, returned; Ghana's dossiers: draft (with a
    document), submitted, accepted."""
    author = UserFactory()
    focal_gh = focal_gh or focal_point("GH")
    staff = user_with_role("network_staff")
    pending = make_note(author, "Pending note")
    published = curation_perform(
        workflow=NOTE_WORKFLOW, item=make_note(author, "Published note"), action="publish", actor=staff
    )
    returned = curation_perform(
        workflow=NOTE_WORKFLOW, item=make_note(author, "Returned note"), action="return", actor=staff, comment="More."
    )
    ghana = Country.objects.get(iso2="GH")
    draft = Dossier.objects.create(country=ghana, title="Draft dossier")
    attachment_add(
        attachments=DOSSIER_DOCUMENTS,
        parent=draft,
        actor=focal_gh,
        upload=SimpleUploadedFile("plan.pdf", sample_pdf("Plan")),
        language="en",
    )
    submitted = transition_perform(
        workflow=DOSSIER_WORKFLOW,
        obj=Dossier.objects.create(country=ghana, title="Submitted dossier"),
        action="submit",
        actor=focal_gh,
    )
    accepted = transition_perform(
        workflow=DOSSIER_WORKFLOW,
        obj=transition_perform(
            workflow=DOSSIER_WORKFLOW,
            obj=Dossier.objects.create(country=ghana, title="Accepted dossier"),
            action="submit",
            actor=focal_gh,
        ),
        action="accept",
        actor=staff,
    )
    return KitWorld(author, focal_gh, staff, pending, published, returned, draft, submitted, accepted)
