"""The Migration MPTF's transition tables and what each transition sets off. Buttons and API actions
are read from them; the kernel engine performs them.

- Concept notes: draft → submitted → under quality assessment → in the pipeline → selected for
  funding; or not selected (with reasons); or withdrawn. Staff may return a note to its draft with a
  comment. ``select`` and ``not_select`` are internal: a Steering Committee decision performs them.
- Joint programmes: approved → under implementation → operationally closed → financially closed.
- Programme reports: draft → submitted → accepted, or returned for changes.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from gcm_portal.accounts.choices import Role
from gcm_portal.accounts.selectors import users_with_role
from gcm_portal.core.notifications import choice_label, notify, notify_role
from gcm_portal.core.publication import CHANGED, PUBLISHED, WITHDRAWN, announce
from gcm_portal.core.workflow import Transition, TransitionEvent, Workflow

from . import permissions
from .choices import PUBLIC_NOTE_STATES, ConceptNoteStatus, ProgrammeStatus, ReportStatus
from .models import ConceptNote, Expenditure, Transfer

__all__ = ["NEXT_STEP", "NOTE_WORKFLOW", "PROGRAMME_WORKFLOW", "REPORT_WORKFLOW", "entity_focal_points"]


def entity_focal_points(entity_ids) -> list:
    """Active focal points of any of these UN entities (for notices)."""
    users = []
    for entity_id in sorted(set(entity_ids)):
        users.extend(users_with_role(Role.ENTITY_FOCAL_POINT, entity=entity_id))
    return users


# ---------------------------------------------------------------------------
# Concept notes
# ---------------------------------------------------------------------------


def _note_entities(note: ConceptNote) -> set[int]:
    return {note.lead_entity_id, *(line.entity_id for line in note.budget_lines.all())}


def _missing_for_submission(note: ConceptNote) -> str | None:
    if not note.title.strip() or not note.summary.strip():
        return str(_("Give the concept note a title and a purpose before submitting it."))
    if not note.countries.exists() and note.region_id is None:
        return str(_("Name the countries or the region the concept note covers."))
    if note.thematic_area_id is None:
        return str(_("Choose the thematic area."))
    if not note.duration_months:
        return str(_("Give the duration in months."))
    if not note.budget_lines.exists():
        return str(_("Give the budget each participating organisation requests."))
    if not note.documents.exists():
        return str(_("Attach the government's endorsement before submitting."))
    return None


def _has_assessment(note: ConceptNote) -> str | None:
    if not note.assessments.exists():
        return str(_("Score the concept note against the criteria first."))
    return None


def _lead(user, note) -> bool:
    return permissions.can_lead_note(user, note)


def _assessor(user, note) -> bool:
    return permissions.may_assess(user)


def _decider(user, note) -> bool:
    return permissions.may_record_decisions(user)


def _note_context(event: TransitionEvent) -> dict:
    note = event.obj
    return {
        "title": note.title,
        "entity": str(note.lead_entity),
        "state": choice_label(note, "status"),
        "comment": event.comment,
    }


def _tell_entities(event: TransitionEvent) -> None:
    """The focal points of the note's organisations hear where it went, with the comment or reasons."""
    note = event.obj
    notify(
        event="mptf_note_moved",
        recipients=entity_focal_points(_note_entities(note)),
        context=_note_context(event),
        target=note,
        actor=event.actor,
    )


def _tell_staff(event: TransitionEvent) -> None:
    notify_role(
        Role.NETWORK_STAFF,
        event="mptf_note_submitted",
        context=_note_context(event),
        target=event.obj,
        actor=event.actor,
    )


def _keep_reasons(event: TransitionEvent) -> None:
    ConceptNote.objects.filter(pk=event.obj.pk).update(decision_note=event.comment)
    event.obj.decision_note = event.comment


