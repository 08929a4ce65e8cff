"""Reads of discussion spaces: threads as a reader may see them, and the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from gcm_portal import permissions as roles

from .. import permissions
from ..choices import ReportStatus
from ..models import Comment, CommentReport, DiscussionQuestion, DiscussionSpace

__all__ = [
    "CommentNode",
    "comment_thread",
    "moderation_queue",
    "open_report_count",
    "space_detail",
    "space_list",
    "visible_comments",
]


def space_list(user) -> QuerySet[DiscussionSpace]:
    return (
        DiscussionSpace.objects.visible_to(user)
        .select_related("moderator")
        .prefetch_related("objectives")
        .annotate(comment_count=Count("comments", filter=Q(comments__hidden=False)))
        .order_by("-opens_on", "-pk")
    )


def space_detail(user) -> QuerySet[DiscussionSpace]:
    return space_list(user).prefetch_related(Prefetch("questions", queryset=DiscussionQuestion.objects.all()))


@dataclass
class CommentNode:
    comment: Comment
    replies: list[CommentNode] = field(default_factory=list)
    # a reply shown where a hidden comment was: say so
    reply_to_hidden: bool = False


def visible_comments(space, user) -> QuerySet[Comment]:
    """Every comment for the space's moderators; the others never see a hidden one."""
    comments = space.comments.select_related("author", "question")
    if not permissions.is_moderator(user, space):
        comments = comments.filter(hidden=False)
    return comments


def comment_thread(space, user) -> list[CommentNode]:
    """The space's comments as threads, in the order they were posted. A hidden comment disappears
    for everyone but moderators; its replies stay, under its nearest visible ancestor. One query."""
    all_comments = list(
        space.comments.select_related("author", "question").annotate(
            open_reports=Count("reports", filter=Q(reports__status=ReportStatus.OPEN))
        )
    )
    moderator = permissions.is_moderator(user, space)
    by_id = {c.pk: c for c in all_comments}
    nodes = {c.pk: CommentNode(c) for c in all_comments if moderator or not c.hidden}
    roots = []
    for comment in all_comments:
        node = nodes.get(comment.pk)
        if node is None:
            continue
        parent_id, hidden_between = comment.parent_id, False
        while parent_id is not None and parent_id not in nodes:
            hidden_between = True
            parent_id = by_id[parent_id].parent_id if parent_id in by_id else None
        node.reply_to_hidden = hidden_between
        (nodes[parent_id].replies if parent_id is not None else roots).append(node)
    return roots


def moderation_queue(user) -> dict:
    """One queue across all spaces: comments with open reports, and hidden comments (to restore).
    Staff see every space; a named moderator the spaces they moderate."""
    comments = Comment.objects.select_related("space", "author").prefetch_related(
        Prefetch(
            "reports",
            queryset=CommentReport.objects.filter(status=ReportStatus.OPEN).select_related("reporter"),
            to_attr="open_report_list",
        )
    )
    if not roles.is_network_staff(user):
        comments = comments.filter(space__moderator=user)
    reported = comments.filter(reports__status=ReportStatus.OPEN, hidden=False).distinct().order_by("created_at")
    hidden = comments.filter(hidden=True).order_by("-hidden_at")
    return {"reported": list(reported), "hidden": list(hidden)}


def open_report_count(user) -> int:
    queryset = CommentReport.objects.filter(status=ReportStatus.OPEN, comment__hidden=False)
    if not roles.is_network_staff(user):
        queryset = queryset.filter(comment__space__moderator=user)
    return queryset.values("comment").distinct().count()
