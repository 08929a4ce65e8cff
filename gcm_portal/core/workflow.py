"""The workflow engine every app uses: a declarative transition table and one function that performs
a transition.

An app declares its table in its own ``workflow.py``::

    REPORT_WORKFLOW = Workflow(transitions=[
        Transition(action="submit", sources={"draft"}, target="submitted", label=_("Submit"),
                   allowed=can_edit, guard=missing_for_submission, after=[report_version_on_submit]),
        ...
    ])

``transition_perform`` checks, in this order, that the action exists, that the actor may take it (so
someone who may never take it learns nothing of the record's state), the version the actor started
from (when given), the state, the guard and the comment; then it moves the state with a conditional
UPDATE (``WHERE pk = … AND status = <current>``) so that two simultaneous clicks cannot both succeed,
writes an audit row and runs the ``after`` hooks inside the transaction: the workflow's own hooks,
then the transition's. Hooks take one :class:`TransitionEvent`. Notifications and publication events
they raise are sent only after commit.

Buttons in templates and actions in the API both come from :meth:`Workflow.actions_for`. A transition
marked ``internal`` is never offered: a service performs it as part of another write (for example an
edit that sends a published item back to curation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_record
from .concurrency import StaleVersion

__all__ = [
    "AvailableAction",
    "BulkResult",
    "CommentRefused",
    "CommentRequired",
    "Transition",
    "TransitionConflict",
    "TransitionEvent",
    "TransitionForbidden",
    "TransitionNotAllowed",
    "Workflow",
    "WorkflowError",
    "transition_perform",
    "transition_perform_many",
]


class WorkflowError(Exception):
    """Base of the workflow's refusals; ``str()`` is a message for people."""


class TransitionNotAllowed(WorkflowError):
    """The action does not exist in this state, or its guard refuses it."""


class TransitionForbidden(WorkflowError):
    """The actor may not perform this action on this record."""


class TransitionConflict(WorkflowError):
    """Someone else changed the record's state first."""


class CommentRequired(TransitionNotAllowed):
    """The action needs an explanation and none was given (bad input, answered 400, not a wrong state)."""


class CommentRefused(CommentRequired):
    """The comment holds what no text may (a NUL character, which PostgreSQL cannot store): bad input,
    answered 400 like a missing comment."""


Predicate = Callable[[Any, Model], bool]
Guard = Callable[[Model], str | None]


@dataclass(frozen=True)
class TransitionEvent:
    """What a hook is told: the record (refreshed after the move), the transition, who and why."""

    obj: Model
    transition: Transition
    actor: Any
    comment: str
    source: str

    @property
    def action(self) -> str:
        return self.transition.action

    @property
    def target(self) -> str:
        return self.transition.target


Hook = Callable[[TransitionEvent], None]


def _hooks(value: Hook | Iterable[Hook] | None) -> tuple[Hook, ...]:
    if value is None:
        return ()
    if callable(value):
        return (value,)
    return tuple(value)


