"""The workflow engine (gcm_portal/core/workflow.py) on its own, with the kit's dossier table."""

from __future__ import annotations

import pytest

from gcm_portal.core.audit import audit_list_for
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.models import AuditEntry
from gcm_portal.core.workflow import (
    CommentRequired,
    Transition,
    TransitionConflict,
    TransitionEvent,
    TransitionForbidden,
    TransitionNotAllowed,
    Workflow,
    transition_perform,
    transition_perform_many,
)
from tests.kit.models import Dossier
from tests.kit.workflow import DOSSIER_WORKFLOW, NOTE_WORKFLOW

pytestmark = pytest.mark.django_db


def dossier(country, title="A dossier") -> Dossier:
    return Dossier.objects.create(country=country, title=title)


def submitted(country, focal, title="A dossier") -> Dossier:
    return transition_perform(workflow=DOSSIER_WORKFLOW, obj=dossier(country, title), action="submit", actor=focal)


def anyone(user, obj) -> bool:
    return True


# ---------------------------------------------------------------------------
# What is offered
# ---------------------------------------------------------------------------


def test_actions_for_offers_what_the_user_may_take_in_this_state(ghana, focal_gh, staff, author):
    draft = dossier(ghana)
    [submit] = DOSSIER_WORKFLOW.actions_for(draft, focal_gh)
    assert submit.action == "submit"
    assert submit.enabled and submit.reason is None
    # staff may not submit a country's dossier; a member may do nothing
    assert DOSSIER_WORKFLOW.actions_for(draft, staff) == []
    assert DOSSIER_WORKFLOW.actions_for(draft, author) == []

    sent = submitted(ghana, focal_gh)
    assert [a.action for a in DOSSIER_WORKFLOW.actions_for(sent, staff)] == ["return", "accept"]
    assert DOSSIER_WORKFLOW.actions_for(sent, focal_gh) == []


def test_a_guard_reason_disables_the_action_and_refuses_it(ghana, focal_gh):
    untitled = dossier(ghana, title="   ")
    [submit] = DOSSIER_WORKFLOW.actions_for(untitled, focal_gh)
    assert not submit.enabled
    assert submit.reason == "Give the dossier a title first."
    with pytest.raises(TransitionNotAllowed, match="Give the dossier a title first"):
        transition_perform(workflow=DOSSIER_WORKFLOW, obj=untitled, action="submit", actor=focal_gh)
    untitled.refresh_from_db()
    assert untitled.status == "draft"


def test_internal_transitions_are_never_offered(author, staff, ghana):
    workflow = Workflow(
        transitions=[
            Transition(action="open", sources={"draft"}, target="open", label="Open", allowed=anyone),
            Transition(action="sweep", sources={"draft"}, target="swept", label="Sweep", allowed=anyone, internal=True),
        ]
    )
    draft = dossier(ghana)
    assert workflow.public_actions == ["open"]
    assert "sweep" in workflow.actions
    assert [a.action for a in workflow.actions_for(draft, staff)] == ["open"]
    # the curation table's internal "revise" likewise
    assert "revise" in NOTE_WORKFLOW.actions
    assert "revise" not in NOTE_WORKFLOW.public_actions


def test_internal_revise_is_not_offered_on_a_published_note(author, staff):
    from gcm_portal.core.curation import curation_perform
    from tests.factories.kit import make_note

    note = curation_perform(workflow=NOTE_WORKFLOW, item=make_note(author), action="publish", actor=staff)
    for user in (author, staff):
        assert "revise" not in [a.action for a in NOTE_WORKFLOW.actions_for(note, user)]
    assert [a.action for a in NOTE_WORKFLOW.actions_for(note, staff)] == ["reopen"]


# ---------------------------------------------------------------------------
# A move
# ---------------------------------------------------------------------------


