"""Every new public thing of the hub sends the kernel's publication event (after commit): practices,
resources, events, discussion spaces, working groups, networks and calls; a change while public and a
withdrawal are announced too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gcm_portal.core.publication import publication_changed
from gcm_portal.taxonomy.models import Country
from knowledge import services
from tests.factories.accounts import UserFactory, user_with_role
from tests.factories.knowledge import make_practice, move, peer_reviewed, roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    received = []

    def listener(sender, event, **kwargs):
        received.append((event.kind, event.change, event.pk, event.url))

    publication_changed.connect(listener)
    yield received
    publication_changed.disconnect(listener)


@pytest.fixture
def staff():
    return user_with_role("network_staff")


def announced(events, obj, change="published"):
    return (obj._meta.label_lower, change, obj.pk, obj.get_absolute_url()) in events


def test_a_practice_is_announced_when_published_and_withdrawn(staff, events, django_capture_on_commit_callbacks):
    experts = roster(staff)
    with django_capture_on_commit_callbacks(execute=True):
        practice = peer_reviewed(
            make_practice(UserFactory()), staff, [experts["un1"], experts["ext1"], experts["ext2"]]
        )
    assert events == []  # nothing public yet
    with django_capture_on_commit_callbacks(execute=True):
        practice = move(practice, staff, "publish")
    assert announced(events, practice)
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.practice_update(
            practice=practice, actor=staff, expected_version=practice.version, data={"title": "Corrected title"}
        )
    assert announced(events, practice, "changed")
    with django_capture_on_commit_callbacks(execute=True):
        move(practice, staff, "reopen")
    assert announced(events, practice, "withdrawn")


@pytest.mark.parametrize(
    "make",
    [
        lambda staff: services.resource_create(
            actor=staff, data={"title": "R", "resource_type": "guidance", "publisher": "P"}, publish=True
        ),
        lambda staff: services.event_create(
            actor=staff,
            data={"title": "E", "kind": "webinar", "format": "online", "starts_at": timezone.now()},
            publish=True,
        ),
        lambda staff: services.group_create(actor=staff, data={"name": "G"}, publish=True),
        lambda staff: services.network_create(
            actor=staff,
            data={"kind": "country", "name": "N", "country": Country.objects.get(iso2="GH"), "un_team": "UNCT"},
            publish=True,
        ),
        lambda staff: services.space_create(
            actor=staff,
            data={
                "title": "S",
                "description": "D",
                "audience": "A",
                "languages": ["en"],
                "opens_on": timezone.localdate(),
                "closes_on": timezone.localdate() + timedelta(days=3),
            },
            questions=["Q?"],
            publish=True,
        ),
        lambda staff: services.call_create(
            actor=staff,
            data={"title": "C", "description": "D", "deadline": timezone.localdate() + timedelta(days=3)},
            publish=True,
        ),
    ],
    ids=["resource", "event", "working-group", "network", "discussion-space", "call"],
)
def test_every_new_public_thing_is_announced(make, staff, events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        obj = make(staff)
    assert announced(events, obj)
    assert len(events) == 1


def test_a_suggestion_is_announced_only_once_published(staff, events, django_capture_on_commit_callbacks):
    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        resource = services.resource_create(
            actor=member, data={"title": "Suggested", "resource_type": "publication", "publisher": "P"}
        )
    assert events == []
    with django_capture_on_commit_callbacks(execute=True):
        resource = services.resource_curate(resource=resource, action="publish", actor=staff)
    assert announced(events, resource)
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(
            resource=resource, actor=staff, expected_version=resource.version, data={"title": "New"}
        )
    assert announced(events, resource, "changed")


def test_nothing_is_announced_when_the_transaction_rolls_back(staff, events, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.group_create(actor=staff, data={"name": "Rolled back"}, publish=True)
                raise RuntimeError
        except RuntimeError:
            pass
    assert events == []