def _announce_note(event: TransitionEvent) -> None:
    """Publication events follow the public states: entering the pipeline publishes the note, a
    selection changes it, leaving the public states withdraws it."""
    was_public = event.source in PUBLIC_NOTE_STATES
    is_public = event.target in PUBLIC_NOTE_STATES
    if is_public:
        announce(event.obj, CHANGED if was_public else PUBLISHED)
    elif was_public:
        announce(event.obj, WITHDRAWN)


S = ConceptNoteStatus

NOTE_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="submit",
            sources={S.DRAFT},
            target=S.SUBMITTED,
            label=_("Submit to the Fund"),
            allowed=_lead,
            guard=_missing_for_submission,
            confirm=True,
            help_text=_("Network staff assess it; you can no longer edit it unless they return it."),
            after=(_tell_staff, _tell_entities),
        ),
        Transition(
            action="start_assessment",
            sources={S.SUBMITTED},
            target=S.UNDER_ASSESSMENT,
            label=_("Start the quality assessment"),
            allowed=_assessor,
            after=_tell_entities,
        ),
        Transition(
            action="return",
            sources={S.SUBMITTED, S.UNDER_ASSESSMENT},
            target=S.DRAFT,
            label=_("Return for changes"),
            allowed=_assessor,
            needs_comment=True,
            style="secondary",
            help_text=_("The lead organisation reads your comment, changes the note and submits it again."),
            after=(_keep_reasons, _tell_entities),
        ),
        Transition(
            action="to_pipeline",
            sources={S.UNDER_ASSESSMENT},
            target=S.PIPELINE,
            label=_("Put in the pipeline"),
            allowed=_assessor,
            guard=_has_assessment,
            confirm=True,
            help_text=_("The note becomes public in the pipeline the Steering Committee chooses from."),
            after=(_announce_note, _tell_entities),
        ),
        Transition(
            action="decline",
            sources={S.SUBMITTED, S.UNDER_ASSESSMENT},
            target=S.NOT_SELECTED,
            label=_("Do not retain"),
            allowed=_assessor,
            needs_comment=True,
            style="danger",
            help_text=_("The note is not retained after quality assessment; give the reasons."),
            after=(_keep_reasons, _tell_entities),
        ),
        Transition(
            action="select",
            sources={S.PIPELINE},
            target=S.SELECTED,
            label=_("Select for funding"),
            allowed=_decider,
            internal=True,
            after=(_keep_reasons, _announce_note, _tell_entities),
        ),
        Transition(
            action="not_select",
            sources={S.PIPELINE},
            target=S.NOT_SELECTED,
            label=_("Not select"),
            allowed=_decider,
            internal=True,
            needs_comment=True,
            after=(_keep_reasons, _announce_note, _tell_entities),
        ),
        Transition(
            action="withdraw",
            sources={S.DRAFT, S.SUBMITTED, S.UNDER_ASSESSMENT, S.PIPELINE},
            target=S.WITHDRAWN,
            label=_("Withdraw"),
            allowed=_lead,
            style="danger",
            after=(_announce_note, _tell_entities),
        ),
    ],
    stamps={
        S.SUBMITTED: lambda note, now: {"submitted_at": now},
        S.PIPELINE: lambda note, now: {"pipeline_at": now},
        S.SELECTED: lambda note, now: {"decided_at": now},
        S.NOT_SELECTED: lambda note, now: {"decided_at": now},
    },
)

NEXT_STEP = {
    S.DRAFT: _("Complete the note, attach the government's endorsement and submit it."),
    S.SUBMITTED: _("Waiting for Network staff to start the quality assessment."),
    S.UNDER_ASSESSMENT: _("Network staff are scoring the note against the criteria."),
    S.PIPELINE: _("In the pipeline: the Steering Committee selects from it when resources allow."),
    S.SELECTED: _("Selected: the Fund Management Unit creates the joint programme."),
    S.NOT_SELECTED: _("Not selected. The reasons are below."),
    S.WITHDRAWN: _("Withdrawn."),
}


# ---------------------------------------------------------------------------
# Joint programmes
# ---------------------------------------------------------------------------


def _programme_manager(user, programme) -> bool:
    return permissions.may_manage_programmes(user)


