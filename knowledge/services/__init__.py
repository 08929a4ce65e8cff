"""Writes of the knowledge hub, by area. Each owns its transaction; notices, e-mail, text extraction
and publication events are queued to run after commit."""

from .discussions import (
    MODERATION_ACTIONS,
    comment_moderate,
    comment_post,
    comment_report,
    space_create,
    space_curate,
    space_update,
)
from .documents import EXPERT_CVS, GROUP_DOCUMENTS, NETWORK_DOCUMENTS, PRACTICE_DOCUMENTS, RESOURCE_FILES
from .experts import expert_apply, expert_transition
from .groups import (
    group_create,
    group_curate,
    group_update,
    join_request_create,
    join_request_decide,
    network_create,
    network_curate,
    network_update,
)
from .practices import (
    assignment_declare,
    assignment_withdraw,
    call_create,
    call_update,
    practice_create,
    practice_transition,
    practice_update,
    review_submit,
    reviewer_assign,
)
from .requests import (
    support_match_add,
    support_message_add,
    support_request_create,
    support_request_transition,
    support_request_update,
)
from .resources import event_create, event_curate, event_update, resource_create, resource_curate, resource_update

__all__ = [
    "EXPERT_CVS",
    "GROUP_DOCUMENTS",
    "MODERATION_ACTIONS",
    "NETWORK_DOCUMENTS",
    "PRACTICE_DOCUMENTS",
    "RESOURCE_FILES",
    "assignment_declare",
    "assignment_withdraw",
    "call_create",
    "call_update",
    "comment_moderate",
    "comment_post",
    "comment_report",
    "event_create",
    "event_curate",
    "event_update",
    "expert_apply",
    "expert_transition",
    "group_create",
    "group_curate",
    "group_update",
    "join_request_create",
    "join_request_decide",
    "network_create",
    "network_curate",
    "network_update",
    "practice_create",
    "practice_transition",
    "practice_update",
    "resource_create",
    "resource_curate",
    "resource_update",
    "review_submit",
    "reviewer_assign",
    "space_create",
    "space_curate",
    "space_update",
    "support_match_add",
    "support_message_add",
    "support_request_create",
    "support_request_transition",
    "support_request_update",
]
