"""Writes on discussion spaces: opening them, comments and replies, reports and moderation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcm_portal.core.audit import audit_record
from gcm_portal.core.curation import curation_perform
from gcm_portal.core.notifications import notify
from gcm_portal.core.publication import CHANGED, announce

from .. import permissions
from ..choices import ReportStatus
from ..models import Comment, CommentReport, DiscussionQuestion, DiscussionSpace
from ..models.experts import UN_LANGUAGE_CHOICES
from ..workflow import SPACE_WORKFLOW
from .common import curated_create, curated_update

__all__ = [
    "MODERATION_ACTIONS",
    "SPACE_FIELDS",
    "comment_moderate",
    "comment_post",
    "comment_report",
    "space_create",
    "space_curate",
    "space_update",
]

SPACE_FIELDS = ("title", "description", "moderator", "audience", "languages", "opens_on", "closes_on")
LANGUAGE_CODES = {code for code, _label in UN_LANGUAGE_CHOICES}
MODERATION_ACTIONS = ("hide", "restore", "dismiss")


def _questions(questions) -> list[str]:
    return [q.strip() for q in questions if q and q.strip()]


def _check_space(data: dict) -> None:
    if "languages" in data:
        codes = list(dict.fromkeys(data["languages"] or []))
        if not codes or not set(codes) <= LANGUAGE_CODES:
            raise ValidationError({"languages": _("Choose the languages of the discussion.")})
        data["languages"] = codes


def _replace_questions(space: DiscussionSpace, questions: list[str]) -> None:
    """Questions keep their identity (and their comments) when only their wording or order changes."""
    existing = list(space.questions.all())
    for order, text in enumerate(questions):
        if order < len(existing):
            question = existing[order]
            if (question.text, question.order) != (text, order):
                question.text, question.order = text, order
                question.save(update_fields=["text", "order"])
        else:
            DiscussionQuestion.objects.create(space=space, order=order, text=text)
    for question in existing[len(questions) :]:
        question.delete()


@transaction.atomic
def space_create(*, actor, data: dict, questions, objectives=(), publish: bool = False) -> DiscussionSpace:
    """Staff open a space with its questions, moderator, expected audience, languages and dates."""
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Network staff open discussion spaces."))
    data = dict(data)
    _check_space(data)
    questions = _questions(questions)
    if not questions:
        raise ValidationError({"questions": _("Ask at least one question.")})
    space = curated_create(
        model=DiscussionSpace,
        workflow=SPACE_WORKFLOW,
        actor=actor,
        data=data,
        m2m={"objectives": list(objectives)},
        fields=SPACE_FIELDS,
        publish=False,
    )
    _replace_questions(space, questions)
    if publish:
        space = curation_perform(workflow=SPACE_WORKFLOW, item=space, action="publish", actor=actor)
    return space


@transaction.atomic
def space_update(
    *, space: DiscussionSpace, actor, expected_version: int, data: dict, questions=None, objectives=None
) -> DiscussionSpace:
    data = dict(data)
    _check_space(data)
    space = curated_update(
        obj=space,
        workflow=SPACE_WORKFLOW,
        actor=actor,
        expected_version=expected_version,
        data=data,
        m2m={"objectives": objectives},
        fields=SPACE_FIELDS,
        may_edit=permissions.can_curate,
    )
    if questions is not None:
        questions = _questions(questions)
        if not questions:
            raise ValidationError({"questions": _("Ask at least one question.")})
        if questions != [q.text for q in space.questions.all()]:
            _replace_questions(space, questions)
            audit_record(
                actor=actor, action="edit", target=space, changes={"questions": {"before": None, "after": questions}}
            )
            if space.is_public:
                announce(space, CHANGED)
    return space


def space_curate(*, space: DiscussionSpace, action: str, actor, comment: str = ""):
    return curation_perform(workflow=SPACE_WORKFLOW, item=space, action=action, actor=actor, comment=comment)


@transaction.atomic
def comment_post(
    *, space: DiscussionSpace, actor, body: str, language: str = "en", question=None, parent=None
) -> Comment:
    """Anyone signed in comments on an open space, or replies to a comment; a closed space is read-only."""
    space = DiscussionSpace.objects.select_for_update(of=("self",)).get(pk=space.pk)
    if not permissions.can_comment(actor, space):
        raise PermissionDenied(_("This discussion space is closed: it no longer takes comments."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    if parent is not None:
        if parent.space_id != space.pk or parent.hidden:
            raise ValidationError({"parent": _("You can only reply to a visible comment of this space.")})
        question = parent.question
    if question is not None and question.space_id != space.pk:
        raise ValidationError({"question": _("This question belongs to another space.")})
    comment = Comment(space=space, author=actor, body=body, language=language, question=question, parent=parent)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_report(*, comment: Comment, actor, reason: str) -> CommentReport:
    """Anyone signed in reports a comment to the moderators, with a reason."""
    if not permissions.can_report(actor, comment):
        raise PermissionDenied(_("You cannot report this comment."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the comment should be looked at.")})
    if CommentReport.objects.filter(comment=comment, reporter=actor, status=ReportStatus.OPEN).exists():
        raise ValidationError(_("You have already reported this comment; a moderator will look at it."))
    report = CommentReport(comment=comment, reporter=actor, reason=reason)
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="report", target=comment, comment=reason)
    space = comment.space
    moderators = [space.moderator] if space.moderator else []
    from gcm_portal.accounts.choices import Role
    from gcm_portal.accounts.selectors import users_with_role

    notify(
        event="hub_comment_reported",
        recipients=[*moderators, *users_with_role(Role.NETWORK_STAFF)],
        context={"space": space.title, "reason": reason},
        path=_queue_path(),
        actor=actor,
    )
    return report


def _queue_path() -> str:
    from django.urls import reverse

    return reverse("knowledge:moderation")


@transaction.atomic
def comment_moderate(*, comment: Comment, actor, action: str) -> Comment:
    """A moderator hides a comment (it disappears for everyone but moderators), restores a hidden one, or
    dismisses the reports on it. Open reports are closed by hiding or dismissing."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related("space").get(pk=comment.pk)
    if not permissions.is_moderator(actor, comment.space):
        raise PermissionDenied(_("Only the space's moderators moderate it."))
    if action not in MODERATION_ACTIONS:
        raise ValidationError(_("Unknown moderation action."))
    now = timezone.now()
    open_reports = comment.reports.filter(status=ReportStatus.OPEN)
    if action == "hide":
        if comment.hidden:
            raise ValidationError(_("The comment is already hidden."))
        Comment.objects.filter(pk=comment.pk).update(hidden=True, hidden_at=now, hidden_by=actor)
        open_reports.update(status=ReportStatus.HIDDEN, resolved_by=actor, resolved_at=now)
        before, after = "visible", "hidden"
    elif action == "restore":
        if not comment.hidden:
            raise ValidationError(_("The comment is not hidden."))
        Comment.objects.filter(pk=comment.pk).update(hidden=False, hidden_at=None, hidden_by=None)
        before, after = "hidden", "visible"
    else:
        if not open_reports.exists():
            raise ValidationError(_("No report waits on this comment."))
        open_reports.update(status=ReportStatus.DISMISSED, resolved_by=actor, resolved_at=now)
        before = after = "hidden" if comment.hidden else "visible"
    audit_record(actor=actor, action=f"moderate_{action}", target=comment, from_state=before, to_state=after)
    comment.refresh_from_db()
    return comment
