"""The knowledge hub's models, split by area."""

from .common import Sourced
from .discussions import Comment, CommentReport, DiscussionQuestion, DiscussionSpace
from .events import Event
from .experts import Expert, ExpertCV
from .groups import JoinRequest, WorkingGroup, WorkingGroupDocument
from .index import Follow, IndexEntry, IndexSearch, IndexTag
from .networks import MigrationNetwork, NetworkCount, NetworkDocument
from .practices import (
    CallForPractices,
    Practice,
    PracticeContact,
    PracticeDocument,
    ReviewAssignment,
    Theme,
    ThemeResponse,
)
from .requests import SupportMatch, SupportMessage, SupportRequest
from .resources import Resource, ResourceFile

__all__ = [
    "CallForPractices",
    "Comment",
    "CommentReport",
    "DiscussionQuestion",
    "DiscussionSpace",
    "Event",
    "Expert",
    "ExpertCV",
    "Follow",
    "IndexEntry",
    "IndexSearch",
    "IndexTag",
    "JoinRequest",
    "MigrationNetwork",
    "NetworkCount",
    "NetworkDocument",
    "Practice",
    "PracticeContact",
    "PracticeDocument",
    "Resource",
    "ResourceFile",
    "ReviewAssignment",
    "Sourced",
    "SupportMatch",
    "SupportMessage",
    "SupportRequest",
    "Theme",
    "ThemeResponse",
    "WorkingGroup",
    "WorkingGroupDocument",
]
