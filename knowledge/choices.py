"""The knowledge hub's vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------
# Shared
# ---------------------------------------------------------------------------


class GeographicScope(models.TextChoices):
    GLOBAL = "global", _("Global")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")


class Audience(models.TextChoices):
    ALL = "all", _("Open to all")
    MEMBER_STATES = "member_states", _("Member States")
    UN_SYSTEM = "un_system", _("UN system")
    STAKEHOLDERS = "stakeholders", _("Stakeholders and civil society")
    YOUTH = "youth", _("Young people (under 30)")
    PRACTITIONERS = "practitioners", _("Practitioners")


# ---------------------------------------------------------------------------
# Practices and peer review
# ---------------------------------------------------------------------------


class PracticeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    INFO_REQUESTED = "info_requested", _("More information requested")
    IN_REVIEW = "in_review", _("In peer review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


PRACTICE_EDITABLE_BY_OWNER = frozenset({PracticeStatus.SUBMITTED, PracticeStatus.INFO_REQUESTED})


class PracticeType(models.TextChoices):
    POLICY = "policy", _("Policy, law or regulation")
    PROGRAMME = "programme", _("Programme or project")
    SERVICE = "service", _("Service delivery")
    PARTNERSHIP = "partnership", _("Partnership or coordination mechanism")
    CAPACITY = "capacity", _("Capacity building")
    TOOL = "tool", _("Tool or guidance")
    DATA = "data", _("Data and research")
    OTHER = "other", _("Other")


class ReviewerKind(models.TextChoices):
    """The Hub's rule counts UN (internal) and external reviewers."""

    UN = "un", _("UN (internal)")
    EXTERNAL = "external", _("External")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Waiting for the conflict-of-interest declaration")
    CLEARED = "cleared", _("No conflict declared: reviewing")
    CONFLICT = "conflict", _("Conflict of interest declared")
    REVIEWED = "reviewed", _("Review submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn by staff")


ACTIVE_ASSIGNMENTS = frozenset({AssignmentStatus.ASSIGNED, AssignmentStatus.CLEARED, AssignmentStatus.REVIEWED})


class Recommendation(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    REVISE = "revise", _("Publish after changes")
    DECLINE = "decline", _("Do not publish")


POSITIVE_RECOMMENDATIONS = frozenset({Recommendation.PUBLISH, Recommendation.REVISE})

# The criteria of the Hub's practice submission, each scored 1 (weak) to 5 (strong) by reviewers.
REVIEW_CRITERIA = (
    ("objectives", _("Relates to the GCM objectives it names")),
    ("principles", _("Follows the guiding principles")),
    ("results", _("Results are shown")),
    ("innovation", _("Innovative")),
    ("replicability", _("Replicable elsewhere")),
)


# ---------------------------------------------------------------------------
# Experts
# ---------------------------------------------------------------------------


class ExpertStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Application received")
    APPROVED = "approved", _("On the roster")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Left the roster")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender identity")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class OrganisationType(models.TextChoices):
    UN = "un", _("UN system entity")
    EXTERNAL = "external", _("Outside the UN system")


# ---------------------------------------------------------------------------
# Resources and events
# ---------------------------------------------------------------------------


class ResourceType(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    GUIDANCE = "guidance", _("Guidance")
    TOOL = "tool", _("Tool")
    STATEMENT = "statement", _("Network statement or system-wide position")
    SG_REPORT = "sg_report", _("Report of the Secretary-General")
    WG_OUTPUT = "wg_output", _("Working-group output")
    VIDEO = "video", _("Video")


class EventKind(models.TextChoices):
    GCM_TALK = "gcm_talk", _("GCM Talk")
    WEBINAR = "webinar", _("Webinar")
    LISTENING = "listening", _("Listening session")
    CONSULTATION = "consultation", _("Consultation")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")
    IN_PERSON = "in_person", _("In person")


# ---------------------------------------------------------------------------
# Working groups and networks
# ---------------------------------------------------------------------------


class JoinStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class NetworkKind(models.TextChoices):
    COUNTRY = "country", _("Country network")
    REGIONAL = "regional", _("Regional network")


class Integration(models.TextChoices):
    """Whether migration figures in a UN planning document."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")


class NetworkDocumentCategory(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", _("Terms of reference")
    WORKPLAN = "workplan", _("Workplan")


# ---------------------------------------------------------------------------
# Discussion spaces
# ---------------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Comment hidden")
    DISMISSED = "dismissed", _("Dismissed")


# ---------------------------------------------------------------------------
# Connection Hub
# ---------------------------------------------------------------------------


class SupportKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical advice")
    PEER = "peer", _("Peer exchange")
    CAPACITY = "capacity", _("Capacity building")
    FUNDING = "funding", _("Funding")


class Urgency(models.TextChoices):
    LOW = "low", _("Within six months")
    MEDIUM = "medium", _("Within three months")
    HIGH = "high", _("Within a month")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_DISCUSSION = "in_discussion", _("In discussion")
    MATCHED = "matched", _("Matched")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class MatchKind(models.TextChoices):
    """What a request is matched to: an expert from the roster, a UN entity, a practice, a peer State, a
    champion country or a trust-fund concept note, each a record (earlier matches to champions and
    concept notes may be labelled links, kept as they were)."""

    EXPERT = "expert", _("Expert from the roster")
    UN_ENTITY = "un_entity", _("UN entity")
    PRACTICE = "practice", _("Practice")
    PEER_STATE = "peer_state", _("Peer State")
    CHAMPION = "champion", _("Champion country")
    CONCEPT_NOTE = "concept_note", _("Trust-fund concept note")


# Kinds once recorded as a labelled link (a name and an address) rather than a record: still shown so.
LINKED_MATCH_KINDS = frozenset({MatchKind.CHAMPION, MatchKind.CONCEPT_NOTE})


# ---------------------------------------------------------------------------
# The unified index, follows and digests
# ---------------------------------------------------------------------------


class Facet(models.TextChoices):
    KIND = "kind", _("Kind")
    OBJECTIVE = "objective", _("Objective")
    PRINCIPLE = "principle", _("Guiding principle")
    REGION = "region", _("Region")
    COMMISSION = "commission", _("Regional commission")
    COUNTRY = "country", _("Country")
    LANGUAGE = "language", _("Language")
    YEAR = "year", _("Year")
    THEMATIC = "thematic", _("Thematic area")


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
