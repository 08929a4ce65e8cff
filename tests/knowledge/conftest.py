"""Fixtures of the unified index: every app's records in every state, published through the services
with their after-commit publication events run (so the index is filled the way it is in production)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from champions.workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW
from knowledge import services as hub_services
from tests.factories import champions as champion_factories
from tests.factories import mptf as mptf_factories
from tests.factories.accounts import UserFactory, focal_point
from tests.factories.knowledge import make_practice, move, peer_reviewed, roster
from tests.factories.reviews import build_world


@dataclass
class HubWorld:
    reviews: object
    staff: object
    practice: object
    practice_submitted: object
    practice_declined: object
    note_pipeline: object
    note_draft: object
    note_submitted: object
    programme: object
    commitment: object
    commitment_pending: object
    activity: object
    resource: object
    resource_pending: object


@pytest.fixture
def hub_world(db, django_capture_on_commit_callbacks) -> HubWorld:
    with django_capture_on_commit_callbacks(execute=True):
        world = build_world()
        staff = world.staff
        experts = roster(staff)
        practice = peer_reviewed(
            make_practice(UserFactory(), title="Zero-fee recruitment in Ghana"),
            staff,
            [experts["un1"], experts["ext1"], experts["ext2"]],
        )
        practice = move(practice, staff, "publish")
        practice_submitted = make_practice(UserFactory(), title="Submitted practice on remittances")
        practice_declined = move(
            make_practice(UserFactory(), title="Declined practice on remittances"), staff, "decline"
        )

        author = mptf_factories.entity_fp("IOM")
        note_pipeline = mptf_factories.make_note(author, state="pipeline", title="Pipeline note on labour mobility")
        note_draft = mptf_factories.make_note(author, state="draft", title="Draft note on labour mobility")
        note_submitted = mptf_factories.make_note(author, state="submitted", title="Submitted note on labour mobility")
        fm = mptf_factories.fund_manager()
        selected = mptf_factories.make_note(author, state="selected", title="Selected note", deciders=fm)
        programme = mptf_factories.make_programme(selected, fm, code="gh-jp-1", title="Ghana joint programme")

        focal_gh = world.focal_gh
        commitment = champion_factories.make_commitment(focal_gh, title="Published commitment on labour inspection")
        commitment = champion_factories.curate(COMMITMENT_WORKFLOW, commitment, "publish", staff)
        commitment_pending = champion_factories.make_commitment(focal_gh, title="Pending commitment on inspection")
        activity = champion_factories.make_activity(focal_gh, title="Peer exchange on recruitment")
        activity = champion_factories.curate(ACTIVITY_WORKFLOW, activity, "publish", staff)

        resource = hub_services.resource_create(
            actor=staff,
            data={"title": "Guidance on fair recruitment", "resource_type": "guidance", "publisher": "IOM"},
            publish=True,
        )
        resource_pending = hub_services.resource_create(
            actor=focal_point("MX"),
            data={"title": "Suggested resource on recruitment", "resource_type": "guidance", "publisher": "X"},
        )
    return HubWorld(
        world,
        staff,
        practice,
        practice_submitted,
        practice_declined,
        note_pipeline,
        note_draft,
        note_submitted,
        programme,
        commitment,
        commitment_pending,
        activity,
        resource,
        resource_pending,
    )
