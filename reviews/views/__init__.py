"""Pages of the reviews app. Views read through selectors, write through services, and ask
``permissions`` and the workflow tables what a user may do; what a user may not see is a 404."""

from .pledges import (
    ContributionActionView,
    ContributionCreateView,
    PledgeActionView,
    PledgeDetailView,
    PledgeFormView,
    PledgeListView,
    PledgeProgressRemoveView,
    PledgeProgressView,
)
from .reports import (
    CurationQueueView,
    ReportActionView,
    ReportBulkView,
    ReportCommentView,
    ReportCreateView,
    ReportDetailView,
    ReportEditView,
    ReportExportView,
    ReportListView,
    ReportVersionView,
)
from .reviews import ForumDetailView, InvitationRemoveView, InvitationView, ReviewDetailView, ReviewIndexView

__all__ = [
    "ContributionActionView",
    "ContributionCreateView",
    "CurationQueueView",
    "ForumDetailView",
    "InvitationRemoveView",
    "InvitationView",
    "PledgeActionView",
    "PledgeDetailView",
    "PledgeFormView",
    "PledgeListView",
    "PledgeProgressRemoveView",
    "PledgeProgressView",
    "ReportActionView",
    "ReportBulkView",
    "ReportCommentView",
    "ReportCreateView",
    "ReportDetailView",
    "ReportEditView",
    "ReportExportView",
    "ReportListView",
    "ReportVersionView",
    "ReviewDetailView",
    "ReviewIndexView",
]
