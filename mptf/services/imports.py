"""Importing transfers and expenditure from a spreadsheet (XLSX, ODS or CSV through the kernel's file
kinds). Uploading parses and checks every row and keeps the rows, with their errors, in an import
batch: nothing else is saved. Confirming saves every row in one transaction, through the same
services as one-by-one entry (each row audited), and only when no row has an error."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gcm_portal.accounts.choices import Role
from gcm_portal.core.audit import audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.extract import read_rows
from gcm_portal.core.files import SPREADSHEET_KINDS, validate_upload
from gcm_portal.core.notifications import choice_label, notify_role
from gcm_portal.taxonomy.models import UnEntity

from .. import permissions
from ..choices import ExpenditureKind, ImportKind, ImportStatus, ProgrammeStatus
from ..models import Expenditure, ImportBatch, JointProgramme, ProgrammeParticipant
from .money import expenditure_record, transfer_record

__all__ = ["COLUMNS", "import_confirm", "import_discard", "import_upload"]

# The columns each kind of sheet has, in any order, named in the first row (case and spaces ignored).
COLUMNS = {
    ImportKind.TRANSFERS: {
        "required": ("programme", "organisation", "date", "amount_usd"),
        "optional": ("reference",),
    },
    ImportKind.EXPENDITURE: {
        "required": ("programme", "organisation", "year", "kind", "amount_usd"),
        "optional": ("reported_on",),
    },
}
MAX_IMPORT_ROWS = 2000


def _require(actor) -> None:
    if not permissions.may_record_money(actor):
        raise PermissionDenied(_("Only fund managers import money records."))


def _key(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def _date(text: str) -> date:
    text = text.strip()
    try:
        return datetime.fromisoformat(text).date() if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date (write YYYY-MM-DD).") % {"value": text}) from None


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": text}) from None
    if not value.is_finite() or value <= 0 or value >= Decimal("1e13"):
        raise ValueError(_("Amounts are positive numbers of US dollars."))
    return value.quantize(Decimal("0.01"))


@dataclass
class _Lookups:
    programmes: dict[str, JointProgramme]
    entities: dict[str, UnEntity]
    participants: set[tuple[int, int]]
    expenditures: set[tuple[int, int, int, str]]

    @classmethod
    def load(cls) -> _Lookups:
        programmes = {p.code.upper(): p for p in JointProgramme.objects.all()}
        programmes.update({str(p.pk): p for p in programmes.values()})
        return cls(
            programmes=programmes,
            entities={e.code.upper(): e for e in UnEntity.objects.all()},
            participants=set(ProgrammeParticipant.objects.values_list("programme_id", "entity_id")),
            expenditures=set(Expenditure.objects.values_list("programme_id", "organisation_id", "year", "kind")),
        )


def _check_row(kind: str, values: dict, lookups: _Lookups, seen: set) -> tuple[dict, list[str]]:
    """One row's normalised values (ids and ISO text) and its errors."""
    errors: list[str] = []
    clean: dict = {}
    programme = lookups.programmes.get(values.get("programme", "").strip().upper())
    if programme is None:
        errors.append(_("Unknown programme “%(value)s” (give its code).") % {"value": values.get("programme", "")})
    else:
        clean.update(programme=programme.pk, programme_code=programme.code)
        if programme.status == ProgrammeStatus.FINANCIALLY_CLOSED and kind == ImportKind.TRANSFERS:
            errors.append(_("%(code)s is financially closed.") % {"code": programme.code})
    entity = lookups.entities.get(values.get("organisation", "").strip().upper())
    if entity is None:
        errors.append(
            _("Unknown organisation “%(value)s” (give its code, e.g. IOM).") % {"value": values.get("organisation", "")}
        )
    else:
        clean.update(organisation=entity.pk, organisation_code=entity.code)
    if programme and entity and (programme.pk, entity.pk) not in lookups.participants:
        errors.append(_("%(entity)s does not take part in %(code)s.") % {"entity": entity.code, "code": programme.code})
    try:
        clean["amount_usd"] = str(_amount(values.get("amount_usd", "")))
    except ValueError as error:
        errors.append(str(error))
    if kind == ImportKind.TRANSFERS:
        try:
            clean["transferred_on"] = _date(values.get("date", "")).isoformat()
        except ValueError as error:
            errors.append(str(error))
        clean["reference"] = values.get("reference", "")[:200]
    else:
        year_text = values.get("year", "").strip()
        today = timezone.localdate()
        if year_text.isdecimal() and 2019 <= int(year_text) <= today.year:
            clean["year"] = int(year_text)
        else:
            errors.append(_("“%(value)s” is not a reporting year (2019 to this year).") % {"value": year_text})
        stage = values.get("kind", "").strip().lower()
        if stage in ExpenditureKind.values:
            clean["kind"] = stage
        else:
            errors.append(_("Kind is “interim” or “final”, not “%(value)s”.") % {"value": stage})
        reported = values.get("reported_on", "").strip()
        try:
            clean["reported_on"] = (_date(reported) if reported else today).isoformat()
        except ValueError as error:
            errors.append(str(error))
        if {"programme", "organisation", "year", "kind"} <= set(clean):
            key = (clean["programme"], clean["organisation"], clean["year"], clean["kind"])
            if key in lookups.expenditures:
                errors.append(_("This expenditure is already recorded."))
            elif key in seen:
                errors.append(_("This expenditure appears twice in the sheet."))
            seen.add(key)
    return clean, errors


