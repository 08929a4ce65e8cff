"""Who may do what with the Migration MPTF's records. Built from the kernel's role primitives; views,
the API, templates, querysets and the workflow tables all ask these.

- Fund managers (Fund Management Unit) record money (contributions, deposits, transfers, expenditure,
  imports), Steering Committee meetings and decisions, create and run joint programmes and review
  programme reports. Administrators hold every role.
- Entity focal points write concept notes for their UN entity and reports for programmes their entity
  takes part in.
- Network staff assess concept notes into the pipeline (or decline them).
- Committee members are the users holding a current Steering Committee seat.
"""

from __future__ import annotations

from gcm_portal import permissions as roles

__all__ = [
    "can_assess_note",
    "can_create_notes",
    "can_create_programme",
    "can_edit_note",
    "can_edit_report",
    "can_lead_note",
    "can_report_on",
    "can_see_note_working_copy",
    "is_committee_member",
    "may_assess",
    "may_manage_programmes",
    "may_record_decisions",
    "may_record_money",
    "may_see_confidential",
    "oversees_notes",
    "reviews_reports",
]

_SEAT_CACHE = "_mptf_committee_member"


def is_committee_member(user) -> bool:
    """Holds a current Steering Committee seat linked to their account (read once per user object)."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, _SEAT_CACHE, None)
    if cached is None:
        from .models import CommitteeSeat

        cached = CommitteeSeat.objects.current().filter(user=user).exists()
        setattr(user, _SEAT_CACHE, cached)
    return cached


def may_record_money(user) -> bool:
    """Fund managers and Network staff write money records (the issue's rule)."""
    return roles.is_fund_manager(user) or roles.is_network_staff(user)


def may_record_decisions(user) -> bool:
    return roles.is_fund_manager(user)


def may_manage_programmes(user) -> bool:
    return roles.is_fund_manager(user)


def reviews_reports(user) -> bool:
    return roles.is_fund_manager(user)


def may_assess(user) -> bool:
    return roles.is_network_staff(user)


def may_see_confidential(user) -> bool:
    """Committee documents, quality assessment scores, endorsement documents of any note."""
    return roles.is_network_staff(user) or roles.is_fund_manager(user) or is_committee_member(user)


def oversees_notes(user) -> bool:
    """Sees every concept note that has been submitted (never another entity's draft)."""
    return may_see_confidential(user)


def can_create_notes(user) -> bool:
    return bool(roles.entity_ids_represented(user))


def can_lead_note(user, note) -> bool:
    return roles.represents_entity(user, note.lead_entity_id)


def _takes_part(user, note) -> bool:
    entities = roles.entity_ids_represented(user)
    if not entities:
        return False
    if note.lead_entity_id in entities:
        return True
    return any(line.entity_id in entities for line in note.budget_lines.all())


def can_see_note_working_copy(user, note) -> bool:
    """Everything about a note: its documents, budget, assessment (the reader is not the public)."""
    return may_see_confidential(user) or _takes_part(user, note)


def can_edit_note(user, note) -> bool:
    from .choices import ConceptNoteStatus

    return note.status == ConceptNoteStatus.DRAFT and can_lead_note(user, note)


def can_assess_note(user, note) -> bool:
    """Scores are given while the note is under quality assessment, by Network staff."""
    from .choices import ConceptNoteStatus

    return may_assess(user) and note.status == ConceptNoteStatus.UNDER_ASSESSMENT


def can_create_programme(user, note) -> bool:
    """A fund manager creates the joint programme of a note selected for funding."""
    from .choices import ConceptNoteStatus

    return may_manage_programmes(user) and note.status == ConceptNoteStatus.SELECTED


def can_report_on(user, programme) -> bool:
    """The focal points of the programme's participating organisations (prefetched participants)."""
    entities = roles.entity_ids_represented(user)
    return bool(entities) and any(p.entity_id in entities for p in programme.participants.all())


def can_edit_report(user, report) -> bool:
    from .choices import ReportStatus

    return report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED) and can_report_on(user, report.programme)
