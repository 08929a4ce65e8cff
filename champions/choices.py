from django.db import models
from django.utils.translation import gettext_lazy as _


class FactKind(models.TextChoices):
    """What a source says about a State's membership."""

    JOINED = "joined", _("Joined")
    CONFIRMED = "confirmed", _("Confirmed as a champion by this date")
    LEFT = "left", _("Left")


class PlanStatus(models.TextChoices):
    NONE = "none", _("No plan")
    IN_PREPARATION = "in_preparation", _("In preparation")
    ADOPTED = "adopted", _("Adopted")
    UNDER_REVIEW = "under_review", _("Under review")


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class ActivityKind(models.TextChoices):
    TECHNICAL_MEETING = "technical_meeting", _("Technical meeting")
    MINISTERIAL_MEETING = "ministerial_meeting", _("Ministerial meeting")
    PEER_EXCHANGE = "peer_exchange", _("Peer-learning exchange")
    CROSS_REGIONAL_DIALOGUE = "cross_regional_dialogue", _("Cross-regional dialogue")
    REGIONAL_BRIEFING = "regional_briefing", _("Regional briefing")
    STATEMENT = "statement", _("Statement")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the Network")
    ROUTED = "routed", _("Routed to a champion")
    CLOSED = "closed", _("Closed")
