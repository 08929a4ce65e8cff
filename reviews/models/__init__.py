"""Models of the reviews app: the review process (cycles, Forums, reviews, their events and documents),
voluntary reports, pledges and stakeholder contributions."""

from .pledges import Pledge, PledgeDocument, PledgeUpdate, StakeholderContribution
from .process import (
    ForumPart,
    RegionalReview,
    ReviewCycle,
    ReviewDocument,
    ReviewEvent,
    ReviewForum,
    ReviewInvitation,
    ReviewReminder,
)
from .reports import ObjectiveProgress, ReportComment, ReportDocument, ReportVersion, VoluntaryReport

__all__ = [
    "ForumPart",
    "ObjectiveProgress",
    "Pledge",
    "PledgeDocument",
    "PledgeUpdate",
    "RegionalReview",
    "ReportComment",
    "ReportDocument",
    "ReportVersion",
    "ReviewCycle",
    "ReviewDocument",
    "ReviewEvent",
    "ReviewForum",
    "ReviewInvitation",
    "ReviewReminder",
    "StakeholderContribution",
    "VoluntaryReport",
]
