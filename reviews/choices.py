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


class ReviewScope(models.TextChoices):
    REGIONAL = "regional", _("Regional (a UN regional commission)")
    SUBREGIONAL = "subregional", _("Sub-regional")
    CROSS_REGIONAL = "cross_regional", _("Cross-regional")


class DocumentKind(models.TextChoices):
    CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
    REPORT = "report", _("Review report")
    KEY_MESSAGES = "key_messages", _("Key messages")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    PROGRAMME = "programme", _("Programme or agenda")
    BACKGROUND_NOTE = "background_note", _("Background note")
    RAPPORTEUR_SUMMARY = "rapporteur_summary", _("Rapporteur's summary")
    PROGRESS_DECLARATION = "progress_declaration", _("Progress Declaration")
    RESOLUTION = "resolution", _("General Assembly resolution")
    SG_REPORT = "sg_report", _("Secretary-General's report")
    OTHER = "other", _("Other")


class ForumPartKind(models.TextChoices):
    HEARING = "hearing", _("Multi-stakeholder hearing")
    ROUND_TABLE = "round_table", _("Round table")
    POLICY_DEBATE = "policy_debate", _("Policy debate")
    PLENARY = "plenary", _("Plenary")


class ReviewEventKind(models.TextChoices):
    STAKEHOLDER_CONSULTATION = "stakeholder_consultation", _("Stakeholder consultation")
    HEARING = "hearing", _("Multi-stakeholder hearing")
    SUBREGIONAL_CONSULTATION = "subregional_consultation", _("Sub-regional consultation")
    NATIONAL_CONSULTATION = "national_consultation", _("National consultation")
    REGIONAL_PROCESS_DIALOGUE = "regional_process_dialogue", _("Dialogue with regional processes")
    INTERGOVERNMENTAL_SESSION = "intergovernmental_session", _("Intergovernmental session")
    SIDE_EVENT = "side_event", _("Side event")
    WRITTEN_INPUTS = "written_inputs", _("Call for written inputs")
    OTHER = "other", _("Other")


class InvitationBasis(models.TextChoices):
    REGIONAL_MEMBER = "regional_member", _("Regional member of the commission")
    ADDED = "added", _("Added by Network staff")


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
    INDIVIDUAL = "individual", _("Individual pledge")
    COMMON = "common", _("Common pledge")
    PARTNERSHIP = "partnership", _("Pledge in partnership")


class PledgeType(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    HUMAN_RESOURCES = "human_resources", _("Human resources")
    PROCESS = "process", _("Process")
    POLICY = "policy", _("Policy")


class PledgingParty(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    UN_ENTITY = "un_entity", _("UN entity")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other stakeholder")


class CommentKind(models.TextChoices):
    RETURN = "return", _("Returned with comments")
    NOTE = "note", _("Note")
