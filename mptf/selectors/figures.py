"""The fund's figures, computed in one place from the records: the dashboards and
``/api/v1/fund/summary/`` both read :func:`fund_summary`, so they can never disagree.

Money stays in its stages: pledges, deposits (donor to fund), transfers (fund to participating
organisations) and reported expenditure are each summed on their own and never added to one another.
Balances are differences between two stages, as on the MPTF Office Gateway.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Sum
from django.utils.translation import gettext as _

from ..choices import ConceptNoteStatus, ProgrammeStatus
from ..models import (
    AssessmentScore,
    ConceptNote,
    ConceptNoteBudget,
    Contribution,
    Deposit,
    Donor,
    FundingTarget,
    JointProgramme,
    ProgrammeParticipant,
    Transfer,
)
from .records import cents, effective_expenditure, rate

ZERO = Decimal("0")


def _total(queryset, field: str = "amount_usd") -> Decimal:
    return cents(queryset.aggregate(total=Sum(field))["total"])


@dataclass
class TargetProgress:
    target: FundingTarget
    deposited_usd: Decimal

    @property
    def share(self) -> Decimal | None:
        return rate(self.deposited_usd, self.target.amount_usd)


@dataclass
class FundSummary:
    pledged_usd: Decimal
    deposits_usd: Decimal
    transfers_usd: Decimal
    expenditure_usd: Decimal
    allocated_usd: Decimal
    contributions: int
    deposits: int
    transfers: int
    donors: int
    pipeline_notes: int
    pipeline_demand_usd: Decimal
    fundable_notes: int
    notes_by_status: dict[str, int]
    programmes_by_status: dict[str, int]
    targets: list[TargetProgress] = field(default_factory=list)

    @property
    def balance_with_agent_usd(self) -> Decimal:
        """Deposits not yet transferred (held by the administrative agent)."""
        return self.deposits_usd - self.transfers_usd

    @property
    def balance_with_organisations_usd(self) -> Decimal:
        """Transfers not yet reported as spent (held by participating organisations)."""
        return self.transfers_usd - self.expenditure_usd

    @property
    def available_usd(self) -> Decimal:
        """Deposits not yet allocated to a joint programme."""
        return max(self.deposits_usd - self.allocated_usd, ZERO)

    @property
    def delivery_rate(self) -> Decimal | None:
        return rate(self.expenditure_usd, self.transfers_usd)

    @property
    def fundable_share(self) -> Decimal | None:
        return rate(self.fundable_notes, self.pipeline_notes)

    @property
    def programmes(self) -> int:
        return sum(self.programmes_by_status.values())


def pipeline_requests() -> list[tuple[ConceptNote, Decimal, Decimal | None]]:
    """Each note in the pipeline with its requested budget and its average assessment share (0-1),
    best first (then first in). Three queries."""
    notes = list(ConceptNote.objects.filter(status=ConceptNoteStatus.PIPELINE).order_by("pipeline_at", "pk"))
    ids = [n.pk for n in notes]
    requested = dict(
        ConceptNoteBudget.objects.filter(note_id__in=ids)
        .values("note_id")
        .annotate(total=Sum("amount_usd"))
        .values_list("note_id", "total")
    )
    scores = defaultdict(lambda: [0, 0])
    for note_id, score, top in AssessmentScore.objects.filter(assessment__note_id__in=ids).values_list(
        "assessment__note_id", "score", "criterion__max_score"
    ):
        scores[note_id][0] += score
        scores[note_id][1] += top
    rows = [(n, cents(requested.get(n.pk)), rate(*scores[n.pk]) if n.pk in scores else None) for n in notes]
    rows.sort(key=lambda row: -(row[2] or Decimal("-1")))
    return rows


def fundable_count(requests, available: Decimal) -> int:
    """How many pipeline notes the available resources could fund, best assessed first."""
    count, left = 0, available
    for _note, requested, _score in requests:
        if requested <= left:
            count += 1
            left -= requested
    return count


def deposited_by(day: date) -> Decimal:
    return _total(Deposit.objects.filter(deposited_on__lte=day))


def fund_summary() -> FundSummary:
    """The dashboard figures (a fixed number of queries)."""
    deposits = Deposit.objects.aggregate(total=Sum("amount_usd"), count=Count("pk"))
    transfers = Transfer.objects.aggregate(total=Sum("amount_usd"), count=Count("pk"))
    contributions = Contribution.objects.aggregate(total=Sum("pledged_usd"), count=Count("pk"))
    deposits_usd = cents(deposits["total"])
    allocated_usd = _total(JointProgramme.objects.all(), "budget_usd")
    requests = pipeline_requests()
    notes_by_status = dict.fromkeys([s for s in ConceptNoteStatus.values if s != ConceptNoteStatus.DRAFT], 0)
    for status, count in (
        ConceptNote.objects.exclude(status=ConceptNoteStatus.DRAFT)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    ):
        notes_by_status[status] = count
    programmes_by_status = dict.fromkeys(ProgrammeStatus.values, 0)
    for status, count in JointProgramme.objects.values("status").annotate(n=Count("pk")).values_list("status", "n"):
        programmes_by_status[status] = count
    dated = list(Deposit.objects.values_list("deposited_on", "amount_usd"))
    targets = [
        TargetProgress(t, cents(sum((a for d, a in dated if d <= t.deadline), ZERO)))
        for t in FundingTarget.objects.all()
    ]
    return FundSummary(
        pledged_usd=cents(contributions["total"]),
        deposits_usd=deposits_usd,
        transfers_usd=cents(transfers["total"]),
        expenditure_usd=_total(effective_expenditure()),
        allocated_usd=allocated_usd,
        contributions=contributions["count"],
        deposits=deposits["count"],
        transfers=transfers["count"],
        donors=Donor.objects.filter(contributions__isnull=False).distinct().count(),
        pipeline_notes=len(requests),
        pipeline_demand_usd=cents(sum((r for _n, r, _s in requests), ZERO)),
        fundable_notes=fundable_count(requests, max(deposits_usd - allocated_usd, ZERO)),
        notes_by_status=notes_by_status,
        programmes_by_status=programmes_by_status,
        targets=targets,
    )


# ---------------------------------------------------------------------------
# Dashboard tables (each a list of rows, also exported as CSV and XLSX)
# ---------------------------------------------------------------------------


def deposits_over_time() -> list[tuple[date, Decimal, Decimal]]:
    """Per deposit date: deposited that day and the cumulative total."""
    rows, running = [], ZERO
    for day, total in (
        Deposit.objects.values("deposited_on")
        .annotate(total=Sum("amount_usd"))
        .order_by("deposited_on")
        .values_list("deposited_on", "total")
    ):
        running += total
        rows.append((day, cents(total), cents(running)))
    return rows


def by_donor() -> list[dict]:
    """Per donor: pledged and deposited, each from its own records (two queries)."""
    pledged = dict(
        Contribution.objects.values("donor_id").annotate(total=Sum("pledged_usd")).values_list("donor_id", "total")
    )
    deposited = dict(
        Deposit.objects.values("contribution__donor_id")
        .annotate(total=Sum("amount_usd"))
        .values_list("contribution__donor_id", "total")
    )
    donors = Donor.objects.filter(pk__in=set(pledged) | set(deposited)).select_related("country")
    rows = [
        {"donor": d, "pledged_usd": cents(pledged.get(d.pk)), "deposited_usd": cents(deposited.get(d.pk))}
        for d in donors
    ]
    rows.sort(key=lambda r: (-r["deposited_usd"], -r["pledged_usd"], r["donor"].name))
    return rows


def _by_group(programmes, key) -> list[dict]:
    groups: dict[str, dict] = {}
    for p in programmes:
        label = key(p)
        row = groups.setdefault(
            label, {"label": label, "programmes": 0, "allocated_usd": ZERO, "transferred_usd": ZERO, "spent_usd": ZERO}
        )
        row["programmes"] += 1
        row["allocated_usd"] += cents(p.budget_usd)
        row["transferred_usd"] += cents(p.transferred_usd)
        row["spent_usd"] += cents(p.spent_usd)
    return sorted(groups.values(), key=lambda r: (-r["allocated_usd"], r["label"]))


def region_of(record) -> str:
    """The region a programme or note is counted under: its region, else its countries' M49 region."""
    if record.region_id:
        return record.region.name
    regions = {c.region.name for c in record.countries.all() if c.region_id}
    if not regions:
        return _("Global or unspecified")
    return regions.pop() if len(regions) == 1 else _("Several regions")


