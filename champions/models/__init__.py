"""Champion countries: membership over time (reference data with sources), profiles, commitments,
activities, tool piloting and peer learning."""

from .curated import (
    Activity,
    ActivityDocument,
    Commitment,
    CommitmentDocument,
    CommitmentEvidence,
    CommitmentUpdate,
    Confirmation,
    ConfirmationDocument,
    ProfileDocument,
    ProfileUpdate,
)
from .membership import (
    Champion,
    ChampionFocusArea,
    CoChairPeriod,
    CountStatement,
    FocusArea,
    Membership,
    MembershipFact,
)
from .piloting import Consultation, ConsultationDocument, ConsultationResponse, PeerLearningRequest, PeerPairing

__all__ = [
    "Activity",
    "ActivityDocument",
    "Champion",
    "ChampionFocusArea",
    "CoChairPeriod",
    "Commitment",
    "CommitmentDocument",
    "CommitmentEvidence",
    "CommitmentUpdate",
    "Confirmation",
    "ConfirmationDocument",
    "Consultation",
    "ConsultationDocument",
    "ConsultationResponse",
    "CountStatement",
    "FocusArea",
    "Membership",
    "MembershipFact",
    "PeerLearningRequest",
    "PeerPairing",
    "ProfileDocument",
    "ProfileUpdate",
]
