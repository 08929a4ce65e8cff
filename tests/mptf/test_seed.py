"""The public facts loaded by migration: each with its source; nothing invented, nothing unverified
presented as fact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mptf.models import CommitteeSeat, Donor, Fund, FundingTarget, FundingWindow, JointProgramme, ReportedFigure

pytestmark = pytest.mark.django_db


def test_the_fund_and_its_administrative_agent():
    fund = Fund.objects.get()
    assert fund.code == "MIG00"
    assert "MPTF Office" in fund.administrative_agent
    assert fund.source_url == "https://mptf.undp.org/factsheet/fund/MIG00"


def test_capitalisation_targets_with_their_sources():
    targets = {t.amount_usd: t for t in FundingTarget.objects.all()}
    assert set(targets) == {Decimal("25000000"), Decimal("70000000")}
    assert targets[Decimal("70000000")].deadline.isoformat() == "2022-05-17"
    assert all(t.source_url.startswith("https://") for t in targets.values())


def test_the_first_six_joint_programmes_and_the_reported_total():
    codes = set(JointProgramme.objects.values_list("code", flat=True))
    assert codes == {"JP-ZA-2020", "JP-TJ-2020", "JP-PH-2020", "JP-MK-2020", "JP-CL-MX-2020", "JP-GN-LR-SL-2020"}
    countries = {p.code: sorted(p.countries.values_list("iso2", flat=True)) for p in JointProgramme.objects.all()}
    assert countries["JP-CL-MX-2020"] == ["CL", "MX"] and countries["JP-GN-LR-SL-2020"] == ["GN", "LR", "SL"]
    assert JointProgramme.objects.get(code="JP-MK-2020").budget_usd == Decimal("1500000")
    # budgets no public source gives stay empty rather than guessed
    assert JointProgramme.objects.filter(budget_usd__isnull=True).count() == 5
    for programme in JointProgramme.objects.all():
        assert programme.source_url.startswith("https://") and programme.source_title
        assert programme.participants.exists()
    first_six = ReportedFigure.objects.get(amount_usd=Decimal("12000000"))
    assert first_six.approximate and "mptfportal" in first_six.source_url


def test_chairs_and_early_donors_carry_their_sources():
    chairs = list(CommitteeSeat.objects.filter(constituency="chair").order_by("start_date"))
    assert [c.person_name for c in chairs] == ["António Vitorino", "Amy E. Pope"]
    assert chairs[0].end_date.isoformat() == "2023-09-30" and chairs[1].end_date is None
    assert Donor.objects.count() == 15 and not Donor.objects.filter(source_url="").exists()
    assert Donor.objects.get(country__iso2="DE").source_url.endswith(
        "germany-morocco-jointly-announce-contribution-migration-multi-partner-trust-fund"
    )


def test_no_funding_window_is_seeded_without_a_source():
    assert not FundingWindow.objects.exists()


def test_no_money_is_seeded():
    from mptf.models import Contribution, Deposit, Expenditure, Transfer

    assert not (
        Contribution.objects.exists()
        or Deposit.objects.exists()
        or Transfer.objects.exists()
        or Expenditure.objects.exists()
    )
