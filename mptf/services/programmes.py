"""Joint programmes (created by fund managers from a selected concept note), extensions, documents,
and the yearly reports entity focal points submit and fund managers review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gcm_portal.core.attachments import Attachments
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.notifications import notify
from gcm_portal.core.publication import CHANGED, PUBLISHED, announce
from gcm_portal.core.workflow import transition_perform

from .. import permissions, selectors
from ..choices import ConceptNoteStatus, DecisionKind, ProgrammeStatus, ReportKind
from ..models import (
    CommitteeDecision,
    ConceptNote,
    IndicatorResult,
    JointProgramme,
    ProgrammeDocument,
    ProgrammeExtension,
    ProgrammeParticipant,
    ProgrammeReport,
    ReportDocument,
)
from ..workflow import PROGRAMME_WORKFLOW, REPORT_WORKFLOW, entity_focal_points
from .common import plain, require_programme_role

__all__ = [
    "PROGRAMME_DOCUMENTS",
    "PROGRAMME_FIELDS",
    "REPORT_DOCUMENTS",
    "programme_create_from_note",
    "programme_extend",
    "programme_transition",
    "programme_update",
    "report_create",
    "report_due_date",
    "report_transition",
    "report_update",
]

PROGRAMME_FIELDS = (
    "title",
    "summary",
    "region",
    "national_partners",
    "stakeholders",
    "thematic_area",
    "window",
    "gender_marker",
    "human_rights_marker",
    "covid_dimension",
    "budget_usd",
    "duration_months",
    "start_date",
)
PROGRAMME_RELATIONS = ("countries", "objectives", "principles", "sdg_targets")

PROGRAMME_DOCUMENTS = Attachments(
    model=ProgrammeDocument,
    parent_field="programme",
    parent_queryset=lambda user: selectors.programme_detail(),
    may_change=lambda user, programme: permissions.may_manage_programmes(user),
    refusal=gettext_lazy("Only fund managers add or remove programme documents."),
)


def _programme_code(note: ConceptNote, start: date | None) -> str:
    year = (start or note.decided_at or note.created_at).year
    countries = "-".join(c.iso2 for c in note.countries.all()[:3]) or "REG"
    base = f"JP-{year}-{countries}".upper()
    code, n = base, 2
    while JointProgramme.objects.filter(code__iexact=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def allocated_to(note: ConceptNote) -> Decimal | None:
    """The amounts Steering Committee decisions allocated to a note, if any."""
    return CommitteeDecision.objects.filter(kind=DecisionKind.ALLOCATE, concept_notes=note).aggregate(
        total=Sum("amount_usd")
    )["total"]


def _participants_context(programme: JointProgramme, event_title: str) -> tuple[list, dict]:
    recipients = entity_focal_points(p.entity_id for p in programme.participants.all())
    return recipients, {"programme": programme.title, "code": programme.code, "what": event_title}


@transaction.atomic
def programme_create_from_note(
    *,
    actor,
    note: ConceptNote,
    start_date: date | None = None,
    end_date: date | None = None,
    budget_usd: Decimal | None = None,
    title: str = "",
    code: str = "",
) -> JointProgramme:
    """A fund manager creates the joint programme of a selected concept note: its countries, partners,
    thematic area, objectives, principles, SDG targets and markers come from the note; the
    participating organisations' shares from the budget they requested; the approved budget from the
    Committee's allocations (or the request). Public at once; the organisations' focal points are told."""
    require_programme_role(actor)
    note = ConceptNote.objects.select_for_update().get(pk=note.pk)
    if note.status != ConceptNoteStatus.SELECTED:
        raise ValidationError(_("Only a concept note selected for funding becomes a joint programme."))
    if JointProgramme.objects.filter(concept_note=note).exists():
        raise ValidationError(_("This concept note already has its joint programme."))
    lines = list(note.budget_lines.select_related("entity"))
    requested = sum((line.amount_usd for line in lines), Decimal("0"))
    budget = budget_usd if budget_usd is not None else (allocated_to(note) or requested)
    programme = JointProgramme(
        code=(code or _programme_code(note, start_date)).strip(),
        title=(title or note.title).strip(),
        concept_note=note,
        summary=note.summary,
        region=note.region,
        national_partners=note.national_partners,
        stakeholders=note.stakeholders,
        thematic_area=note.thematic_area,
        window=note.window,
        gender_marker=note.gender_marker,
        human_rights_marker=note.human_rights_marker,
        covid_dimension=note.covid_dimension,
        budget_usd=budget,
        duration_months=note.duration_months,
        start_date=start_date,
        end_date=end_date,
        status=ProgrammeStatus.APPROVED,
        created_by=actor,
    )
    programme.full_clean()
    programme.save()
    for name in ("countries", "objectives", "principles", "sdg_targets"):
        getattr(programme, name).set(getattr(note, name).all())
    ProgrammeParticipant.objects.bulk_create(
        [
            ProgrammeParticipant(
                programme=programme,
                entity=line.entity,
                budget_usd=line.amount_usd,
                lead=line.entity_id == note.lead_entity_id,
            )
            for line in lines
        ]
    )
    if not any(line.entity_id == note.lead_entity_id for line in lines):
        ProgrammeParticipant.objects.create(programme=programme, entity=note.lead_entity, lead=True)
    audit_record(
        actor=actor,
        action="create",
        target=programme,
        to_state=programme.status,
        changes={
            "concept_note": {"before": None, "after": note.title},
            "budget_usd": {"before": None, "after": budget},
        },
    )
    audit_record(actor=actor, action="programme_created", target=note, comment=programme.code)
    programme = selectors.programme_detail().get(pk=programme.pk)
    recipients, context = _participants_context(programme, pgettext("joint programme change", "created"))
    notify(event="mptf_programme_changed", recipients=recipients, context=context, target=programme, actor=actor)
    announce(programme, PUBLISHED)
    return programme


def _participants(programme: JointProgramme, rows) -> None:
    """Replace participating organisations: ``rows`` of (UN entity, budget share or None, lead)."""
    entities = [entity.pk for entity, _share, _lead in rows]
    if not rows or len(entities) != len(set(entities)):
        raise ValidationError({"participants": _("Give each participating organisation once, and at least one.")})
    programme.participants.all().delete()
    ProgrammeParticipant.objects.bulk_create(
        [ProgrammeParticipant(programme=programme, entity=e, budget_usd=share, lead=lead) for e, share, lead in rows]
    )


@transaction.atomic
def programme_update(
    *, programme: JointProgramme, actor, expected_version: int, participants=None, **data
) -> JointProgramme:
    """A fund manager's edit, made from ``expected_version``; announced as a change of a public record.
    The end date moves only through an extension."""
    require_programme_role(actor)
    unknown = set(data) - set(PROGRAMME_FIELDS) - set(PROGRAMME_RELATIONS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    programme = JointProgramme.objects.select_for_update().get(pk=programme.pk)
    version_claim(programme, expected_version)
    before = {name: plain(getattr(programme, name)) for name in data}
    if participants is not None:
        before["participants"] = sorted(str(p) for p in programme.participants.all())
    for name, value in data.items():
        if name in PROGRAMME_RELATIONS:
            getattr(programme, name).set(value)
        else:
            setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    after = {name: plain(getattr(programme, name)) for name in data}
    if participants is not None:
        _participants(programme, list(participants))
        after["participants"] = sorted(str(p) for p in programme.participants.all())
    changes = audit_changes(before, after)
    audit_record(actor=actor, action="edit", target=programme, changes=changes)
    if changes:
        announce(programme, CHANGED)
    return programme


@transaction.atomic
def programme_extend(*, programme: JointProgramme, actor, new_end: date, reason: str) -> ProgrammeExtension:
    require_programme_role(actor)
    programme = JointProgramme.objects.select_for_update().get(pk=programme.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if programme.status in (ProgrammeStatus.OPERATIONALLY_CLOSED, ProgrammeStatus.FINANCIALLY_CLOSED):
        raise ValidationError(_("A closed programme is not extended."))
    if programme.end_date and new_end <= programme.end_date:
        raise ValidationError({"new_end": _("An extension ends after the current end date.")})
    if programme.start_date and new_end < programme.start_date:
        raise ValidationError({"new_end": _("An extension ends after the programme starts.")})
    extension = ProgrammeExtension.objects.create(
        programme=programme, previous_end=programme.end_date, new_end=new_end, reason=reason.strip(), created_by=actor
    )
    JointProgramme.objects.filter(pk=programme.pk).update(end_date=new_end, version=programme.version + 1)
    audit_record(
        actor=actor,
        action="extend",
        target=programme,
        comment=reason.strip(),
        changes={"end_date": {"before": programme.end_date, "after": new_end}},
    )
    programme.refresh_from_db()
    recipients, context = _participants_context(programme, _("extended until %(date)s") % {"date": new_end.isoformat()})
    notify(event="mptf_programme_changed", recipients=recipients, context=context, target=programme, actor=actor)
    announce(programme, CHANGED)
    return extension


def programme_transition(*, programme: JointProgramme, action: str, actor, comment: str = "", expected_version=None):
    return transition_perform(
        workflow=PROGRAMME_WORKFLOW,
        obj=programme,
        action=action,
        actor=actor,
        comment=comment,
        expected_version=expected_version,
    )


# ---------------------------------------------------------------------------
# Yearly reports
# ---------------------------------------------------------------------------

REPORT_DOCUMENTS = Attachments(
    model=ReportDocument,
    parent_field="report",
    parent_queryset=selectors.report_detail,
    may_manage=lambda user, report: (
        permissions.can_report_on(user, report.programme) or permissions.reviews_reports(user)
    ),
    may_change=permissions.can_edit_report,
    refusal=gettext_lazy(
        "Documents are added while the report is a draft or returned, by the programme's focal points."
    ),
)


def report_due_date(year: int) -> date:
    """Annual reports are due with the final year-end expenditure: 30 April of the following year."""
    return date(year + 1, 4, 30)


@transaction.atomic
def report_create(*, programme: JointProgramme, actor, year: int, kind: str, narrative: str = "") -> ProgrammeReport:
    programme = selectors.programme_detail().get(pk=programme.pk)
    if not permissions.can_report_on(actor, programme):
        raise PermissionDenied(_("The focal points of the programme's participating organisations write its reports."))
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose the kind of report.")})
    if ProgrammeReport.objects.filter(programme=programme, year=year, kind=kind).exists():
        raise ValidationError(_("This report already exists: open it instead."))
    report = ProgrammeReport(
        programme=programme,
        year=year,
        kind=kind,
        narrative=narrative.strip(),
        due_date=report_due_date(year),
        created_by=actor,
    )
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="create", target=report, to_state=report.status)
    return report


@transaction.atomic
def report_update(
    *, report: ProgrammeReport, actor, expected_version: int, narrative: str | None = None, indicators=None
) -> ProgrammeReport:
    """``indicators``: rows of {indicator, unit, baseline, target, actual} replacing the report's."""
    report = ProgrammeReport.objects.select_for_update().select_related("programme").get(pk=report.pk)
    if not permissions.can_edit_report(actor, report):
        raise PermissionDenied(_("This report cannot be edited in its current state."))
    version_claim(report, expected_version)
    before = {"narrative": report.narrative, "indicators": [i.indicator for i in report.indicators.all()]}
    if narrative is not None:
        report.narrative = narrative.strip()
    report.full_clean()
    report.save()
    if indicators is not None:
        report.indicators.all().delete()
        rows = [IndicatorResult(report=report, **row) for row in indicators if (row.get("indicator") or "").strip()]
        for row in rows:
            row.full_clean(exclude=["report"])
        IndicatorResult.objects.bulk_create(rows)
    after = {"narrative": report.narrative, "indicators": [i.indicator for i in report.indicators.all()]}
    audit_record(actor=actor, action="edit", target=report, changes=audit_changes(before, after))
    return report


def report_transition(*, report: ProgrammeReport, action: str, actor, comment: str = "", expected_version=None):
    return transition_perform(
        workflow=REPORT_WORKFLOW,
        obj=report,
        action=action,
        actor=actor,
        comment=comment,
        expected_version=expected_version,
    )