def test_a_move_sets_the_state_stamps_bumps_the_version_and_writes_the_audit(ghana, focal_gh):
    draft = dossier(ghana)
    assert draft.submitted_at is None and draft.version == 1
    moved = transition_perform(workflow=DOSSIER_WORKFLOW, obj=draft, action="submit", actor=focal_gh)
    stored = Dossier.objects.get(pk=draft.pk)
    assert stored.status == moved.status == "submitted"
    assert stored.submitted_at is not None
    assert stored.version == 2
    [entry] = audit_list_for(stored)
    assert (entry.action, entry.from_state, entry.to_state) == ("submit", "draft", "submitted")
    assert entry.actor == focal_gh
    assert entry.object_id == str(stored.pk)


def test_hooks_run_workflow_level_first_then_the_transitions_own(ghana, staff):
    calls: list[tuple[str, TransitionEvent]] = []
    workflow = Workflow(
        transitions=[
            Transition(
                action="submit",
                sources={"draft"},
                target="submitted",
                label="Submit",
                allowed=anyone,
                after=[lambda e: calls.append(("own-1", e)), lambda e: calls.append(("own-2", e))],
            )
        ],
        after=lambda e: calls.append(("workflow", e)),
    )
    draft = dossier(ghana)
    transition_perform(workflow=workflow, obj=draft, action="submit", actor=staff, comment=" why ")
    assert [name for name, _ in calls] == ["workflow", "own-1", "own-2"]
    event = calls[0][1]
    assert isinstance(event, TransitionEvent)
    assert event.source == "draft"
    assert (event.action, event.target) == ("submit", "submitted")
    assert event.obj.status == "submitted"  # the record is refreshed before hooks run
    assert event.actor == staff
    assert event.comment == "why"


# ---------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------


def test_unknown_action_is_not_allowed(ghana, focal_gh):
    with pytest.raises(TransitionNotAllowed):
        transition_perform(workflow=DOSSIER_WORKFLOW, obj=dossier(ghana), action="fly", actor=focal_gh)


def test_an_actor_never_allowed_is_forbidden_without_learning_the_state(ghana, focal_gh, author):
    sent = submitted(ghana, focal_gh)
    with pytest.raises(TransitionForbidden) as raised:
        transition_perform(workflow=DOSSIER_WORKFLOW, obj=sent, action="accept", actor=author)
    message = str(raised.value)
    assert message
    for state in ("submitted", "draft", "accepted"):
        assert state not in message
    assert Dossier.objects.get(pk=sent.pk).status == "submitted"


def test_the_wrong_state_is_not_allowed(ghana, focal_gh):
    sent = submitted(ghana, focal_gh)
    with pytest.raises(TransitionNotAllowed) as raised:
        transition_perform(workflow=DOSSIER_WORKFLOW, obj=sent, action="submit", actor=focal_gh)
    assert not isinstance(raised.value, (TransitionForbidden, CommentRequired))
    assert Dossier.objects.get(pk=sent.pk).version == 2


@pytest.mark.parametrize("comment", ["", "   "])
def test_a_missing_comment_is_refused(ghana, focal_gh, staff, comment):
    sent = submitted(ghana, focal_gh)
    with pytest.raises(CommentRequired):
        transition_perform(workflow=DOSSIER_WORKFLOW, obj=sent, action="return", actor=staff, comment=comment)
    assert Dossier.objects.get(pk=sent.pk).status == "submitted"
    returned = transition_perform(workflow=DOSSIER_WORKFLOW, obj=sent, action="return", actor=staff, comment="Fix")
    assert returned.status == "draft"


def test_a_stale_expected_version_is_refused_for_an_allowed_actor(ghana, focal_gh):
    draft = dossier(ghana)
    with pytest.raises(StaleVersion) as raised:
        transition_perform(
            workflow=DOSSIER_WORKFLOW, obj=draft, action="submit", actor=focal_gh, expected_version=draft.version + 5
        )
    assert raised.value.current.pk == draft.pk
    assert Dossier.objects.get(pk=draft.pk).status == "draft"
    moved = transition_perform(
        workflow=DOSSIER_WORKFLOW, obj=draft, action="submit", actor=focal_gh, expected_version=draft.version
    )
    assert moved.status == "submitted"