def _parse(kind: str, table: list[list[str]]) -> tuple[list[dict], list[dict]]:
    """Rows (numbered as in the spreadsheet) and their errors; a missing column is one error for row 1."""
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        return [], [{"row": 1, "messages": [_("The sheet is empty.")]}]
    header = [_key(cell) for cell in table[0]]
    spec = COLUMNS[kind]
    missing = [c for c in spec["required"] if c not in header]
    if missing:
        return [], [{"row": 1, "messages": [_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}]}]
    if len(table) - 1 > MAX_IMPORT_ROWS:
        return [], [{"row": 1, "messages": [_("At most %(n)d rows at a time.") % {"n": MAX_IMPORT_ROWS}]}]
    if len(table) == 1:
        return [], [{"row": 1, "messages": [_("The sheet has no rows below its header.")]}]
    lookups, seen = _Lookups.load(), set()
    rows, errors = [], []
    for number, cells in enumerate(table[1:], start=2):
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
        clean, messages = _check_row(kind, values, lookups, seen)
        rows.append(
            {"row": number, **clean, "source": {k: values.get(k, "") for k in (*spec["required"], *spec["optional"])}}
        )
        if messages:
            errors.append({"row": number, "messages": messages})
    return rows, errors


@transaction.atomic
def import_upload(*, actor, kind: str, upload) -> ImportBatch:
    """Check a spreadsheet and keep its rows for a preview; nothing else is saved."""
    _require(actor)
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Choose what the sheet holds.")})
    file_kind = validate_upload(upload, kinds=SPREADSHEET_KINDS)
    upload.seek(0)
    content = upload.read()
    try:
        table = list(read_rows(io.BytesIO(content), file_kind.extension))
    except Exception:  # a corrupt sheet that passed the structural check
        raise ValidationError({"file": _("The spreadsheet could not be read.")}) from None
    rows, errors = _parse(kind, table)
    batch = ImportBatch.objects.create(
        kind=kind,
        original_name=upload.name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=rows,
        errors=errors,
        uploaded_by=actor,
    )
    audit_record(actor=actor, action="import_upload", target=batch, to_state=batch.status, comment=f"{len(rows)} rows")
    return batch


def _revalidate(batch: ImportBatch) -> list[dict]:
    """The stored rows checked again against the records as they are now (another import may have
    recorded the same expenditure since the preview)."""
    lookups, seen, errors = _Lookups.load(), set(), []
    for row in batch.rows:
        values = {k: str(v) for k, v in row["source"].items()}
        _clean, messages = _check_row(batch.kind, values, lookups, seen)
        if messages:
            errors.append({"row": row["row"], "messages": messages})
    return errors


def import_confirm(*, batch: ImportBatch, actor, expected_version: int) -> int:
    """Save every row of a batch without errors in one transaction; returns how many were saved. The
    rows are checked again first: if the records changed since the preview (another import recorded
    the same expenditure), the new errors are kept on the batch and nothing is saved."""
    _require(actor)
    current = ImportBatch.objects.get(pk=batch.pk)
    if current.status == ImportStatus.PREVIEW and not current.errors and (errors := _revalidate(current)):
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEW).update(errors=errors)
        raise ValidationError(_("Some rows no longer fit the records: see the errors, then upload again."))
    return _import_save(batch=batch, actor=actor, expected_version=expected_version)


@transaction.atomic
def _import_save(*, batch: ImportBatch, actor, expected_version: int) -> int:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.PREVIEW:
        raise ValidationError(_("This import was already saved or discarded."))
    if batch.errors:
        raise ValidationError(_("Correct the rows with errors in the spreadsheet and upload it again."))
    version_claim(batch, expected_version)
    if _revalidate(batch):
        raise ValidationError(_("Some rows no longer fit the records: upload the spreadsheet again."))
    programmes = JointProgramme.objects.in_bulk([row["programme"] for row in batch.rows])
    entities = UnEntity.objects.in_bulk([row["organisation"] for row in batch.rows])
    for row in batch.rows:
        common = {
            "actor": actor,
            "programme": programmes[row["programme"]],
            "organisation": entities[row["organisation"]],
            "amount_usd": Decimal(row["amount_usd"]),
            "import_batch": batch,
            "quiet": True,
        }
        if batch.kind == ImportKind.TRANSFERS:
            transfer_record(
                **common, transferred_on=date.fromisoformat(row["transferred_on"]), reference=row["reference"]
            )
        else:
            expenditure_record(
                **common, year=row["year"], kind=row["kind"], reported_on=date.fromisoformat(row["reported_on"])
            )
    now = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.CONFIRMED, confirmed_by=actor, confirmed_at=now)
    batch.refresh_from_db()
    audit_record(
        actor=actor,
        action="import_confirm",
        target=batch,
        from_state=ImportStatus.PREVIEW,
        to_state=ImportStatus.CONFIRMED,
        comment=f"{len(batch.rows)} rows",
    )
    notify_role(
        Role.FUND_MANAGER,
        event="mptf_import_saved",
        context={"what": choice_label(batch, "kind"), "count": len(batch.rows), "name": batch.original_name},
        target=batch,
        actor=actor,
    )
    return len(batch.rows)


@transaction.atomic
def import_discard(*, batch: ImportBatch, actor) -> ImportBatch:
    _require(actor)
    if (
        ImportBatch.objects.filter(Q(pk=batch.pk) & Q(status=ImportStatus.PREVIEW)).update(
            status=ImportStatus.DISCARDED
        )
        != 1
    ):
        raise ValidationError(_("This import was already saved or discarded."))
    batch.refresh_from_db()
    audit_record(
        actor=actor, action="import_discard", target=batch, from_state=ImportStatus.PREVIEW, to_state=batch.status
    )
    return batch
