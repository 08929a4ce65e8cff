"""The unified index: filled from publication events after commit, rebuilt from scratch by a command,
and never holding anything unpublished (drafts, returned, declined, withdrawn), by any query, in HTML
or the API."""

from __future__ import annotations

import pytest

from knowledge.models import IndexEntry

pytestmark = pytest.mark.django_db


def titles() -> set[str]:
    return set(IndexEntry.objects.values_list("title", flat=True))


def test_published_records_of_every_app_are_indexed_and_nothing_else(hub_world):
    indexed = titles()
    w = hub_world.reviews
    published = {
        w.published_gh.title,
        w.published_mx.title,
        w.published_pledge_gh.title,
        w.published_contribution.title,
        hub_world.practice.title,
        hub_world.note_pipeline.title,
        hub_world.programme.title,
        hub_world.commitment.title,
        hub_world.activity.title,
        hub_world.resource.title,
    }
    assert published <= indexed
    unpublished = {
        w.draft_gh.title,
        w.submitted_gh.title,
        w.returned_gh.title,
        w.draft_mx.title,
        w.pending_pledge_gh.title,
        w.pending_contribution.title,
        hub_world.practice_submitted.title,
        hub_world.practice_declined.title,
        hub_world.note_draft.title,
        hub_world.note_submitted.title,
        hub_world.commitment_pending.title,
        hub_world.resource_pending.title,
    }
    assert not unpublished & indexed
