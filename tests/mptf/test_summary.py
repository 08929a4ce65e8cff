"""The fund's summary: its totals equal sums over the underlying records, each money stage on its own
(deposits, transfers and expenditure are never added to one another), with random records; the
dashboards and the API read the same figures."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mptf import selectors, services
from mptf.models import (
    ConceptNote,
    Contribution,
    Deposit,
    Expenditure,
    JointProgramme,
    ProgrammeParticipant,
    QualityAssessment,
    Transfer,
)
from tests.factories import mptf as f

pytestmark = pytest.mark.django_db


def cents(rng) -> Decimal:
    return Decimal(rng.randint(1, 50_000_000)) / 100


def random_records(rng, fm):
    """Contributions with deposits in several currencies, transfers to the seeded programmes'
    organisations, and expenditure (interim, final or both) per organisation and year."""
    for n in range(rng.randint(3, 8)):
        currency = rng.choice(["USD", "EUR", "GBP"])
        amount = cents(rng)
        contribution = services.contribution_record(
            actor=fm,
            donor=f.donor(f"Donor {n % 3}"),
            pledged_amount=amount,
            currency=currency,
            pledged_usd=None if currency == "USD" else cents(rng),
            pledged_on=date(2019 + rng.randint(0, 5), rng.randint(1, 12), 1),
        )
        for _ in range(rng.randint(0, 3)):
            services.deposit_record(
                actor=fm,
                contribution=contribution,
                deposited_on=date(2019 + rng.randint(0, 5), rng.randint(1, 12), 15),
                amount=cents(rng),
                currency=currency,
                amount_usd=None if currency == "USD" else cents(rng),
            )
    pairs = list(ProgrammeParticipant.objects.select_related("programme", "entity"))
    for _ in range(rng.randint(5, 20)):
        p = rng.choice(pairs)
        services.transfer_record(
            actor=fm,
            programme=p.programme,
            organisation=p.entity,
            transferred_on=date(2021, 3, 1),
            amount_usd=cents(rng),
        )
    keys = set()
    for _ in range(rng.randint(5, 20)):
        p = rng.choice(pairs)
        year = rng.randint(2020, 2024)
        for kind in rng.choice([["interim"], ["final"], ["interim", "final"]]):
            if (p.pk, year, kind) in keys:
                continue
            keys.add((p.pk, year, kind))
            services.expenditure_record(
                actor=fm,
                programme=p.programme,
                organisation=p.entity,
                year=year,
                kind=kind,
                amount_usd=cents(rng),
                reported_on=date(2025, 1, 1),
            )


def expected_expenditure() -> Decimal:
    """Final where reported, interim otherwise: never both."""
    by_key = defaultdict(dict)
    for programme, organisation, year, kind, amount in Expenditure.objects.values_list(
        "programme", "organisation", "year", "kind", "amount_usd"
    ):
        by_key[(programme, organisation, year)][kind] = amount
    return sum((stages.get("final", stages.get("interim")) for stages in by_key.values()), Decimal("0"))


@pytest.mark.parametrize("seed", [7, 2026, 424242])
def test_summary_totals_equal_sums_over_the_records(seed, client, fm):
    random_records(random.Random(seed), fm)
    summary = selectors.fund_summary()
    deposits = sum(Deposit.objects.values_list("amount_usd", flat=True), Decimal("0"))
    transfers = sum(Transfer.objects.values_list("amount_usd", flat=True), Decimal("0"))
    pledged = sum(Contribution.objects.values_list("pledged_usd", flat=True), Decimal("0"))
    allocated = sum((b for b in JointProgramme.objects.values_list("budget_usd", flat=True) if b), Decimal("0"))
    assert summary.deposits_usd == deposits
    assert summary.transfers_usd == transfers
    assert summary.expenditure_usd == expected_expenditure()
    assert summary.pledged_usd == pledged
    assert summary.allocated_usd == allocated
    assert summary.deposits == Deposit.objects.count() and summary.transfers == Transfer.objects.count()
    assert summary.balance_with_agent_usd == deposits - transfers
    assert summary.balance_with_organisations_usd == transfers - expected_expenditure()
    # the API reads the same function, to the cent
    api = client.get("/api/v1/fund/summary/").json()
    assert Decimal(api["deposits_usd"]) == deposits
    assert Decimal(api["transfers_usd"]) == transfers
    assert Decimal(api["expenditure_usd"]) == expected_expenditure()
    # per programme and per organisation, the stages add up to the fund's totals
    programmes = list(selectors.programme_list())
    assert sum((p.transferred_usd for p in programmes), Decimal("0")) == transfers
    assert sum((p.spent_usd for p in programmes), Decimal("0")) == expected_expenditure()
    organisations = selectors.by_organisation()
    assert sum((r["transferred_usd"] for r in organisations), Decimal("0")) == transfers
    assert sum((r["spent_usd"] for r in organisations), Decimal("0")) == expected_expenditure()
    donors = selectors.by_donor()
    assert sum((r["deposited_usd"] for r in donors), Decimal("0")) == deposits
    assert sum((r["pledged_usd"] for r in donors), Decimal("0")) == pledged
    # the dashboard's Gateway table shows the same three stages
    body = client.get(reverse("mptf:index"), {"format": "csv", "table": "sources-and-uses"}).getvalue().decode()
    assert f"Contributions from donors (deposits),{deposits}" in body
    assert f"Transferred to participating organisations,{transfers}" in body


def test_the_stages_never_mix(fm):
    programme = JointProgramme.objects.get(code="JP-MK-2020")
    iom = programme.participants.get(entity__code="IOM").entity
    f.make_contribution(fm, amount="1000", deposits=("1000",))
    base = selectors.fund_summary()
    services.transfer_record(
        actor=fm, programme=programme, organisation=iom, transferred_on=date(2021, 1, 1), amount_usd=Decimal("300")
    )
    after_transfer = selectors.fund_summary()
    assert (after_transfer.deposits_usd, after_transfer.expenditure_usd) == (base.deposits_usd, base.expenditure_usd)
    assert after_transfer.transfers_usd == base.transfers_usd + 300
    services.expenditure_record(
        actor=fm,
        programme=programme,
        organisation=iom,
        year=2021,
        kind="interim",
        amount_usd=Decimal("120"),
        reported_on=date(2021, 9, 1),
    )
    interim = selectors.fund_summary()
    assert (interim.deposits_usd, interim.transfers_usd) == (base.deposits_usd, after_transfer.transfers_usd)
    assert interim.expenditure_usd == base.expenditure_usd + 120
    # the final figure replaces the interim one: it is not added to it
    services.expenditure_record(
        actor=fm,
        programme=programme,
        organisation=iom,
        year=2021,
        kind="final",
        amount_usd=Decimal("150"),
        reported_on=date(2022, 4, 1),
    )
    final = selectors.fund_summary()
    assert final.expenditure_usd == base.expenditure_usd + 150
    assert final.deposits_usd == base.deposits_usd and final.transfers_usd == after_transfer.transfers_usd
    assert final.delivery_rate == Decimal("0.5000")


def test_targets_count_deposits_up_to_their_deadline(fm):
    f.make_contribution(fm, amount="10000000", deposits=("10000000",), on=date(2019, 12, 1))
    f.make_contribution(fm, amount="5000000", deposits=("5000000",), on=date(2021, 6, 1), name="Later donor")
    targets = {t.target.amount_usd: t for t in selectors.fund_summary().targets}
    first_year, forum = targets[Decimal("25000000")], targets[Decimal("70000000")]
    assert first_year.deposited_usd == Decimal("10000000") and first_year.share == Decimal("0.4000")
    assert forum.deposited_usd == Decimal("15000000")


def test_fundable_share_takes_the_best_assessed_notes_first(fm, staff, iom_fp):
    unscored = f.make_note(iom_fp, state="pipeline", title="Unscored", lines=(("IOM", "600"),), assessor=staff)
    scored = f.make_note(iom_fp, state="pipeline", title="Scored", lines=(("IOM", "500"),), assessor=staff)
    QualityAssessment.objects.filter(note=unscored).delete()
    requests = selectors.pipeline_requests()
    assert [n.pk for n, _r, _s in requests] == [scored.pk, unscored.pk]
    assert requests[0][1] == Decimal("500") and requests[0][2] == Decimal("0.8000")
    assert selectors.fundable_count(requests, Decimal("500")) == 1
    assert selectors.fundable_count(requests, Decimal("1100")) == 2
    assert selectors.fundable_count(requests, Decimal("499")) == 0
    summary = selectors.fund_summary()
    assert summary.pipeline_notes == 2 and summary.pipeline_demand_usd == Decimal("1100")
    assert ConceptNote.objects.filter(status="pipeline").count() == 2
