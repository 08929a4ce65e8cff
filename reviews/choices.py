from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for submissions")
    HELD = "held", _("Held")
    CONCLUDED = "concluded", _("Concluded")


class ReviewFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class DocumentKind(models.TextChoices):
    CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
    REPORT = "report", _("Review report")
    KEY_MESSAGES = "key_messages", _("Key messages")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


EDITABLE_BY_FOCAL_POINT = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
EDITABLE_BY_STAFF = frozenset(
    {ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED}
)


class PublicReportState(models.TextChoices):
    """What the public sees of a State's reporting for a review."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PREPARATION = "in_preparation", _("In preparation")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ADVANCED = "advanced", _("Advanced")
    ACHIEVED = "achieved", _("Achieved")


class PledgeStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")


class PledgeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    JOINT = "joint", _("Joint")


class CommentKind(models.TextChoices):
    RETURN = "return", _("Returned with comments")
    NOTE = "note", _("Note")