def _announce_changed(event: TransitionEvent) -> None:
    announce(event.obj, CHANGED)


def _finals_missing(programme) -> str | None:
    """Financial closure needs a final expenditure report from every organisation that received money."""
    final = Expenditure.objects.filter(programme=programme, organisation=OuterRef("organisation"), kind="final")
    missing = (
        Transfer.objects.filter(programme=programme)
        .annotate(has_final=Exists(final))
        .filter(has_final=False)
        .values_list("organisation__code", flat=True)
        .distinct()
    )
    codes = sorted(set(missing))
    if codes:
        return str(_("Final expenditure is missing for: %(codes)s.") % {"codes": ", ".join(codes)})
    return None


P = ProgrammeStatus

PROGRAMME_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="start",
            sources={P.APPROVED},
            target=P.UNDER_IMPLEMENTATION,
            label=_("Start implementation"),
            allowed=_programme_manager,
            after=_announce_changed,
        ),
        Transition(
            action="close_operationally",
            sources={P.UNDER_IMPLEMENTATION},
            target=P.OPERATIONALLY_CLOSED,
            label=_("Close operationally"),
            allowed=_programme_manager,
            confirm=True,
            after=_announce_changed,
        ),
        Transition(
            action="close_financially",
            sources={P.OPERATIONALLY_CLOSED},
            target=P.FINANCIALLY_CLOSED,
            label=_("Close financially"),
            allowed=_programme_manager,
            guard=_finals_missing,
            confirm=True,
            after=_announce_changed,
        ),
    ]
)


# ---------------------------------------------------------------------------
# Programme reports
# ---------------------------------------------------------------------------


def _reporter(user, report) -> bool:
    return permissions.can_report_on(user, report.programme)


def _report_reviewer(user, report) -> bool:
    return permissions.reviews_reports(user)


def _report_empty(report) -> str | None:
    if not report.narrative.strip() and not report.documents.exists():
        return str(_("Write the summary of progress or attach the report before submitting."))
    return None


def _report_context(event: TransitionEvent) -> dict:
    report = event.obj
    return {
        "programme": report.programme.title,
        "report": choice_label(report, "kind"),
        "year": report.year,
        "state": choice_label(report, "status"),
        "comment": event.comment,
    }


def _tell_fund_managers(event: TransitionEvent) -> None:
    notify_role(
        Role.FUND_MANAGER,
        event="mptf_report_submitted",
        context=_report_context(event),
        target=event.obj,
        actor=event.actor,
    )


def _tell_reporters(event: TransitionEvent) -> None:
    report = event.obj
    notify(
        event="mptf_report_reviewed",
        recipients=entity_focal_points(p.entity_id for p in report.programme.participants.all()),
        context=_report_context(event),
        target=report,
        actor=event.actor,
    )


def _announce_report(event: TransitionEvent) -> None:
    announce(event.obj, PUBLISHED)


R = ReportStatus

REPORT_WORKFLOW = Workflow(
    transitions=[
        Transition(
            action="submit",
            sources={R.DRAFT, R.RETURNED},
            target=R.SUBMITTED,
            label=_("Submit to the Fund Management Unit"),
            allowed=_reporter,
            guard=_report_empty,
            confirm=True,
            after=_tell_fund_managers,
        ),
        Transition(
            action="return",
            sources={R.SUBMITTED},
            target=R.RETURNED,
            label=_("Return for changes"),
            allowed=_report_reviewer,
            needs_comment=True,
            style="secondary",
            after=_tell_reporters,
        ),
        Transition(
            action="accept",
            sources={R.SUBMITTED},
            target=R.ACCEPTED,
            label=_("Accept"),
            allowed=_report_reviewer,
            help_text=_("The report becomes public on the programme's page."),
            after=(_announce_report, _tell_reporters),
        ),
    ],
    stamps={
        R.SUBMITTED: lambda report, now: {"submitted_at": now},
        R.ACCEPTED: lambda report, now: {"reviewed_at": now},
        R.RETURNED: lambda report, now: {"reviewed_at": now},
    },
)
