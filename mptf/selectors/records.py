"""Reads of the app's records. Every list starts from what the reader may see and owns its joins, so
pages and API lists run a constant number of queries whatever their size."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from gcm_portal.taxonomy.models import Country

from .. import permissions
from ..choices import ConceptNoteStatus
from ..models import (
    AssessmentScore,
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    ConceptNote,
    ConceptNoteBudget,
    Contribution,
    Deposit,
    Donor,
    Expenditure,
    Fund,
    ImportBatch,
    JointProgramme,
    ProgrammeParticipant,
    ProgrammeReport,
    QualityAssessment,
    Transfer,
)

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=16, decimal_places=2))


def _grouped_sum(model_queryset, outer_field: str, inner_field: str, amount: str = "amount_usd"):
    inner = (
        model_queryset.filter(**{inner_field: OuterRef(outer_field)})
        .order_by()
        .values(inner_field)
        .annotate(total=Sum(amount))
        .values("total")[:1]
    )
    return Coalesce(Subquery(inner, output_field=DecimalField(max_digits=16, decimal_places=2)), ZERO)


def effective_expenditure(queryset: QuerySet[Expenditure] | None = None) -> QuerySet[Expenditure]:
    """The expenditure rows that count: every final figure, and an interim figure only while no final
    one exists for the same programme, organisation and year. Interim and final are never added."""
    queryset = Expenditure.objects.all() if queryset is None else queryset
    final = Expenditure.objects.filter(
        programme=OuterRef("programme"), organisation=OuterRef("organisation"), year=OuterRef("year"), kind="final"
    )
    return queryset.filter(Q(kind="final") | ~Exists(final))


# ---------------------------------------------------------------------------
# The fund and its committee
# ---------------------------------------------------------------------------


def the_fund() -> Fund | None:
    return Fund.objects.prefetch_related("targets", "reported_figures", "windows").order_by("pk").first()


def seat_list() -> QuerySet[CommitteeSeat]:
    return CommitteeSeat.objects.select_related("user")


def meeting_list() -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.prefetch_related(
        Prefetch("decisions", queryset=CommitteeDecision.objects.prefetch_related("concept_notes")), "documents"
    )


def decisions_visible(decisions, user) -> list[tuple[CommitteeDecision, list[ConceptNote]]]:
    """Each decision with the concept notes it names that the reader may see."""
    visible = set(ConceptNote.objects.visible_to(user).values_list("pk", flat=True))
    return [(d, [n for n in d.concept_notes.all() if n.pk in visible]) for d in decisions]


def decision_list() -> QuerySet[CommitteeDecision]:
    return CommitteeDecision.objects.select_related("meeting").prefetch_related("concept_notes")


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


def donor_list() -> QuerySet[Donor]:
    return Donor.objects.select_related("country")


def contribution_list() -> QuerySet[Contribution]:
    return Contribution.objects.select_related("donor", "thematic_area", "window", "country", "pledge").annotate(
        deposited_usd=_grouped_sum(Deposit.objects.all(), "pk", "contribution")
    )


def contribution_detail() -> QuerySet[Contribution]:
    return contribution_list().prefetch_related("deposits")


def deposit_list() -> QuerySet[Deposit]:
    return Deposit.objects.select_related("contribution", "contribution__donor")


def transfer_list() -> QuerySet[Transfer]:
    return Transfer.objects.select_related("programme", "organisation")


def expenditure_list() -> QuerySet[Expenditure]:
    return Expenditure.objects.select_related("programme", "organisation")


def import_list() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("uploaded_by", "confirmed_by")


# ---------------------------------------------------------------------------
# Concept notes
# ---------------------------------------------------------------------------

_COUNTRIES = Prefetch("countries", queryset=Country.objects.select_related("region").order_by("sort_name"))


def note_list(user) -> QuerySet[ConceptNote]:
    return _with_list_joins(ConceptNote.objects.visible_to(user))


def _with_list_joins(queryset) -> QuerySet[ConceptNote]:
    return queryset.select_related("lead_entity", "thematic_area", "window", "region", "programme").prefetch_related(
        _COUNTRIES,
        Prefetch("budget_lines", queryset=ConceptNoteBudget.objects.select_related("entity")),
        "objectives",
    )


def note_detail(user) -> QuerySet[ConceptNote]:
    return _with_detail_joins(note_list(user))


def note_detail_unrestricted() -> QuerySet[ConceptNote]:
    """Every note with its joins, for a service's answer to the actor who just moved it (never a list)."""
    return _with_detail_joins(_with_list_joins(ConceptNote.objects.all()))


def _with_detail_joins(queryset) -> QuerySet[ConceptNote]:
    return queryset.select_related("created_by").prefetch_related(
        "principles",
        "sdg_targets",
        "documents",
        Prefetch(
            "assessments",
            queryset=QualityAssessment.objects.select_related("assessor").prefetch_related(
                Prefetch("scores", queryset=AssessmentScore.objects.select_related("criterion"))
            ),
        ),
        Prefetch("decisions", queryset=CommitteeDecision.objects.select_related("meeting")),
    )


