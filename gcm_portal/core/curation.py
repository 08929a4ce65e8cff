"""Curation: "someone submits, Network staff publish, return or decline, the public reads what is
published". A curated model is a workflow like any other, run by the kernel engine.

Declaring a curated thing::

    class Practice(CuratedModel):
        curation_country_field = "countries"     # their focal points see it while it waits
        title = models.CharField(...)

    PRACTICE_WORKFLOW = curation_workflow(returnable=True)

Everything else comes from here: the ``curation`` state with its choices, ``version`` for conflict-free
edits, the author (``created_by``), :class:`CuratedQuerySet.visible_to`, the transition table (publish,
return, resubmit, decline, reopen, and the internal ``revise`` an edit uses to send a published item
back to curation), the notices to the author and to staff, and the publication events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gcm_portal import permissions
from gcm_portal.accounts.choices import Role

from .audit import audit_record
from .notifications import notify, notify_role
from .publication import announce_published, announce_withdrawn
from .workflow import Hook, Transition, TransitionEvent, Workflow, transition_perform

__all__ = [
    "CuratedModel",
    "CuratedQuerySet",
    "CurationState",
    "curation_perform",
    "curation_submitted",
    "curation_workflow",
    "may_curate",
]


class CurationState(models.TextChoices):
    PENDING = "pending", _("Waiting for curation")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


def may_curate(user, obj=None) -> bool:
    return permissions.is_network_staff(user)


class CuratedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Curators see everything; the author and the focal points of the item's countries see it in
        every state; everyone else sees what is published."""
        model = self.model
        if model.may_curate(user):
            return self
        condition = Q(curation=CurationState.PUBLISHED)
        if getattr(user, "is_authenticated", False) and model.curation_owner_field:
            condition |= Q(**{model.curation_owner_field: user})
        countries = permissions.country_ids_represented(user)
        many = False
        if countries and model.curation_country_field:
            condition |= Q(**{f"{model.curation_country_field}__in": countries})
            many = _crosses_many(model, model.curation_country_field)
        queryset = self.filter(condition)
        return queryset.distinct() if many else queryset

    def published(self):
        return self.filter(curation=CurationState.PUBLISHED)

    def pending(self):
        return self.filter(curation=CurationState.PENDING)


def _crosses_many(model, path: str) -> bool:
    """Whether a lookup path goes through a many-valued relation (and so needs DISTINCT)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


class CuratedModel(models.Model):
    """Base of everything that waits for curation before the public sees it."""

    # The user who owns the item (sees it in every state, may resubmit it); None when nobody does.
    curation_owner_field: ClassVar[str | None] = "created_by"
    # A path to the country or countries whose focal points also own it, e.g. "countries".
    curation_country_field: ClassVar[str | None] = None

    curation = models.CharField(
        _("curation"), max_length=20, choices=CurationState.choices, default=CurationState.PENDING, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CuratedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_public(self) -> bool:
        return self.curation == CurationState.PUBLISHED

    @classmethod
    def may_curate(cls, user) -> bool:
        return may_curate(user)

    def is_owned_by(self, user) -> bool:
        """The author, or a focal point of one of the item's countries (checked at every call, so a
        focal point who loses the role loses the item with it)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        owner_field, country_field = self.curation_owner_field, self.curation_country_field
        if owner_field and "__" not in owner_field and getattr(self, f"{owner_field}_id") == user.pk:
            return True
        condition = Q()
        if owner_field and "__" in owner_field:
            condition |= Q(**{owner_field: user})
        countries = permissions.country_ids_represented(user)
        if country_field and countries:
            condition |= Q(**{f"{country_field}__in": countries})
        if not condition:
            return False
        return type(self)._default_manager.filter(Q(pk=self.pk) & condition).exists()


# ---------------------------------------------------------------------------
# The transition table and its hooks
# ---------------------------------------------------------------------------


def _owner_of(obj) -> list:
    author = getattr(obj, "created_by", None)
    return [author] if author is not None else []


def tell_owner(event: TransitionEvent) -> None:
    """The author hears the decision, with the curator's comment."""
    obj = event.obj
    notify(
        event="curation_decided",
        recipients=_owner_of(obj),
        context={
            "title": str(obj),
            "kind": str(obj._meta.verbose_name),
            "decision": event.target,
            "comment": event.comment,
        },
        target=obj,
        actor=event.actor,
    )


