import time

import pytest
from django.urls import reverse

from tests.factories.knowledge import build_knowledge_world

pytestmark = pytest.mark.django_db


def test_world_and_pages(client):
    t = time.time()
    w = build_knowledge_world().build_all()
    print("world", time.time() - t)
    pages = [
        reverse("knowledge:index"),
        reverse("knowledge:practice-list"),
        w.published.get_absolute_url(),
        reverse("knowledge:resource-list"),
        w.resource_published.get_absolute_url(),
        reverse("knowledge:event-list"),
        reverse("knowledge:event-past"),
        reverse("knowledge:event-calendar"),
        w.event.get_absolute_url(),
        reverse("knowledge:group-list"),
        w.group.get_absolute_url(),
        reverse("knowledge:network-list"),
        w.network.get_absolute_url(),
        reverse("knowledge:space-list"),
        w.space.get_absolute_url(),
        reverse("knowledge:call-list"),
        w.call.get_absolute_url(),
        reverse("knowledge:theme-detail", args=["covid-19"]),
        reverse("knowledge:connection-hub"),
        "/countries/gh/",
        "/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    client.force_login(w.staff)
    for url in pages + [
        reverse("knowledge:practice-reviewers", args=[w.in_review.pk]),
        w.assignment.get_absolute_url(),
        reverse("knowledge:expert-list"),
        reverse("knowledge:roster-balance"),
        w.expert_pending.get_absolute_url(),
        reverse("knowledge:moderation"),
        reverse("knowledge:request-list"),
        w.request_own.get_absolute_url(),
        w.submitted.get_absolute_url(),
        reverse("knowledge:practice-create"),
        reverse("knowledge:practice-edit", args=[w.submitted.pk]),
        reverse("knowledge:resource-create"),
        reverse("knowledge:event-create"),
        reverse("knowledge:event-edit", args=[w.event.pk]),
        reverse("knowledge:group-create"),
        reverse("knowledge:network-create"),
        reverse("knowledge:space-create"),
        reverse("knowledge:space-edit", args=[w.space.pk]),
        reverse("knowledge:call-create"),
        "/curation/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    client.force_login(w.focal_gh)
    for url in ["/my-country/", reverse("knowledge:request-create"), w.request_own.get_absolute_url()]:
        assert client.get(url).status_code == 200, url
    client.force_login(w.assignment.expert.user)
    assert client.get(w.assignment.get_absolute_url()).status_code == 200
    assert client.get(reverse("knowledge:assignment-list")).status_code == 200
    client.force_login(w.member)
    assert client.get(reverse("knowledge:expert-apply")).status_code == 200