@dataclass(frozen=True, kw_only=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    label: str
    allowed: Predicate
    guard: Guard | None = None
    needs_comment: bool = False
    style: str = "primary"
    help_text: str = ""
    # Ask "are you sure?" before the button acts (pages with JavaScript).
    confirm: bool = False
    # Performed by services only, never offered as a button or an API action.
    internal: bool = False
    after: tuple[Hook, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(self.sources))
        object.__setattr__(self, "after", _hooks(self.after))


@dataclass(frozen=True)
class AvailableAction:
    transition: Transition
    reason: str | None = None

    @property
    def action(self) -> str:
        return self.transition.action

    @property
    def enabled(self) -> bool:
        return self.reason is None


@dataclass
class Workflow:
    transitions: list[Transition]
    state_field: str = "status"
    # extra fields to set per target state, e.g. {"published": lambda obj, now: {"published_at": now}}
    stamps: dict[str, Callable[[Model, Any], dict]] = field(default_factory=dict)
    # run after every transition of this workflow, before the transition's own hooks
    after: tuple[Hook, ...] = ()

    def __post_init__(self) -> None:
        self.after = _hooks(self.after)
        seen = set()
        for t in self.transitions:
            for source in t.sources:
                key = (source, t.action)
                if key in seen:
                    raise ValueError(f"duplicate transition {key}")
                seen.add(key)

    @property
    def actions(self) -> set[str]:
        """Every action name of the table, internal ones included."""
        return {t.action for t in self.transitions}

    @property
    def public_actions(self) -> list[str]:
        """The actions people take (buttons, API endpoints), in the table's order."""
        names: list[str] = []
        for t in self.transitions:
            if not t.internal and t.action not in names:
                names.append(t.action)
        return names

    def transitions_for(self, action: str) -> list[Transition]:
        return [t for t in self.transitions if t.action == action]

    def needs_comment(self, action: str) -> bool:
        return any(t.needs_comment for t in self.transitions_for(action))

    def find(self, state: str, action: str) -> Transition | None:
        return next((t for t in self.transitions if t.action == action and state in t.sources), None)

    def actions_for(self, obj: Model, user) -> list[AvailableAction]:
        """The actions this user may take on ``obj`` now; a guard's refusal comes with its reason."""
        state = getattr(obj, self.state_field)
        available = []
        for t in self.transitions:
            if not t.internal and state in t.sources and t.allowed(user, obj):
                available.append(AvailableAction(t, t.guard(obj) if t.guard else None))
        return available


@transaction.atomic
def transition_perform(
    *,
    workflow: Workflow,
    obj: Model,
    action: str,
    actor,
    comment: str = "",
    updates: dict | None = None,
    expected_version: int | None = None,
) -> Model:
    """Move ``obj`` by ``action`` and return it refreshed. Raises a :class:`WorkflowError` (or
    :class:`StaleVersion` when ``expected_version`` is not the record's) and changes nothing when the
    move is not possible."""
    state_field = workflow.state_field
    current = getattr(obj, state_field)
    candidates = workflow.transitions_for(action)
    if not candidates:
        raise TransitionNotAllowed(_("Unknown action “%(action)s”.") % {"action": action})
    if not any(t.allowed(actor, obj) for t in candidates):
        # Someone who may never take this action learns nothing of the record's current state or version.
        raise TransitionForbidden(_("You may not do this."))
    model = type(obj)
    versioned = any(f.name == "version" for f in model._meta.concrete_fields)
    if expected_version is not None and versioned and expected_version != obj.version:
        raise StaleVersion(model._default_manager.get(pk=obj.pk))
    t = workflow.find(current, action)
    if t is None:
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the record is %(state)s.") % {"action": action, "state": current}
        )
    if not t.allowed(actor, obj):
        raise TransitionForbidden(_("You may not do this."))
    if t.guard and (reason := t.guard(obj)):
        raise TransitionNotAllowed(reason)
    comment = (comment or "").strip()
    if t.needs_comment and not comment:
        raise CommentRequired(_("Please explain in a comment."))
    if "\x00" in comment:
        raise CommentRefused(_("Null characters are not allowed."))

    now = timezone.now()
    values = {state_field: t.target}
    if stamp := workflow.stamps.get(t.target):
        values.update(stamp(obj, now))
    values.update(updates or {})
    condition = {"pk": obj.pk, state_field: current}
    if versioned:
        values["version"] = F("version") + 1
        if expected_version is not None:
            condition["version"] = expected_version
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = now
    if model._default_manager.filter(**condition).update(**values) != 1:
        raise TransitionConflict(_("Someone else changed this record first. Reload it to see its current state."))
    obj.refresh_from_db()
    audit_record(actor=actor, action=action, target=obj, from_state=current, to_state=t.target, comment=comment)
    event = TransitionEvent(obj=obj, transition=t, actor=actor, comment=comment, source=current)
    for hook in (*workflow.after, *t.after):
        hook(event)
    return obj


@dataclass
class BulkResult:
    done: list
    refused: list  # (record, reason) pairs


def transition_perform_many(*, workflow: Workflow, objects, action: str, actor) -> BulkResult:
    """Apply one action to many records; each succeeds or fails on its own (its own transaction) and
    says why. Actions that need a comment are refused for every record: each deserves its own."""
    result = BulkResult(done=[], refused=[])
    for obj in objects:
        if workflow.needs_comment(action):
            result.refused.append((obj, _("This action needs a comment for each item: take it one by one.")))
            continue
        try:
            result.done.append(transition_perform(workflow=workflow, obj=obj, action=action, actor=actor))
        except WorkflowError as error:
            result.refused.append((obj, str(error)))
    return result
