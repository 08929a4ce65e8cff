"""The workflow engine every app uses: a declarative transition table and one function that performs
a transition.

An app declares its table in its own ``workflow.py``::

    REPORT_WORKFLOW = Workflow(transitions=[
        Transition(action="submit", sources={"draft"}, target="submitted", label=_("Submit"), allowed=can_edit),
        ...
    ])

``transition_perform`` checks the table, the actor's permission and the guard, moves the state with a
conditional UPDATE (``WHERE pk = … AND status = <current>``) so that two simultaneous clicks cannot
both succeed, writes an audit row and calls the workflow's ``after`` hook inside the transaction
(where apps record versions and call ``notify``, which sends only on commit). Buttons in templates
and actions in the API both come from :meth:`Workflow.actions_for`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_record

__all__ = [
    "AvailableAction",
    "Transition",
    "TransitionConflict",
    "TransitionForbidden",
    "TransitionNotAllowed",
    "Workflow",
    "WorkflowError",
    "transition_perform",
]


class WorkflowError(Exception):
    """Base of the workflow's refusals; ``str()`` is a message for people."""


class TransitionNotAllowed(WorkflowError):
    """The action does not exist in this state, or its guard refuses it."""


class TransitionForbidden(WorkflowError):
    """The actor may not perform this action on this record."""


class TransitionConflict(WorkflowError):
    """Someone else changed the record's state first."""


Predicate = Callable[[Any, Model], bool]
Guard = Callable[[Model], str | None]


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(self.sources))


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
    # called inside the transaction after the move: after(obj, transition, actor, comment)
    after: Callable[..., None] | None = None

    def __post_init__(self) -> None:
        seen = set()
        for t in self.transitions:
            for source in t.sources:
                key = (source, t.action)
                if key in seen:
                    raise ValueError(f"duplicate transition {key}")
                seen.add(key)

    @property
    def actions(self) -> set[str]:
        return {t.action for t in self.transitions}

    def find(self, state: str, action: str) -> Transition | None:
        return next((t for t in self.transitions if t.action == action and state in t.sources), None)

    def actions_for(self, obj: Model, user) -> list[AvailableAction]:
        """The actions this user may take on ``obj`` now; a guard's refusal comes with its reason."""
        state = getattr(obj, self.state_field)
        available = []
        for t in self.transitions:
            if state in t.sources and t.allowed(user, obj):
                available.append(AvailableAction(t, t.guard(obj) if t.guard else None))
        return available


@transaction.atomic
def transition_perform(
    *, workflow: Workflow, obj: Model, action: str, actor, comment: str = "", updates: dict | None = None
) -> Model:
    """Move ``obj`` by ``action`` and return it refreshed. Raises a :class:`WorkflowError` and changes
    nothing when the move is not possible."""
    state_field = workflow.state_field
    current = getattr(obj, state_field)
    t = workflow.find(current, action)
    if t is None:
        if action not in workflow.actions:
            raise TransitionNotAllowed(_("Unknown action “%(action)s”.") % {"action": action})
        if not any(other.allowed(actor, obj) for other in workflow.transitions if other.action == action):
            # Someone who may never take this action learns nothing of the record's current state.
            raise TransitionForbidden(_("You may not do this."))
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the record is %(state)s.") % {"action": action, "state": current}
        )
    if not t.allowed(actor, obj):
        raise TransitionForbidden(_("You may not do this."))
    if t.guard and (reason := t.guard(obj)):
        raise TransitionNotAllowed(reason)
    comment = (comment or "").strip()
    if t.needs_comment and not comment:
        raise TransitionNotAllowed(_("Please explain in a comment."))

    now = timezone.now()
    values = {state_field: t.target}
    if stamp := workflow.stamps.get(t.target):
        values.update(stamp(obj, now))
    values.update(updates or {})
    model = type(obj)
    field_names = {f.name for f in model._meta.concrete_fields}
    if "version" in field_names:
        values["version"] = F("version") + 1
    if "updated_at" in field_names:
        values["updated_at"] = now
    moved = model._default_manager.filter(pk=obj.pk, **{state_field: current}).update(**values)
    if moved != 1:
        raise TransitionConflict(_("Someone else changed this record first. Reload it to see its current state."))
    obj.refresh_from_db()
    audit_record(actor=actor, action=action, target=obj, from_state=current, to_state=t.target, comment=comment)
    if workflow.after:
        workflow.after(obj, t, actor, comment)
    return obj
