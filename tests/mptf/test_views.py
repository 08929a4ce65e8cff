"""The trust fund's pages: dashboards with server-rendered charts and their data tables, exports of
every table to CSV and XLSX, the import preview, confidential documents, forms that keep what was
typed, and pages that keep a constant number of queries."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from gcm_portal.core.samples import sample_csv
from mptf import services
from mptf.models import Contribution, ImportBatch, Transfer
from tests.factories import mptf as f

pytestmark = pytest.mark.django_db

DASHBOARDS = ["mptf:index", "mptf:funding", "mptf:pipeline", "mptf:allocations"]


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def populate(fm, staff, iom_fp, n=0):
    note = f.make_note(iom_fp, state="selected", title=f"Selected {n}", assessor=staff, deciders=fm)
    programme = f.make_programme(note, fm, code=f"JP-VIEW-{n}")
    f.make_note(iom_fp, state="pipeline", title=f"Pipeline {n}", assessor=staff)
    f.make_contribution(fm, amount="100", deposits=("60", "40"), name=f"Donor {n}")
    services.transfer_record(
        actor=fm,
        programme=programme,
        organisation=f.entity("IOM"),
        transferred_on=date(2024, 1, n + 1),
        amount_usd=Decimal("50"),
    )
    services.expenditure_record(
        actor=fm,
        programme=programme,
        organisation=f.entity("IOM"),
        year=2024,
        kind="interim",
        amount_usd=Decimal("20"),
        reported_on=date(2024, 6, 1),
    )
    return programme


@pytest.mark.parametrize("name", DASHBOARDS)
def test_dashboards_draw_charts_with_their_data_tables(name, fm, staff, iom_fp):
    populate(fm, staff, iom_fp)
    body = client_for().get(reverse(name)).content.decode()
    if name != "mptf:index":
        assert body.count('<svg class="chart"') >= 1
        assert body.count("The data behind this chart") == body.count('<svg class="chart"')
    assert "<script" not in body.split("<main", 1)[1]  # nothing but our own deferred script in <head>
    assert "format=csv" in body and "format=xlsx" in body


@pytest.mark.parametrize(
    ("name", "table", "expected"),
    [
        ("mptf:index", "sources-and-uses", "Contributions from donors (deposits)"),
        ("mptf:index", "reported-figures", "First six joint programmes"),
        ("mptf:funding", "donors", "Donor 0"),
        ("mptf:funding", "targets", "Capitalisation target"),
        ("mptf:funding", "deposits-over-time", "2021-01-10"),
        ("mptf:pipeline", "pipeline", "Pipeline 0"),
        ("mptf:pipeline", "status", "In the pipeline"),
        ("mptf:allocations", "organisation", "IOM"),
        ("mptf:allocations", "thematic_area", "TA4"),
        ("mptf:committee", "seats", "Amy E. Pope"),
        ("mptf:programme-list", "joint-programmes", "JP-MK-2020"),
        ("mptf:note-list", "concept-notes", "Pipeline 0"),
        ("mptf:contribution-list", "contributions", "Donor 0"),
        ("mptf:transfer-list", "transfers", "JP-VIEW-0"),
        ("mptf:expenditure-list", "expenditure", "JP-VIEW-0"),
        ("mptf:index", "key-figures", "Delivery rate"),
        ("mptf:programme-detail", "transfers", "IOM"),
        ("mptf:programme-detail", "expenditure", "interim"),
        ("mptf:contribution-detail", "deposits", "60"),
        ("mptf:note-detail", "budget", "IOM"),
    ],
)
def test_every_table_exports_to_csv_and_xlsx(name, table, expected, fm, staff, iom_fp):
    programme = populate(fm, staff, iom_fp)
    args = {
        "mptf:programme-detail": [programme.pk],
        "mptf:contribution-detail": [Contribution.objects.get().pk],
        "mptf:note-detail": [programme.concept_note_id],
    }.get(name, [])
    url = reverse(name, args=args)
    csv = client_for().get(url, {"format": "csv", "table": table})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert expected in b"".join(csv.streaming_content).decode("utf-8-sig")
    xlsx = client_for().get(url, {"format": "xlsx", "table": table})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(expected in cell for cell in cells)


def test_a_report_exports_its_indicators(fm, staff, iom_fp):
    programme = populate(fm, staff, iom_fp)
    report = services.report_create(programme=programme, actor=iom_fp, year=2023, kind="narrative")
    services.report_update(
        report=report,
        actor=iom_fp,
        expected_version=report.version,
        indicators=[{"indicator": "People reached", "actual": 5}],
    )
    csv = client_for(fm).get(reverse("mptf:report-detail", args=[report.pk]), {"format": "csv"})
    assert "People reached" in b"".join(csv.streaming_content).decode("utf-8-sig")
    assert client_for().get(reverse("mptf:report-detail", args=[report.pk]), {"format": "csv"}).status_code == 404


def test_exports_follow_the_filters_and_numbers_stay_numbers(fm, staff, iom_fp):
    populate(fm, staff, iom_fp)
    response = client_for().get(reverse("mptf:programme-list"), {"format": "xlsx", "country": "MK"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["JP-MK-2020"] and rows[1][9] == 1500000.0
    money = client_for().get(
        reverse("mptf:programme-detail", args=[Transfer.objects.get().programme_id]),
        {"format": "csv", "table": "money"},
    )
    assert "IOM,600000.00,50.00,20.00,0.4000" in b"".join(money.streaming_content).decode("utf-8-sig")
    assert client_for().get(reverse("mptf:index"), {"format": "pdf"}).status_code == 404


def test_the_programme_page_shows_its_money_stages_and_delivery_rate(fm, staff, iom_fp):
    programme = populate(fm, staff, iom_fp)
    body = client_for().get(programme.get_absolute_url()).content.decode()
    assert "40.0 %" in body  # 20 over 50
    assert "USD 600,000" in body and "USD 50" in body and "USD 20" in body


def test_confidential_meeting_documents_are_a_404_for_everyone_but_members_managers_and_staff(fm, staff, iom_fp):
    from gcm_portal.core.attachments import attachment_add

    meeting = services.meeting_create(actor=fm, title="Meeting", held_on=date(2024, 1, 1))
    secret = attachment_add(
        attachments=services.CONFIDENTIAL_DOCUMENTS,
        parent=meeting,
        actor=fm,
        upload=f.pdf("minutes.pdf"),
        language="en",
    )
    url = reverse("mptf:meeting-confidential-download", args=[meeting.pk, secret.pk])
    public_url = reverse("mptf:meeting-document-download", args=[meeting.pk, secret.pk])
    member = f.committee_member()
    former = f.committee_member(start=date(2019, 1, 1), end=date(2020, 1, 1))
    for user, code in (
        (None, 404),
        (iom_fp, 404),
        (former, 404),
        (f.entity_fp("ILO"), 404),
        (member, 200),
        (fm, 200),
        (staff, 200),
    ):
        assert client_for(user).get(url).status_code == code, user
        assert client_for(user).get(public_url).status_code == 404  # never through the public declaration
    page = client_for(member).get(meeting.get_absolute_url()).content.decode()
    assert "minutes.pdf" in page
    assert "minutes.pdf" not in client_for(iom_fp).get(meeting.get_absolute_url()).content.decode()
    assert client_for(member).get(reverse("mptf:committee-review")).status_code == 200
    assert client_for(former).get(reverse("mptf:committee-review")).status_code == 404


def test_the_committee_review_shows_scores_beside_balance(fm, staff, iom_fp):
    populate(fm, staff, iom_fp)
    body = client_for(fm).get(reverse("mptf:committee-review")).content.decode()
    assert "Pipeline 0" in body and "80.0 %" in body
    assert "Geographic balance" in body and "Africa" in body and "TA4" in body


def test_the_import_preview_saves_nothing_until_confirmed(fm):
    client = client_for(fm)
    rows = [
        ["programme", "organisation", "date", "amount_usd"],
        ["JP-MK-2020", "IOM", "2021-01-01", "10"],
        ["JP-X", "IOM", "2021-01-01", "10"],
    ]
    response = client.post(
        reverse("mptf:import-list"), {"kind": "transfers", "file": SimpleUploadedFile("t.csv", sample_csv(rows))}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Unknown programme" in page and "Save 2 rows" not in page and Transfer.objects.count() == 0
    clean = [rows[0], rows[1]]
    client.post(
        reverse("mptf:import-list"), {"kind": "transfers", "file": SimpleUploadedFile("t.csv", sample_csv(clean))}
    )
    second = ImportBatch.objects.latest("pk")
    assert "Save 1 row" in client.get(second.get_absolute_url()).content.decode()
    client.post(reverse("mptf:import-confirm", args=[second.pk]), {"version": second.version})
    assert Transfer.objects.count() == 1
    client.post(reverse("mptf:import-confirm", args=[second.pk]), {"version": second.version})
    assert Transfer.objects.count() == 1
    refused = client.post(
        reverse("mptf:import-list"), {"kind": "transfers", "file": SimpleUploadedFile("t.pdf", b"%PDF-1.4 no")}
    )
    assert refused.status_code == 400


def test_a_stale_correction_keeps_what_was_typed(fm):
    contribution = f.make_contribution(fm, amount="100", deposits=())
    client = client_for(fm)
    form = {
        "donor": contribution.donor_id,
        "reference": "Mine",
        "pledged_amount": "100",
        "currency": "USD",
        "pledged_on": "2021-01-10",
        "earmarking": "none",
        "version": contribution.version,
    }
    assert client.post(reverse("mptf:contribution-edit", args=[contribution.pk]), form).status_code == 302
    response = client.post(reverse("mptf:contribution-edit", args=[contribution.pk]), {**form, "reference": "Theirs"})
    assert response.status_code == 409 and 'value="Theirs"' in response.content.decode()
    assert Contribution.objects.get(pk=contribution.pk).reference == "Mine"
    bad = client.post(reverse("mptf:contribution-create"), {**form, "currency": "EUR", "reference": "No USD value"})
    assert bad.status_code == 400 and "US dollars" in bad.content.decode()


def test_a_staff_member_who_returns_a_note_is_sent_to_their_desk(staff, iom_fp):
    note = f.make_note(iom_fp, state="submitted")
    response = client_for(staff).post(
        reverse("mptf:note-transition", args=[note.pk, "return"]),
        {"comment": "More data.", "next": note.get_absolute_url()},
    )
    assert response["Location"] == reverse("mptf:desk")


def test_the_nav_link_and_the_home_page_figures(fm, staff, iom_fp):
    populate(fm, staff, iom_fp)
    home = client_for().get("/").content.decode()
    assert f'href="{reverse("mptf:index")}"' in home and "joint programmes of the Migration MPTF" in home
    country = client_for().get("/countries/mk/").content.decode()
    assert "Evidence-based migration policy planning" in country


@pytest.mark.parametrize(
    "name",
    [
        "mptf:programme-list",
        "mptf:note-list",
        "mptf:contribution-list",
        "mptf:transfer-list",
        "mptf:expenditure-list",
        *DASHBOARDS,
        "mptf:committee",
    ],
)
def test_pages_keep_a_constant_number_of_queries(name, fm, staff, iom_fp, settings):
    settings.PAGE_CACHE_ENABLED = False  # the rendering is measured, not the page cache
    populate(fm, staff, iom_fp, 0)
    readers = [client_for(), client_for(fm), client_for(iom_fp)]
    for c in readers:
        c.get(reverse(name))

    def count(c):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(reverse(name)).status_code == 200
        return len(ctx.captured_queries)

    small = [count(c) for c in readers]
    for n in range(1, 5):
        populate(fm, staff, iom_fp, n)
    assert [count(c) for c in readers] == small
