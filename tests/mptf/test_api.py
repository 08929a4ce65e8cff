"""The Migration MPTF API: writes and their refusals (201, 400, 403, 404, 409, 412, 428), the public
reading of concept notes without their confidential part, the programme filters, the summary, and
lists that keep a constant number of queries whatever their size."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from mptf import services
from mptf.models import ConceptNote, Contribution, JointProgramme
from tests.factories import mptf as f

pytestmark = pytest.mark.django_db

NOTES = "/api/v1/concept-notes/"
PROGRAMMES = "/api/v1/joint-programmes/"
CONTRIBUTIONS = "/api/v1/contributions/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries)


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


def test_fund_managers_record_a_contribution_and_correct_it_with_if_match(fm):
    client = client_for(fm)
    donor = f.donor()
    response = client.post(
        CONTRIBUTIONS,
        {
            "donor": donor.pk,
            "pledged_amount": "1000.00",
            "currency": "eur",
            "pledged_usd": "1090.00",
            "pledged_on": "2024-03-01",
            "earmarking": "thematic_area",
            "thematic_area": 2,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["currency"] == "EUR" and body["pledged_usd"] == "1090.00" and body["thematic_area"] == 2
    assert response["Location"].endswith(f"{CONTRIBUTIONS}{body['id']}/")
    url = f"{CONTRIBUTIONS}{body['id']}/"
    tag = response["ETag"]
    assert client.patch(url, {"reference": "X"}, format="json").status_code == 428
    ok = client.patch(url, {"reference": "Second tranche"}, format="json", HTTP_IF_MATCH=tag)
    assert ok.status_code == 200 and ok.json()["reference"] == "Second tranche"
    stale = client.patch(url, {"reference": "Lost"}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412 and stale.json()["current"]["reference"] == "Second tranche"
    refused = client.patch(url, {"deposited_usd": "1"}, format="json", HTTP_IF_MATCH=ok["ETag"])
    assert refused.status_code == 400 and "deposited_usd" in refused.json()
    bad = client.post(
        CONTRIBUTIONS,
        {"donor": donor.pk, "pledged_amount": "5", "pledged_on": "2024-03-01", "currency": "GBP"},
        format="json",
    )
    assert bad.status_code == 400 and "pledged_usd" in bad.json()


def test_money_endpoints_refuse_everyone_but_fund_managers_and_staff(staff, iom_fp):
    for url in (CONTRIBUTIONS, "/api/v1/deposits/", "/api/v1/transfers/", "/api/v1/expenditure/"):
        assert client_for(iom_fp).post(url, {}, format="json").status_code == 403
        assert client_for(staff).post(url, {}, format="json").status_code == 400  # may write: bad input
    assert client_for().post(CONTRIBUTIONS, {}, format="json").status_code == 401


def test_transfers_and_expenditure_by_code_and_in_usd(fm):
    client = client_for(fm)
    response = client.post(
        "/api/v1/transfers/",
        {"programme": "JP-MK-2020", "organisation": "UNFPA", "transferred_on": "2021-02-01", "amount_usd": "100.00"},
        format="json",
    )
    assert response.status_code == 201 and "ETag" not in response
    assert response.json()["programme"] == "JP-MK-2020"
    wrong = client.post(
        "/api/v1/transfers/",
        {"programme": "JP-MK-2020", "organisation": "WHO", "transferred_on": "2021-02-01", "amount_usd": "100.00"},
        format="json",
    )
    assert wrong.status_code == 400 and "organisation" in wrong.json()
    assert client.put(f"/api/v1/transfers/{response.json()['id']}/", {}, format="json").status_code == 405
    summary = client_for().get("/api/v1/fund/summary/").json()
    assert summary["transfers_usd"] == "100.00" and summary["fund_code"] == "MIG00"


# ---------------------------------------------------------------------------
# Concept notes
# ---------------------------------------------------------------------------


def test_a_note_through_the_api(iom_fp, staff, fm):
    client = client_for(iom_fp)
    created = client.post(
        NOTES,
        {
            "lead_entity": "IOM",
            "title": "Via the API",
            "summary": "Purpose.",
            "countries": ["gh"],
            "thematic_area": 4,
            "duration_months": 18,
            "budget_lines": [{"entity": "IOM", "amount_usd": "500.00"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    note = created.json()
    assert note["status"] == "draft" and note["requested_usd"] == "500.00" and note["working"]["version"] == 1
    url = f"{NOTES}{note['id']}/"
    assert client_for(staff).get(url).status_code == 404  # a draft is the entity's own
    assert client.post(f"{url}submit/").status_code == 409  # no endorsement yet
    client.post(f"{url}documents/", {"file": f.pdf(), "language": "en"}, format="multipart")
    assert client.post(f"{url}submit/").json()["status"] == "submitted"
    assert client_for(fm).post(f"{url}start-assessment/").status_code == 403
    assert client_for(staff).post(f"{url}start-assessment/").status_code == 200
    assert client_for(staff).post(f"{url}return/", {}, format="json").status_code == 400
    returned = client_for(staff).post(f"{url}return/", {"comment": "Add data."}, format="json")
    assert returned.status_code == 200 and returned.json()["status"] == "draft"
    assert client_for(staff).get(url).status_code == 404  # back to a draft: the entity's again
    edit = client.patch(url, {"status": "selected"}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])
    assert edit.status_code == 400 and "status" in edit.json()


def test_the_public_reads_a_pipeline_note_without_its_confidential_part(staff, iom_fp):
    note = f.make_note(iom_fp, state="pipeline", assessor=staff)
    public = client_for().get(f"{NOTES}{note.pk}/")
    # no version tag for the public: the page cache's ETag is a hash of what they read
    assert public.status_code == 200 and not public.get("ETag", "").startswith(f'"{note.pk}-')
    body = public.json()
    assert body["working"] is None and body["status"] == "pipeline"
    assert body["budget_lines"] == [{"entity": "IOM", "amount_usd": "600000.00"}]
    assert client_for().get(f"{NOTES}{note.pk}/documents/").json() == []
    insider = client_for(staff).get(f"{NOTES}{note.pk}/").json()["working"]
    assert insider["documents"] == 1 and insider["assessments"][0]["scores"][0]["score"] == 4
    assert client_for().get(f"{NOTES}?status=draft").json()["count"] == 0


# ---------------------------------------------------------------------------
# Joint programmes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("country=mk", {"JP-MK-2020"}),
        ("country=MX", {"JP-CL-MX-2020"}),
        ("organisation=UNFPA", {"JP-MK-2020"}),
        ("organisation=ILO", {"JP-PH-2020", "JP-CL-MX-2020"}),
        ("objective=21", {"JP-PH-2020"}),
        ("status=operationally_closed&objective=1", {"JP-MK-2020"}),
        ("year=2021", {"JP-PH-2020"}),
        ("year=2019", set()),
        ("q=border", {"JP-GN-LR-SL-2020"}),
    ],
)
def test_programme_filters(query, codes):
    response = client_for().get(f"{PROGRAMMES}?{query}")
    assert response.status_code == 200
    assert {p["code"] for p in response.json()["results"]} == codes


def test_programme_filters_by_thematic_area_and_window(fm, staff, iom_fp):
    from mptf.models import Fund, FundingWindow

    window = FundingWindow.objects.create(fund=Fund.objects.get(), code="test-window", name="A window")
    note = f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm, thematic_area=3)
    programme = f.make_programme(note, fm)
    services.programme_update(programme=programme, actor=fm, expected_version=programme.version, window=window)
    assert [p["code"] for p in client_for().get(f"{PROGRAMMES}?thematic_area=3").json()["results"]] == [programme.code]
    assert [p["code"] for p in client_for().get(f"{PROGRAMMES}?window=test-window").json()["results"]] == [
        programme.code
    ]
    assert client_for().get(f"{PROGRAMMES}?window=nope").status_code == 400
    assert client_for().get(f"{PROGRAMMES}?year=1800").status_code == 400


def test_programmes_are_created_from_selected_notes_and_moved_by_fund_managers(fm, staff, iom_fp):
    note = f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm)
    response = client_for(fm).post(PROGRAMMES, {"concept_note": note.pk, "start_date": "2024-01-01"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["concept_note"] == note.pk and body["status"] == "approved"
    assert body["participants"] == [{"organisation": "IOM", "budget_usd": "600000.00", "lead": True}]
    url = f"{PROGRAMMES}{body['id']}/"
    assert client_for(staff).post(f"{url}start/").status_code == 403
    assert client_for(fm).post(f"{url}close-operationally/").status_code == 409
    assert client_for(fm).post(f"{url}start/").json()["status"] == "under_implementation"
    assert (
        client_for(fm)
        .patch(url, {"end_date": "2030-01-01"}, format="json", HTTP_IF_MATCH=f'"{body["id"]}-2"')
        .status_code
        == 400
    )
    again = client_for(fm).post(PROGRAMMES, {"concept_note": note.pk}, format="json")
    assert again.status_code == 400


def test_the_summary_documents_its_stages(client):
    body = client.get("/api/v1/fund/summary/").json()
    assert {"deposits_usd", "transfers_usd", "expenditure_usd", "delivery_rate", "targets", "fundable_share"} <= set(
        body
    )
    assert body["programmes"] == 6 and body["allocated_usd"] == "1500000.00"
    assert [t["amount_usd"] for t in body["targets"]] == ["25000000.00", "70000000.00"]


# ---------------------------------------------------------------------------
# Constant queries
# ---------------------------------------------------------------------------


def test_lists_run_a_constant_number_of_queries(fm, staff, iom_fp, settings):
    settings.PAGE_CACHE_ENABLED = False  # the rendering is measured, not the page cache
    readers = [client_for(), client_for(staff), client_for(iom_fp), client_for(fm)]
    urls = [
        NOTES,
        PROGRAMMES,
        CONTRIBUTIONS,
        "/api/v1/deposits/",
        "/api/v1/transfers/",
        "/api/v1/expenditure/",
        "/api/v1/donors/",
    ]

    def add(n):
        note = f.make_note(iom_fp, state="selected", title=f"Note {n}", assessor=staff, deciders=fm)
        programme = f.make_programme(note, fm, code=f"JP-TEST-{n}")
        f.make_note(iom_fp, title=f"Draft {n}")
        f.make_note(iom_fp, state="pipeline", title=f"Pipeline {n}", assessor=staff)
        f.make_contribution(fm, amount="10", deposits=("5", "5"), name=f"Donor {n}")
        services.transfer_record(
            actor=fm,
            programme=programme,
            organisation=f.entity("IOM"),
            transferred_on=date(2024, 1, 1),
            amount_usd=Decimal("1"),
        )
        services.expenditure_record(
            actor=fm,
            programme=programme,
            organisation=f.entity("IOM"),
            year=2024,
            kind="interim",
            amount_usd=Decimal("1"),
            reported_on=date(2024, 6, 1),
        )

    add(0)
    for c in readers:  # a reader's roles and committee seat are read once per user object
        c.get(NOTES)
    small = [queries(c, url) for c in readers for url in urls]
    for n in range(1, 6):
        add(n)
    large = [queries(c, url) for c in readers for url in urls]
    assert small == large
    assert client_for().get(NOTES).json()["count"] == 12  # 6 selected and 6 in the pipeline
    assert (
        ConceptNote.objects.count() == 18 and JointProgramme.objects.count() == 12 and Contribution.objects.count() == 6
    )


def test_a_contribution_links_only_a_published_financial_pledge(fm, staff):
    from reviews import services as review_services
    from tests.factories.reviews import make_pledge

    pledge = make_pledge(staff, "Fund the Compact", objectives=(23,), pledge_type="financial")
    policy = make_pledge(staff, "A new law", objectives=(23,), pledge_type="policy")
    data = {"donor": f.donor("Ghana").pk, "pledged_amount": "10.00", "pledged_on": "2024-01-01", "pledge": pledge.pk}
    pending = client_for(fm).post(CONTRIBUTIONS, data, format="json")
    assert pending.status_code == 400 and "pledge" in pending.json()
    for item in (pledge, policy):
        review_services.pledge_curate(pledge=item, action="publish", actor=staff)
    not_money = client_for(fm).post(CONTRIBUTIONS, data | {"pledge": policy.pk}, format="json")
    assert not_money.status_code == 400 and "pledge" in not_money.json()
    with pytest.raises(ValidationError, match="financial pledge"):
        services.contribution_record(
            actor=fm, donor=f.donor("Ghana"), pledged_amount=Decimal("1"), pledged_on=date(2024, 1, 1), pledge=policy
        )
    linked = client_for(fm).post(CONTRIBUTIONS, data, format="json")
    assert linked.status_code == 201 and linked.json()["pledge"] == pledge.pk
