"""Practices: submission against the Hub's criteria, the lifecycle, who sees and edits what, calls for
practices and the COVID-19 theme, documents and contacts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.models import Notification
from gcm_portal.core.workflow import TransitionForbidden
from gcm_portal.taxonomy.models import GuidingPrinciple
from knowledge import permissions, services
from knowledge.choices import PracticeStatus
from knowledge.models import Practice, ThemeResponse
from tests.factories.accounts import UserFactory, focal_point, user_with_role
from tests.factories.knowledge import make_practice, move, pdf, practice_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with_role("network_staff")


@pytest.fixture
def author():
    return UserFactory(organisation="Ghana Immigration Service")


# ---------------------------------------------------------------------------
# Submission against the criteria
# ---------------------------------------------------------------------------


def test_anyone_signed_in_submits_and_staff_are_told(author, staff):
    practice = make_practice(author)
    assert practice.status == PracticeStatus.SUBMITTED and practice.created_by == author
    assert [c.name for c in practice.contacts.all()] == ["Ama Owusu"]
    assert list(practice.objectives.values_list("number", flat=True)) == [6]
    assert practice.implementation_period == "2019\u20132022"
    assert Notification.objects.filter(recipient=staff, event="curation_requested").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"objective_numbers": ()}, "objectives"),
        ({"country_codes": ()}, "countries"),
        ({"contacts": [{"name": " "}]}, "contacts"),
    ],
)
def test_the_hubs_criteria_are_required(author, changes, field):
    with pytest.raises(ValidationError) as refused:
        make_practice(author, **changes)
    assert field in refused.value.message_dict
    assert not Practice.objects.exists()


def test_guiding_principles_and_an_ordered_period_are_required(author):
    with pytest.raises(ValidationError) as refused:
        services.practice_create(
            actor=author, data=practice_data(), objectives=[], principles=[], contacts=[{"name": "A"}]
        )
    assert {"objectives", "principles"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError):
        make_practice(author, implementation_start=2022, implementation_end=2019)


def test_a_global_practice_needs_no_country(author):
    practice = make_practice(author, geographic_scope="global", country_codes=())
    assert not practice.countries.exists()


def test_anonymous_visitors_may_not_submit():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        make_practice(AnonymousUser())


# ---------------------------------------------------------------------------
# Who sees and edits
# ---------------------------------------------------------------------------


def test_a_submission_is_seen_by_its_submitter_and_staff_only(author, staff):
    practice = make_practice(author)
    assert Practice.objects.visible_to(author).filter(pk=practice.pk).exists()
    assert Practice.objects.visible_to(staff).filter(pk=practice.pk).exists()
    for other in (UserFactory(), focal_point("GH"), user_with_role("expert_reviewer")):
        assert not Practice.objects.visible_to(other).filter(pk=practice.pk).exists()


def test_the_submitter_edits_while_it_waits_or_information_is_asked(author, staff):
    practice = make_practice(author)
    practice = services.practice_update(
        practice=practice, actor=author, expected_version=practice.version, data={"title": "Better title"}
    )
    practice = move(practice, staff, "request_info", comment="Add the results.")
    practice = services.practice_update(
        practice=practice, actor=author, expected_version=practice.version, data={"results": "Fees fell by half."}
    )
    practice = services.practice_transition(practice=practice, action="resubmit", actor=author)
    assert practice.status == PracticeStatus.SUBMITTED
    practice = move(practice, staff, "send_to_review")
    with pytest.raises(PermissionDenied):
        services.practice_update(
            practice=practice, actor=author, expected_version=practice.version, data={"title": "x"}
        )
    # staff still edit
    services.practice_update(
        practice=practice, actor=staff, expected_version=practice.version, data={"title": "Staff edit"}
    )


def test_a_stale_edit_is_refused_and_nothing_is_written(author):
    practice = make_practice(author)
    services.practice_update(
        practice=practice, actor=author, expected_version=practice.version, data={"title": "First"}
    )
    with pytest.raises(StaleVersion):
        services.practice_update(
            practice=practice, actor=author, expected_version=practice.version, data={"title": "Second"}
        )
    assert Practice.objects.get(pk=practice.pk).title == "First"


def test_fields_outside_the_form_cannot_be_written(author):
    practice = make_practice(author)
    with pytest.raises(ValidationError):
        services.practice_update(
            practice=practice, actor=author, expected_version=practice.version, data={"status": "published"}
        )


def test_only_the_submitter_resubmits_and_only_staff_decide(author, staff):
    practice = move(make_practice(author), staff, "request_info")
    with pytest.raises(TransitionForbidden):
        services.practice_transition(practice=practice, action="resubmit", actor=staff)
    with pytest.raises(TransitionForbidden):
        services.practice_transition(practice=practice, action="decline", actor=author, comment="No.")
    assert Notification.objects.filter(recipient=author, event="hub_practice_status").exists()


def test_edits_are_audited(author):
    from gcm_portal.core.audit import audit_list_for

    practice = make_practice(author)
    services.practice_update(
        practice=practice,
        actor=author,
        expected_version=practice.version,
        data={"title": "Renamed"},
        contacts=[{"name": "Kofi"}],
    )
    entry = audit_list_for(practice).get(action="edit")
    assert entry.changes["title"]["after"] == "Renamed"
    assert entry.changes["contacts"] == {"before": ["Ama Owusu"], "after": ["Kofi"]}


def test_contact_emails_are_for_staff_and_the_submitter(author, staff):
    practice = make_practice(author)
    assert permissions.can_see_contact_details(author, practice)
    assert permissions.can_see_contact_details(staff, practice)
    assert not permissions.can_see_contact_details(UserFactory(), practice)


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


def test_documents_are_added_while_the_practice_can_be_edited(author, staff):
    practice = make_practice(author)
    document = attachment_add(
        attachments=services.PRACTICE_DOCUMENTS, parent=practice, actor=author, upload=pdf(), language="en"
    )
    assert document.practice == practice
    practice = move(practice, staff, "send_to_review")
    with pytest.raises(PermissionDenied):
        attachment_add(
            attachments=services.PRACTICE_DOCUMENTS, parent=practice, actor=author, upload=pdf(), language="en"
        )


# ---------------------------------------------------------------------------
# Calls for practices and the COVID-19 theme
# ---------------------------------------------------------------------------


def test_staff_open_a_call_and_submissions_answer_it_until_the_deadline(author, staff):
    call = services.call_create(
        actor=staff,
        data={
            "title": "COVID-19 responses",
            "description": "Share them.",
            "deadline": timezone.localdate() + timedelta(days=10),
        },
        publish=True,
    )
    assert call.is_open
    practice = make_practice(author, call=call)
    assert practice.call == call
    closed = services.call_create(
        actor=staff,
        data={"title": "Old call", "description": "Over.", "deadline": timezone.localdate() - timedelta(days=1)},
        publish=True,
    )
    with pytest.raises(ValidationError) as refused:
        make_practice(author, call=closed)
    assert "call" in refused.value.message_dict
    draft = services.call_create(
        actor=staff,
        data={"title": "Draft call", "description": "-", "deadline": timezone.localdate() + timedelta(days=5)},
    )
    assert not draft.is_open
    with pytest.raises(PermissionDenied):
        services.call_create(actor=author, data={"title": "x", "description": "x", "deadline": timezone.localdate()})


def test_an_existing_answer_stays_when_the_call_closes(author, staff):
    call = services.call_create(
        actor=staff,
        data={"title": "Call", "description": "-", "deadline": timezone.localdate() + timedelta(days=1)},
        publish=True,
    )
    practice = make_practice(author, call=call)
    call.__class__.objects.filter(pk=call.pk).update(deadline=timezone.localdate() - timedelta(days=3))
    practice = Practice.objects.get(pk=practice.pk)
    services.practice_update(
        practice=practice,
        actor=author,
        expected_version=practice.version,
        data={"call": practice.call, "title": "Edited"},
    )


def test_the_covid_theme_names_its_four_responses_with_sources():
    responses = ThemeResponse.objects.filter(theme__slug="covid-19").order_by("order")
    assert [r.title for r in responses] == [
        "Access to services regardless of migration status",
        "Permits extended or status regularised",
        "Release from immigration detention",
        "Forced returns suspended",
    ]
    for response in responses:
        assert response.source_url.startswith("https://") and response.source_title and response.verified


def test_a_practice_tags_the_theme_responses_it_shows(author, client, staff):
    from tests.factories.knowledge import objectives

    response = ThemeResponse.objects.get(code="detention-release")
    practice = services.practice_create(
        actor=author,
        data=practice_data(title="Release programme", geographic_scope="global"),
        objectives=objectives(13),
        principles=list(GuidingPrinciple.objects.filter(letter="f")),
        countries=[],
        theme_responses=[response],
        contacts=[{"name": "A"}],
    )
    assert list(practice.theme_responses.all()) == [response]
    page = client.get("/hub/themes/covid-19/").content.decode()
    assert "Release from immigration detention" in page
    assert "Release programme" not in page  # not published yet
