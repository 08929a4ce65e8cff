"""Money: contributions and their deposits, transfers and expenditure. Each write is one transaction
with its audit row; notices and publication events leave after commit. Money records are public from
the moment they are recorded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcm_portal.accounts.choices import Role
from gcm_portal.core.audit import audit_changes, audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.curation import CurationState
from gcm_portal.core.notifications import notify, notify_role
from gcm_portal.core.publication import CHANGED, PUBLISHED, announce

from ..choices import Earmarking, ExpenditureKind, ProgrammeStatus
from ..models import Contribution, Deposit, Expenditure, Transfer
from ..workflow import entity_focal_points
from .common import require_money_role

__all__ = [
    "CONTRIBUTION_FIELDS",
    "contribution_record",
    "contribution_update",
    "deposit_record",
    "expenditure_record",
    "transfer_record",
]

CONTRIBUTION_FIELDS = (
    "donor",
    "reference",
    "pledged_amount",
    "currency",
    "pledged_usd",
    "pledged_on",
    "earmarking",
    "thematic_area",
    "window",
    "country",
    "pledge",
    "notes",
)


def _usd(currency: str, amount, usd, field: str):
    """The USD value of an amount: the amount itself in USD, otherwise required."""
    if (currency or "USD").upper() == "USD":
        return usd if usd is not None else amount
    if usd is None:
        raise ValidationError({field: _("Give the value in US dollars at the date of the transaction.")})
    return usd


def _check_pledge(pledge) -> None:
    if pledge is not None and (pledge.curation != CurationState.PUBLISHED or pledge.pledge_type != "financial"):
        raise ValidationError({"pledge": _("A contribution can honour only a published financial pledge.")})


def _money_context(label: str, amount: Decimal, who: str) -> dict:
    return {"what": label, "amount": f"{amount:,.2f}", "who": who}


@transaction.atomic
def contribution_record(
    *,
    actor,
    donor,
    pledged_amount: Decimal,
    pledged_on: date,
    currency: str = "USD",
    pledged_usd: Decimal | None = None,
    earmarking: str = Earmarking.NONE,
    thematic_area=None,
    window=None,
    country=None,
    pledge=None,
    reference: str = "",
    notes: str = "",
) -> Contribution:
    """A fund manager records what a donor pledged. Public at once; other fund managers are told. A
    contribution may honour a published financial pledge made at a Forum or regional review."""
    require_money_role(actor)
    _check_pledge(pledge)
    currency = (currency or "USD").upper()
    contribution = Contribution(
        donor=donor,
        reference=reference.strip(),
        pledged_amount=pledged_amount,
        currency=currency,
        pledged_usd=_usd(currency, pledged_amount, pledged_usd, "pledged_usd"),
        pledged_on=pledged_on,
        earmarking=earmarking,
        thematic_area=thematic_area,
        window=window,
        country=country,
        pledge=pledge,
        notes=notes,
        created_by=actor,
    )
    contribution.full_clean()
    contribution.save()
    audit_record(
        actor=actor,
        action="create",
        target=contribution,
        changes={"pledged_usd": {"before": None, "after": contribution.pledged_usd}},
    )
    notify_role(
        Role.FUND_MANAGER,
        event="mptf_money_recorded",
        context=_money_context(_("Contribution"), contribution.pledged_usd, str(donor)),
        target=contribution,
        actor=actor,
    )
    announce(contribution, PUBLISHED)
    return contribution


@transaction.atomic
def contribution_update(*, contribution: Contribution, actor, expected_version: int, **data) -> Contribution:
    """Correct a contribution edited from ``expected_version`` (StaleVersion if someone saved since)."""
    require_money_role(actor)
    unknown = set(data) - set(CONTRIBUTION_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    version_claim(contribution, expected_version)
    if "pledge" in data and data["pledge"] != contribution.pledge:
        _check_pledge(data["pledge"])
    before = {name: getattr(contribution, name) for name in data}
    for name, value in data.items():
        setattr(contribution, name, value)
    contribution.currency = (contribution.currency or "USD").upper()
    if contribution.currency == "USD":
        contribution.pledged_usd = contribution.pledged_amount
    elif {"pledged_amount", "currency"} & set(data) and data.get("pledged_usd") is None:
        raise ValidationError({"pledged_usd": _("Give the value in US dollars at the date of the transaction.")})
    contribution.full_clean()
    contribution.save()
    changes = audit_changes(before, {name: getattr(contribution, name) for name in data})
    audit_record(actor=actor, action="edit", target=contribution, changes=changes)
    if changes:
        announce(contribution, CHANGED)
    return contribution


@transaction.atomic
def deposit_record(
    *,
    actor,
    contribution: Contribution,
    deposited_on: date,
    amount: Decimal,
    currency: str = "USD",
    amount_usd: Decimal | None = None,
    reference: str = "",
) -> Deposit:
    """Money that arrived with the administrative agent, with its USD value at deposit."""
    require_money_role(actor)
    currency = (currency or "USD").upper()
    deposit = Deposit(
        contribution=contribution,
        deposited_on=deposited_on,
        amount=amount,
        currency=currency,
        amount_usd=_usd(currency, amount, amount_usd, "amount_usd"),
        reference=reference.strip(),
        created_by=actor,
    )
    deposit.full_clean()
    deposit.save()
    audit_record(
        actor=actor,
        action="deposit",
        target=contribution,
        changes={"deposits": {"before": None, "after": f"{deposit.amount_usd} USD on {deposit.deposited_on}"}},
    )
    notify_role(
        Role.FUND_MANAGER,
        event="mptf_money_recorded",
        context=_money_context(_("Deposit"), deposit.amount_usd, str(contribution.donor)),
        target=deposit,
        actor=actor,
    )
    announce(deposit, PUBLISHED)
    return deposit


def _check_participant(programme, organisation) -> None:
    if not programme.participants.filter(entity=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(entity)s is not a participating organisation of %(programme)s.")
                % {"entity": organisation, "programme": programme.code}
            }
        )


@transaction.atomic
def transfer_record(
    *,
    actor,
    programme,
    organisation,
    transferred_on: date,
    amount_usd: Decimal,
    reference: str = "",
    import_batch=None,
    quiet: bool = False,
) -> Transfer:
    """Money the administrative agent transferred to a participating organisation for a programme. The
    organisation's focal points are told (``quiet`` leaves that to the import's one notice)."""
    require_money_role(actor)
    _check_participant(programme, organisation)
    if programme.status == ProgrammeStatus.FINANCIALLY_CLOSED:
        raise ValidationError(_("The programme is financially closed: no more transfers."))
    transfer = Transfer(
        programme=programme,
        organisation=organisation,
        transferred_on=transferred_on,
        amount_usd=amount_usd,
        reference=reference.strip(),
        import_batch=import_batch,
        created_by=actor,
    )
    transfer.full_clean()
    transfer.save()
    audit_record(
        actor=actor,
        action="transfer",
        target=programme,
        changes={"transfers": {"before": None, "after": f"{transfer.amount_usd} USD to {organisation.code}"}},
    )
    if not quiet:
        notify(
            event="mptf_money_recorded",
            recipients=entity_focal_points([organisation.pk]),
            context=_money_context(_("Transfer"), transfer.amount_usd, f"{organisation.code}, {programme.code}"),
            target=transfer,
            actor=actor,
        )
    announce(transfer, PUBLISHED)
    return transfer


@transaction.atomic
def expenditure_record(
    *,
    actor,
    programme,
    organisation,
    year: int,
    kind: str,
    amount_usd: Decimal,
    reported_on: date | None = None,
    import_batch=None,
    quiet: bool = False,
) -> Expenditure:
    """Expenditure an organisation reported for a programme and year, interim or final. One figure per
    stage and year: a second one is refused (correct the first in the admin)."""
    require_money_role(actor)
    _check_participant(programme, organisation)
    reported_on = reported_on or timezone.localdate()
    if year > reported_on.year:
        raise ValidationError({"year": _("Expenditure is reported for a year that has begun.")})
    if Expenditure.objects.filter(programme=programme, organisation=organisation, year=year, kind=kind).exists():
        raise ValidationError(
            _("%(kind)s expenditure of %(entity)s for %(year)s is already recorded.")
            % {"kind": ExpenditureKind(kind).label, "entity": organisation, "year": year}
        )
    expenditure = Expenditure(
        programme=programme,
        organisation=organisation,
        year=year,
        kind=kind,
        amount_usd=amount_usd,
        reported_on=reported_on,
        import_batch=import_batch,
        created_by=actor,
    )
    expenditure.full_clean()
    expenditure.save()
    audit_record(
        actor=actor,
        action="expenditure",
        target=programme,
        changes={"expenditure": {"before": None, "after": f"{amount_usd} USD, {organisation.code} {year} {kind}"}},
    )
    if not quiet:
        notify_role(
            Role.FUND_MANAGER,
            event="mptf_money_recorded",
            context=_money_context(_("Expenditure"), expenditure.amount_usd, f"{organisation.code}, {programme.code}"),
            target=expenditure,
            actor=actor,
        )
    announce(expenditure, PUBLISHED)
    return expenditure