def allocations(programmes) -> dict[str, list[dict]]:
    """Allocations (approved budgets) with transfers and expenditure beside them, by thematic area,
    window and region. ``programmes`` comes from ``records.programme_list()``."""
    programmes = list(programmes)
    return {
        "thematic_area": _by_group(programmes, lambda p: str(p.thematic_area) if p.thematic_area_id else _("None")),
        "window": _by_group(programmes, lambda p: str(p.window) if p.window_id else _("No window")),
        "region": _by_group(programmes, region_of),
    }


def by_organisation() -> list[dict]:
    """Per participating organisation: budget shares allocated, transferred and spent (three queries)."""
    from gcm_portal.taxonomy.models import UnEntity

    shares = dict(
        ProgrammeParticipant.objects.values("entity_id")
        .annotate(total=Sum("budget_usd"))
        .values_list("entity_id", "total")
    )
    transferred = dict(
        Transfer.objects.values("organisation_id")
        .annotate(total=Sum("amount_usd"))
        .values_list("organisation_id", "total")
    )
    spent = dict(
        effective_expenditure()
        .values("organisation_id")
        .annotate(total=Sum("amount_usd"))
        .values_list("organisation_id", "total")
    )
    ids = set(shares) | set(transferred) | set(spent)
    rows = [
        {
            "organisation": e,
            "allocated_usd": cents(shares.get(e.pk)),
            "transferred_usd": cents(transferred.get(e.pk)),
            "spent_usd": cents(spent.get(e.pk)),
            "delivery": rate(spent.get(e.pk, ZERO), transferred.get(e.pk, ZERO)),
        }
        for e in UnEntity.objects.filter(pk__in=ids)
    ]
    rows.sort(key=lambda r: (-r["allocated_usd"], r["organisation"].code))
    return rows


