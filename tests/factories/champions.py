"""Champion records in every state, built through the real services and workflow (never by writing
status fields). The membership history itself is reference data, loaded by the migrations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from champions import services
from champions.models import Champion, Consultation, FocusArea
from champions.workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW, CONFIRMATION_WORKFLOW, PROFILE_WORKFLOW
from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.curation import curation_perform
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, Objective
from tests.factories.accounts import focal_point, user_with_role


def champion(iso2: str = "GH") -> Champion:
    return Champion.objects.select_related("country").get(country__iso2=iso2)


def objectives(*numbers):
    return list(Objective.objects.filter(number__in=numbers))


def areas(*numbers):
    return list(FocusArea.objects.filter(number__in=numbers))


def pdf(name: str = "letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample_pdf("A signed letter"), content_type="application/pdf")


def make_commitment(actor, iso2: str = "GH", title: str = "Train labour inspectors", **extra):
    return services.commitment_create(
        actor=actor,
        champion=champion(iso2),
        title=title,
        description="What we commit to.",
        objectives=extra.pop("objectives", objectives(6)),
        focus_areas=extra.pop("focus_areas", areas(1)),
        **extra,
    )


def make_activity(actor, iso2: str = "GH", title: str = "Peer exchange", days: int = 20, **extra):
    return services.activity_create(
        actor=actor,
        kind=extra.pop("kind", "peer_exchange"),
        title=title,
        start_date=timezone.localdate() + timedelta(days=days),
        hosts=[Country.objects.get(iso2=iso2)],
        champions=[champion(iso2)],
        objectives=objectives(6),
        **extra,
    )


def make_profile_update(actor, iso2: str = "GH", **data):
    values = {"summary": "Our profile.", "coordination_body": "National committee", "lead_ministry": "Interior"}
    values.update(data)
    return services.profile_update_create(
        actor=actor,
        champion=champion(iso2),
        data=values,
        priority_objectives=objectives(2, 6),
        plan_objectives=objectives(6),
        focus_notes={"1": "We shared practices."},
    )


def curate(workflow, item, action, actor, comment=""):
    return curation_perform(workflow=workflow, item=item, action=action, actor=actor, comment=comment)


def make_consultation(staff, *, open_: bool = True, questions: str = "What works?\nWhat is missing?"):
    today = timezone.localdate()
    return Consultation.objects.create(
        title="Feedback on the guidance",
        tool="GCM implementation guidance",
        questions=questions,
        opens_on=today - timedelta(days=5 if open_ else 60),
        closes_on=today + timedelta(days=5) if open_ else today - timedelta(days=30),
        created_by=staff,
    )


@dataclass
class ChampionsWorld:
    focal_gh: object
    focal_ke: object
    focal_jm: object
    staff: object
    commitment_pending: object
    commitment_published: object
    commitment_returned: object
    activity_pending: object
    activity_published: object
    activity_returned: object
    profile_pending: object
    profile_published: object
    confirmation_pending: object
    consultation: object
    request_gh: object
    request_jm: object


def build_champions_world(focal_gh=None) -> ChampionsWorld:
    """Ghana (a champion) has commitments, activities and profile updates in every curation state; Kenya
    (a champion) has its own focal point; Jamaica (not a champion) has sent a letter of confirmation."""
    focal_gh = focal_gh or focal_point("GH")
    focal_ke = focal_point("KE")
    focal_jm = focal_point("JM")
    staff = user_with_role("network_staff")
    pending = make_commitment(focal_gh, title="Pending commitment")
    published = curate(COMMITMENT_WORKFLOW, make_commitment(focal_gh, title="Published commitment"), "publish", staff)
    returned = curate(
        COMMITMENT_WORKFLOW, make_commitment(focal_gh, title="Returned commitment"), "return", staff, "Add a target."
    )
    attachment_add(
        attachments=services.COMMITMENT_DOCUMENTS,
        parent=pending,
        actor=focal_gh,
        upload=pdf("evidence.pdf"),
        language="en",
    )
    activity_pending = make_activity(focal_gh, title="Pending activity")
    attachment_add(
        attachments=services.ACTIVITY_DOCUMENTS,
        parent=activity_pending,
        actor=focal_gh,
        upload=pdf("agenda.pdf"),
        language="en",
    )
    activity_published = curate(
        ACTIVITY_WORKFLOW, make_activity(focal_gh, title="Published activity"), "publish", staff
    )
    activity_returned = curate(
        ACTIVITY_WORKFLOW, make_activity(focal_gh, title="Returned activity"), "return", staff, "Add the agenda."
    )
    profile_published = curate(PROFILE_WORKFLOW, make_profile_update(focal_gh, summary="Approved"), "publish", staff)
    profile_pending = make_profile_update(focal_gh, summary="Proposed")
    attachment_add(
        attachments=services.PROFILE_DOCUMENTS,
        parent=profile_pending,
        actor=focal_gh,
        upload=pdf("plan.pdf"),
        language="en",
    )
    confirmation = services.confirmation_create(
        actor=focal_jm,
        country=Country.objects.get(iso2="JM"),
        letter_date=timezone.localdate() - timedelta(days=3),
        signed_by="Minister of Foreign Affairs",
    )
    attachment_add(
        attachments=services.CONFIRMATION_DOCUMENTS, parent=confirmation, actor=focal_jm, upload=pdf(), language="en"
    )
    consultation = make_consultation(staff)
    attachment_add(
        attachments=services.CONSULTATION_DOCUMENTS,
        parent=consultation,
        actor=staff,
        upload=pdf("draft.pdf"),
        language="en",
    )
    services.consultation_answer(
        consultation=consultation, champion=champion("GH"), actor=focal_gh, answers=["Much.", "Examples."]
    )
    request_gh = services.request_create(
        actor=focal_gh,
        country=Country.objects.get(iso2="GH"),
        objective=Objective.objects.get(number=6),
        description="Fair recruitment.",
    )
    request_jm = services.request_create(
        actor=focal_jm,
        country=Country.objects.get(iso2="JM"),
        objective=Objective.objects.get(number=19),
        description="Diaspora.",
    )
    return ChampionsWorld(
        focal_gh,
        focal_ke,
        focal_jm,
        staff,
        pending,
        published,
        returned,
        activity_pending,
        activity_published,
        activity_returned,
        profile_pending,
        profile_published,
        confirmation,
        consultation,
        request_gh,
        request_jm,
    )


__all__ = [
    "CONFIRMATION_WORKFLOW",
    "ChampionsWorld",
    "build_champions_world",
    "champion",
    "curate",
    "make_activity",
    "make_commitment",
    "make_consultation",
    "make_profile_update",
]