def tell_curators(event: TransitionEvent) -> None:
    """Network staff hear that something waits for them (again)."""
    obj = event.obj
    notify_role(
        Role.NETWORK_STAFF,
        event="curation_requested",
        context={"title": str(obj), "kind": str(obj._meta.verbose_name), "by": str(event.actor)},
        target=obj,
        actor=event.actor,
    )


def _withdrawn_if_was_public(event: TransitionEvent) -> None:
    if event.source == CurationState.PUBLISHED:
        announce_withdrawn(event)


def _owner(user, obj) -> bool:
    return obj.is_owned_by(user)


def _owner_or_curator(user, obj) -> bool:
    return obj.may_curate(user) or obj.is_owned_by(user)


def curation_workflow(
    *,
    returnable: bool = False,
    on_publish: Hook | Iterable[Hook] = (),
    after: Hook | Iterable[Hook] = (),
    may_resubmit: Callable | None = None,
    may_revise: Callable | None = None,
) -> Workflow:
    """The curation table: publish or decline what waits (and, if ``returnable``, return it with a
    comment for the author to change and resubmit); reopen a decision; ``revise`` (internal) sends a
    published item back to curation when its author changes what it says. Publishing and leaving the
    published state announce the publication event; the author hears every decision."""
    S = CurationState
    curator = lambda user, obj: obj.may_curate(user)  # noqa: E731 - read per object: apps may widen it
    owner = may_resubmit or _owner
    reviser = may_revise or _owner_or_curator
    on_publish = (on_publish,) if callable(on_publish) else tuple(on_publish)
    transitions = [
        Transition(
            action="publish",
            sources={S.PENDING},
            target=S.PUBLISHED,
            label=_("Publish"),
            allowed=curator,
            after=(announce_published, tell_owner, *on_publish),
        ),
        Transition(
            action="decline",
            sources={S.PENDING},
            target=S.DECLINED,
            label=_("Decline"),
            allowed=curator,
            style="danger",
            after=tell_owner,
        ),
        Transition(
            action="reopen",
            sources={S.PUBLISHED, S.DECLINED},
            target=S.PENDING,
            label=_("Reopen for curation"),
            allowed=curator,
            style="secondary",
            help_text=_("A published item leaves the public pages until it is published again."),
            after=_withdrawn_if_was_public,
        ),
        Transition(
            action="revise",
            sources={S.PUBLISHED},
            target=S.PENDING,
            label=_("Send back to curation"),
            allowed=reviser,
            internal=True,
            after=(_withdrawn_if_was_public, tell_curators),
        ),
    ]
    if returnable:
        transitions += [
            Transition(
                action="return",
                sources={S.PENDING},
                target=S.RETURNED,
                label=_("Return with a comment"),
                allowed=curator,
                needs_comment=True,
                style="secondary",
                help_text=_("The author reads your comment, changes the item and resubmits it."),
                after=tell_owner,
            ),
            Transition(
                action="resubmit",
                sources={S.RETURNED},
                target=S.PENDING,
                label=_("Resubmit"),
                allowed=owner,
                after=tell_curators,
            ),
        ]
    return Workflow(transitions=transitions, state_field="curation", after=after)


def curation_submitted(
    *, item: CuratedModel, actor, event: str = "curation_requested", context: dict | None = None
) -> None:
    """Record a new item's submission: an audit row, and a notice to Network staff (``event``, with
    ``context``; by default the kernel's "waits for curation" notice)."""
    audit_record(actor=actor, action="create", target=item, to_state=item.curation)
    if item.curation == CurationState.PENDING:
        notify_role(
            Role.NETWORK_STAFF,
            event=event,
            context=context or {"title": str(item), "kind": str(item._meta.verbose_name), "by": str(actor)},
            target=item,
            actor=actor,
        )


def curation_perform(
    *, workflow: Workflow, item: CuratedModel, action: str, actor, comment: str = "", expected_version=None
):
    """Run one curation action (the engine checks who may, the state, and that one decision wins)."""
    return transition_perform(
        workflow=workflow, obj=item, action=action, actor=actor, comment=comment, expected_version=expected_version
    )
