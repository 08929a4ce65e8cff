"""Spreadsheet imports of transfers and expenditure: a preview with row-level errors before anything is
saved, the rows kept in the batch, one transaction on confirmation, audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.core.audit import audit_list_for
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.files import FileRejected
from gcm_portal.core.samples import sample_csv, sample_ods, sample_xlsx
from mptf import services
from mptf.models import Expenditure, ImportBatch, Transfer
from tests.factories import mptf as f

pytestmark = pytest.mark.django_db

MK = "JP-MK-2020"  # seeded: IOM, UNFPA and UNHCR take part


def upload(fm, kind, rows, maker=sample_csv, name="sheet.csv"):
    return services.import_upload(actor=fm, kind=kind, upload=SimpleUploadedFile(name, maker(rows)))


@pytest.mark.parametrize(("maker", "name"), [(sample_csv, "t.csv"), (sample_xlsx, "t.xlsx"), (sample_ods, "t.ods")])
def test_a_clean_sheet_previews_then_saves_in_one_go(fm, maker, name):
    rows = [
        ["Programme", "Organisation", "Date", "Amount USD", "Reference"],
        [MK, "IOM", "2021-03-01", "1,000.50", "A"],
        [MK, "unfpa", "2021-03-02", 2000, "B"],
    ]
    batch = upload(fm, "transfers", rows, maker, name)
    assert batch.status == "preview" and batch.errors == []
    assert [r["amount_usd"] for r in batch.rows] == ["1000.50", "2000.00"]
    assert Transfer.objects.count() == 0  # nothing saved yet
    assert services.import_confirm(batch=batch, actor=fm, expected_version=batch.version) == 2
    assert sorted(Transfer.objects.values_list("amount_usd", flat=True)) == [Decimal("1000.50"), Decimal("2000.00")]
    batch.refresh_from_db()
    assert batch.status == "confirmed" and set(Transfer.objects.values_list("import_batch", flat=True)) == {batch.pk}
    assert [e.action for e in audit_list_for(batch).order_by("pk")] == ["import_upload", "import_confirm"]
    with pytest.raises(ValidationError):
        services.import_confirm(batch=batch, actor=fm, expected_version=batch.version)


def test_row_level_errors_block_the_whole_import(fm):
    rows = [
        ["programme", "organisation", "year", "kind", "amount_usd"],
        [MK, "IOM", "2021", "final", "100"],
        ["JP-NOPE", "IOM", "2021", "final", "100"],
        [MK, "WHO", "2021", "interim", "100"],
        [MK, "IOM", "1990", "sometimes", "-5"],
        [MK, "IOM", "2021", "final", "100"],
    ]
    batch = upload(fm, "expenditure", rows)
    errors = {e["row"]: " ".join(e["messages"]) for e in batch.errors}
    assert set(errors) == {3, 4, 5, 6}
    assert "Unknown programme" in errors[3]
    assert "does not take part" in errors[4]
    assert "reporting year" in errors[5] and "interim" in errors[5] and "positive" in errors[5]
    assert "twice" in errors[6]
    with pytest.raises(ValidationError):
        services.import_confirm(batch=batch, actor=fm, expected_version=batch.version)
    assert Expenditure.objects.count() == 0


def test_missing_columns_and_empty_sheets_are_one_error(fm):
    assert upload(fm, "transfers", [["programme", "amount"]]).errors[0]["messages"][0].startswith("Missing columns")
    assert upload(fm, "transfers", [["programme", "organisation", "date", "amount_usd"]]).errors
    with pytest.raises(FileRejected):
        services.import_upload(actor=fm, kind="transfers", upload=SimpleUploadedFile("x.pdf", f.pdf().read()))


def test_confirming_checks_again_against_the_records(fm):
    rows = [["programme", "organisation", "year", "kind", "amount_usd"], [MK, "IOM", "2021", "final", "100"]]
    first, second = upload(fm, "expenditure", rows), upload(fm, "expenditure", rows)
    services.import_confirm(batch=first, actor=fm, expected_version=first.version)
    with pytest.raises(ValidationError):
        services.import_confirm(batch=second, actor=fm, expected_version=second.version)
    second.refresh_from_db()
    assert second.status == "preview" and "already recorded" in second.errors[0]["messages"][0]
    assert Expenditure.objects.count() == 1


def test_confirming_twice_from_the_same_page_saves_once(fm):
    batch = upload(
        fm, "transfers", [["programme", "organisation", "date", "amount_usd"], [MK, "IOM", "2021-01-01", "5"]]
    )
    services.import_confirm(batch=batch, actor=fm, expected_version=1)
    with pytest.raises((StaleVersion, ValidationError)):
        services.import_confirm(batch=ImportBatch.objects.get(pk=batch.pk), actor=fm, expected_version=1)
    assert Transfer.objects.count() == 1


def test_only_fund_managers_and_staff_import_and_discarding_saves_nothing(fm, iom_fp):
    rows = [["programme", "organisation", "date", "amount_usd"], [MK, "IOM", "2021-01-01", "5"]]
    with pytest.raises(PermissionDenied):
        services.import_upload(actor=iom_fp, kind="transfers", upload=SimpleUploadedFile("t.csv", sample_csv(rows)))
    batch = upload(fm, "transfers", rows)
    services.import_discard(batch=batch, actor=fm)
    with pytest.raises(ValidationError):
        services.import_confirm(batch=batch, actor=fm, expected_version=batch.version)
    assert Transfer.objects.count() == 0
