"""Writes of the Migration MPTF. Each service is keyword-only, owns its transaction, writes its audit
rows and queues notices and publication events to leave after commit."""

from .committee import CONFIDENTIAL_DOCUMENTS, PUBLIC_DOCUMENTS, decision_record, meeting_create
from .imports import COLUMNS, import_confirm, import_discard, import_upload
from .money import (
    CONTRIBUTION_FIELDS,
    contribution_record,
    contribution_update,
    deposit_record,
    expenditure_record,
    transfer_record,
)
from .notes import (
    NOTE_DOCUMENTS,
    NOTE_FIELDS,
    assessment_record,
    note_create,
    note_document_add,
    note_document_remove,
    note_transition,
    note_update,
)
from .programmes import (
    PROGRAMME_DOCUMENTS,
    PROGRAMME_FIELDS,
    REPORT_DOCUMENTS,
    allocated_to,
    programme_create_from_note,
    programme_extend,
    programme_transition,
    programme_update,
    report_create,
    report_due_date,
    report_transition,
    report_update,
)
from .reminders import REMINDER_DAYS, report_reminders_send

__all__ = [
    "COLUMNS",
    "CONFIDENTIAL_DOCUMENTS",
    "CONTRIBUTION_FIELDS",
    "NOTE_DOCUMENTS",
    "NOTE_FIELDS",
    "PROGRAMME_DOCUMENTS",
    "PROGRAMME_FIELDS",
    "PUBLIC_DOCUMENTS",
    "REMINDER_DAYS",
    "REPORT_DOCUMENTS",
    "allocated_to",
    "assessment_record",
    "contribution_record",
    "contribution_update",
    "decision_record",
    "deposit_record",
    "expenditure_record",
    "import_confirm",
    "import_discard",
    "import_upload",
    "meeting_create",
    "note_create",
    "note_document_add",
    "note_document_remove",
    "note_transition",
    "note_update",
    "programme_create_from_note",
    "programme_extend",
    "programme_transition",
    "programme_update",
    "report_create",
    "report_due_date",
    "report_reminders_send",
    "report_transition",
    "report_update",
    "transfer_record",
]
