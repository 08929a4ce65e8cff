"""Vocabularies of the Migration MPTF app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Constituency(models.TextChoices):
    """Whom a Steering Committee seat represents (the composition the Fund describes)."""

    CHAIR = "chair", _("Chair (Coordinator of the UN Network on Migration)")
    UN_ENTITIES = "un_entities", _("UN Network member entities")
    CONTRIBUTORS = "contributors", _("Contributing Member States")
    COUNTRIES = "countries", _("Member States of origin, transit and destination")
    STAKEHOLDERS = "stakeholders", _("Stakeholders")
    ADMINISTRATIVE_AGENT = "administrative_agent", _("MPTF Office (ex officio)")
    OTHER = "other", _("Other")


class DonorKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    UN_ENTITY = "un_entity", _("UN entity")
    FINANCIAL_INSTITUTION = "financial_institution", _("International financial institution")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    PHILANTHROPY = "philanthropy", _("Foundation or philanthropy")
    OTHER = "other", _("Other contributor")


class Earmarking(models.TextChoices):
    NONE = "none", _("Unearmarked")
    THEMATIC_AREA = "thematic_area", _("A thematic area")
    WINDOW = "window", _("A funding window")
    COUNTRY = "country", _("A country")


class ConceptNoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_ASSESSMENT = "under_assessment", _("Under quality assessment")
    PIPELINE = "pipeline", _("In the pipeline")
    SELECTED = "selected", _("Selected for funding")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What the public sees of concept notes: the pipeline and what the Steering Committee selected from it.
PUBLIC_NOTE_STATES = frozenset({ConceptNoteStatus.PIPELINE, ConceptNoteStatus.SELECTED})


class Scope(models.TextChoices):
    COUNTRY_TEAM = "country_team", _("A UN country team")
    REGIONAL_GROUP = "regional_group", _("A regional group")


class Marker(models.TextChoices):
    """The usual UN marker scale, used for the gender marker and the human rights marker."""

    NONE = "0", _("0: not expected to contribute")
    LIMITED = "1", _("1: limited contribution")
    SIGNIFICANT = "2", _("2: significant contribution")
    PRINCIPAL = "3", _("3: principal objective")


class ProgrammeStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    UNDER_IMPLEMENTATION = "under_implementation", _("Under implementation")
    OPERATIONALLY_CLOSED = "operationally_closed", _("Operationally closed")
    FINANCIALLY_CLOSED = "financially_closed", _("Financially closed")


class ExpenditureKind(models.TextChoices):
    INTERIM = "interim", _("Interim")
    FINAL = "final", _("Final")


class DecisionKind(models.TextChoices):
    SELECT = "select", _("Select for funding")
    KEEP = "keep", _("Keep in the pipeline")
    NOT_SELECT = "not_select", _("Not select")
    ALLOCATE = "allocate", _("Allocate an amount")


class ReportKind(models.TextChoices):
    NARRATIVE = "narrative", _("Annual narrative report")
    FINANCIAL = "financial", _("Annual financial report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")


class ImportKind(models.TextChoices):
    TRANSFERS = "transfers", _("Transfers")
    EXPENDITURE = "expenditure", _("Expenditure")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Saved")
    DISCARDED = "discarded", _("Discarded")