def note_documents_visible_to(user, note) -> list:
    """A note's documents (the government's endorsement...) are never public."""
    return list(note.documents.all()) if permissions.can_see_note_working_copy(user, note) else []


def notes_to_assess(user) -> QuerySet[ConceptNote]:
    return note_list(user).filter(status__in=[ConceptNoteStatus.SUBMITTED, ConceptNoteStatus.UNDER_ASSESSMENT])


def notes_awaiting_programme(user) -> QuerySet[ConceptNote]:
    """Notes selected for funding whose joint programme is not created yet."""
    return note_list(user).filter(status=ConceptNoteStatus.SELECTED, programme__isnull=True).order_by("decided_at")


def notes_of_entities(user) -> QuerySet[ConceptNote]:
    from gcm_portal import permissions as roles

    entities = roles.entity_ids_represented(user)
    return note_list(user).filter(
        Q(lead_entity_id__in=entities)
        | Q(pk__in=ConceptNoteBudget.objects.filter(entity_id__in=entities).values("note_id"))
    )


# ---------------------------------------------------------------------------
# Joint programmes and reports
# ---------------------------------------------------------------------------


def programme_list() -> QuerySet[JointProgramme]:
    """Programmes with their money stages side by side, each summed on its own (never added)."""
    return (
        JointProgramme.objects.select_related("thematic_area", "window", "region", "concept_note")
        .prefetch_related(
            _COUNTRIES,
            Prefetch("participants", queryset=ProgrammeParticipant.objects.select_related("entity")),
            "objectives",
        )
        .annotate(
            transferred_usd=_grouped_sum(Transfer.objects.all(), "pk", "programme"),
            spent_usd=_grouped_sum(effective_expenditure(), "pk", "programme"),
        )
    )


def programme_detail() -> QuerySet[JointProgramme]:
    return programme_list().prefetch_related(
        "principles",
        "sdg_targets",
        "documents",
        "extensions",
    )


def programme_money(programme: JointProgramme) -> list[dict]:
    """Per participating organisation: budget share, transferred, reported expenditure and the delivery
    rate (expenditure over transfers). Three queries whatever the number of organisations."""
    transferred = dict(
        Transfer.objects.filter(programme=programme)
        .values("organisation_id")
        .annotate(total=Sum("amount_usd"))
        .values_list("organisation_id", "total")
    )
    spent = dict(
        effective_expenditure(Expenditure.objects.filter(programme=programme))
        .values("organisation_id")
        .annotate(total=Sum("amount_usd"))
        .values_list("organisation_id", "total")
    )
    rows = []
    seen = set()
    for participant in programme.participants.all():
        seen.add(participant.entity_id)
        rows.append((participant.entity, participant.budget_usd))
    others = (set(transferred) | set(spent)) - seen
    if others:
        from gcm_portal.taxonomy.models import UnEntity

        rows += [(entity, None) for entity in UnEntity.objects.filter(pk__in=others).order_by("code")]
    result = []
    for entity, budget in rows:
        t = cents(transferred.get(entity.pk))
        e = cents(spent.get(entity.pk))
        result.append(
            {"organisation": entity, "budget_usd": budget, "transferred_usd": t, "spent_usd": e, "delivery": rate(e, t)}
        )
    return result


CENT = Decimal("0.01")


def cents(value) -> Decimal:
    """A sum of money to the cent, whatever scale the database returned it with."""
    return Decimal(value or 0).quantize(CENT)


def rate(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"))


def report_list(user) -> QuerySet[ProgrammeReport]:
    return ProgrammeReport.objects.visible_to(user).select_related("programme")


def report_detail(user) -> QuerySet[ProgrammeReport]:
    return report_list(user).prefetch_related(
        "indicators",
        "documents",
        Prefetch("programme__participants", queryset=ProgrammeParticipant.objects.select_related("entity")),
    )


def programme_reports(user, programme) -> QuerySet[ProgrammeReport]:
    return report_list(user).filter(programme=programme)


__all__ = [
    "cents",
    "contribution_detail",
    "contribution_list",
    "decision_list",
    "decisions_visible",
    "deposit_list",
    "donor_list",
    "effective_expenditure",
    "expenditure_list",
    "import_list",
    "meeting_list",
    "note_detail",
    "note_detail_unrestricted",
    "note_documents_visible_to",
    "note_list",
    "notes_awaiting_programme",
    "notes_of_entities",
    "notes_to_assess",
    "programme_detail",
    "programme_list",
    "programme_money",
    "programme_reports",
    "rate",
    "report_detail",
    "report_list",
    "seat_list",
    "the_fund",
    "transfer_list",
]
