"""The Migration MPTF's records (a package: fund and committee, money, concept notes, programmes)."""

from .base import MONEY, Sourced
from .fund import (
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    Fund,
    FundingTarget,
    FundingWindow,
    MeetingDocument,
    ReportedFigure,
)
from .money import Contribution, Deposit, Donor, Expenditure, ImportBatch, Transfer
from .notes import (
    AssessmentCriterion,
    AssessmentScore,
    ConceptNote,
    ConceptNoteBudget,
    ConceptNoteDocument,
    QualityAssessment,
)
from .programmes import (
    IndicatorResult,
    JointProgramme,
    ProgrammeDocument,
    ProgrammeExtension,
    ProgrammeParticipant,
    ProgrammeReport,
    ReportDocument,
    ReportReminder,
)

__all__ = [
    "MONEY",
    "AssessmentCriterion",
    "AssessmentScore",
    "CommitteeDecision",
    "CommitteeMeeting",
    "CommitteeSeat",
    "ConceptNote",
    "ConceptNoteBudget",
    "ConceptNoteDocument",
    "Contribution",
    "Deposit",
    "Donor",
    "Expenditure",
    "Fund",
    "FundingTarget",
    "FundingWindow",
    "ImportBatch",
    "IndicatorResult",
    "JointProgramme",
    "MeetingDocument",
    "ProgrammeDocument",
    "ProgrammeExtension",
    "ProgrammeParticipant",
    "ProgrammeReport",
    "QualityAssessment",
    "ReportDocument",
    "ReportReminder",
    "ReportedFigure",
    "Sourced",
    "Transfer",
]