def balance(notes, key) -> list[dict]:
    """Counts and requested budgets of concept notes per group (geographic or thematic balance)."""
    groups: dict[str, dict] = {}
    for note in notes:
        label = key(note)
        row = groups.setdefault(label, {"label": label, "notes": 0, "requested_usd": ZERO, "selected": 0})
        row["notes"] += 1
        row["requested_usd"] += note.requested_total()
        if note.status == ConceptNoteStatus.SELECTED:
            row["selected"] += 1
    return sorted(groups.values(), key=lambda r: (-r["notes"], r["label"]))


def average_scores(note_ids) -> dict[int, Decimal | None]:
    """Per note, the average share of the highest score over its assessments (one query)."""
    totals = defaultdict(lambda: [0, 0])
    for note_id, score, top in AssessmentScore.objects.filter(assessment__note_id__in=list(note_ids)).values_list(
        "assessment__note_id", "score", "criterion__max_score"
    ):
        totals[note_id][0] += score
        totals[note_id][1] += top
    return {note_id: rate(s, t) for note_id, (s, t) in totals.items()}


def criterion_averages(note_ids) -> dict[tuple[int, int], Decimal]:
    """Per (note, criterion), the average score over assessors (one query)."""
    return {
        (row["assessment__note_id"], row["criterion_id"]): Decimal(str(row["avg"])).quantize(Decimal("0.1"))
        for row in AssessmentScore.objects.filter(assessment__note_id__in=list(note_ids))
        .values("assessment__note_id", "criterion_id")
        .annotate(avg=Avg("score"))
    }
