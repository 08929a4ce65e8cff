"""The one table that maps a service's refusal to an HTTP answer, for pages and the API alike.

====================================  ======  ==========================================
refusal                               status  meaning
====================================  ======  ==========================================
``ValidationError``, ``FileRejected``  400     bad input; the messages say what to fix
``CommentRequired``                   400     the action needs an explanation
``PermissionDenied``                  403     visible to you, but you may not do this
``TransitionForbidden``               403     the same, for a workflow action
``ObjectDoesNotExist``, ``Http404``   404     not there, or not visible to you
``WorkflowError`` (other)             409     not possible in the record's current state
``StaleVersion``                      412     someone saved in between; nothing was written
====================================  ======  ==========================================

(428, "send If-Match", is the API's own answer: pages always post the version they started from.)
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404

from .concurrency import StaleVersion
from .workflow import CommentRequired, TransitionForbidden, WorkflowError

__all__ = ["ERROR_STATUSES", "messages_of", "status_for"]

# Most specific first.
ERROR_STATUSES: list[tuple[type[Exception], int]] = [
    (StaleVersion, 412),
    (CommentRequired, 400),
    (TransitionForbidden, 403),
    (WorkflowError, 409),
    (ValidationError, 400),
    (PermissionDenied, 403),
    (ObjectDoesNotExist, 404),
    (Http404, 404),
]


def status_for(error: BaseException) -> int | None:
    """The HTTP status for a service refusal, or None for an unexpected error (a bug: let it raise)."""
    for error_class, status in ERROR_STATUSES:
        if isinstance(error, error_class):
            return status
    return None


def messages_of(error: BaseException) -> list[str]:
    """The refusal's messages for people (a ValidationError may carry several)."""
    if isinstance(error, ValidationError):
        return [str(m) for m in error.messages]
    text = str(error)
    return [text] if text else []