def test_a_forbidden_actor_with_a_stale_version_is_still_forbidden(ghana, author):
    draft = dossier(ghana)
    with pytest.raises(TransitionForbidden):
        transition_perform(workflow=DOSSIER_WORKFLOW, obj=draft, action="submit", actor=author, expected_version=99)


def test_two_moves_from_the_same_stale_copy_one_wins_the_other_conflicts(ghana, focal_gh):
    draft = dossier(ghana)
    first = Dossier.objects.get(pk=draft.pk)
    stale = Dossier.objects.get(pk=draft.pk)
    transition_perform(workflow=DOSSIER_WORKFLOW, obj=first, action="submit", actor=focal_gh)
    with pytest.raises(TransitionConflict):
        transition_perform(workflow=DOSSIER_WORKFLOW, obj=stale, action="submit", actor=focal_gh)
    stored = Dossier.objects.get(pk=draft.pk)
    assert (stored.status, stored.version) == ("submitted", 2)
    assert audit_list_for(stored).count() == 1


def test_a_hook_that_raises_rolls_everything_back(ghana, staff):
    def boom(event):
        raise RuntimeError("hook failed")

    workflow = Workflow(
        transitions=[
            Transition(
                action="submit", sources={"draft"}, target="submitted", label="Submit", allowed=anyone, after=boom
            )
        ],
        stamps={"submitted": lambda obj, now: {"submitted_at": now}},
    )
    draft = dossier(ghana)
    entries_before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError, match="hook failed"):
        transition_perform(workflow=workflow, obj=draft, action="submit", actor=staff)
    stored = Dossier.objects.get(pk=draft.pk)
    assert (stored.status, stored.version, stored.submitted_at) == ("draft", 1, None)
    assert AuditEntry.objects.count() == entries_before


def test_a_duplicate_state_and_action_in_a_table_is_refused():
    with pytest.raises(ValueError, match="duplicate"):
        Workflow(
            transitions=[
                Transition(action="go", sources={"a", "b"}, target="c", label="Go", allowed=anyone),
                Transition(action="go", sources={"b"}, target="d", label="Go", allowed=anyone),
            ]
        )
    # the same action from different states is fine
    Workflow(
        transitions=[
            Transition(action="go", sources={"a"}, target="c", label="Go", allowed=anyone),
            Transition(action="go", sources={"b"}, target="d", label="Go", allowed=anyone),
        ]
    )


# ---------------------------------------------------------------------------
# Many at once
# ---------------------------------------------------------------------------


def test_perform_many_reports_done_and_refused_per_record(ghana, focal_gh):
    one, two = dossier(ghana, "One"), dossier(ghana, "Two")
    already = submitted(ghana, focal_gh, "Already")
    result = transition_perform_many(
        workflow=DOSSIER_WORKFLOW, objects=[one, already, two], action="submit", actor=focal_gh
    )
    assert [d.pk for d in result.done] == [one.pk, two.pk]
    assert all(d.status == "submitted" for d in result.done)
    [(refused, reason)] = result.refused
    assert refused.pk == already.pk
    assert "not possible" in reason
    assert Dossier.objects.filter(status="submitted").count() == 3


def test_perform_many_refuses_actions_that_need_a_comment(ghana, focal_gh, staff):
    sent = [submitted(ghana, focal_gh, "One"), submitted(ghana, focal_gh, "Two")]
    result = transition_perform_many(workflow=DOSSIER_WORKFLOW, objects=sent, action="return", actor=staff)
    assert result.done == []
    assert [obj.pk for obj, _ in result.refused] == [d.pk for d in sent]
    assert all("comment" in reason for _, reason in result.refused)
    assert Dossier.objects.filter(status="submitted").count() == 2
