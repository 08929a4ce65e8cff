"""The issue's "Done when" journeys, end to end through the pages and the API:

1. A fund manager records a contribution and its deposit; the dashboard and /api/v1/fund/summary/
   change by exactly that amount.
2. An entity focal point submits a concept note; staff assess it into the pipeline; a Steering
   Committee decision selects it; a joint programme is created from it; a transfer and an expenditure
   are recorded; the programme page shows the delivery rate. Each step is audited, notified and
   announced where it becomes public.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcm_portal.core.audit import audit_list_for
from gcm_portal.core.models import Notification
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, MptfThematicArea, UnEntity
from mptf.models import (
    AssessmentCriterion,
    CommitteeMeeting,
    ConceptNote,
    Contribution,
    Deposit,
    Expenditure,
    JointProgramme,
    Transfer,
)
from tests.factories import mptf as f

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/fund/summary/"


def summary(client) -> dict:
    response = client.get(SUMMARY)
    assert response.status_code == 200
    return response.json()


def dashboard_deposited(client) -> str:
    body = client.get(reverse("mptf:index")).content.decode()
    match = re.search(r'<span class="figure">(USD [0-9,.\s\u202f\xa0]+)</span> deposited', body)
    assert match, "the dashboard shows the deposited total"
    return match.group(1)


def test_a_contribution_and_its_deposit_move_the_dashboard_and_the_summary_by_exactly_that_amount(
    client, fm, django_capture_on_commit_callbacks
):
    f.make_contribution(fm, amount="2000000", deposits=("2000000",))  # what was there before
    before = summary(client)
    before_dashboard = dashboard_deposited(client)
    donor = f.donor("Donor of the journey")
    client.force_login(fm)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mptf:contribution-create"),
            {
                "donor": donor.pk,
                "reference": "Journey",
                "pledged_amount": "1234567.89",
                "currency": "EUR",
                "pledged_usd": "1350000.00",
                "pledged_on": "2024-05-02",
                "earmarking": "none",
            },
        )
    assert response.status_code == 302
    contribution = Contribution.objects.get(reference="Journey")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mptf:deposit-create", args=[contribution.pk]),
            {"deposited_on": "2024-06-03", "amount": "1234567.89", "currency": "EUR", "amount_usd": "1351234.56"},
        )
    assert response.status_code == 302
    client.logout()

    after = summary(client)
    assert Decimal(after["deposits_usd"]) - Decimal(before["deposits_usd"]) == Decimal("1351234.56")
    assert Decimal(after["pledged_usd"]) - Decimal(before["pledged_usd"]) == Decimal("1350000.00")
    assert after["deposits"] == before["deposits"] + 1 and after["contributions"] == before["contributions"] + 1
    # other stages do not move
    for field in ("transfers_usd", "expenditure_usd", "allocated_usd"):
        assert after[field] == before[field]
    assert before_dashboard == "USD 2,000,000"
    assert dashboard_deposited(client) == "USD 3,351,234.56"
    # audited, and public at once
    assert {e.action for e in audit_list_for(contribution)} >= {"create", "deposit"}
    assert Deposit.objects.get(contribution=contribution).amount_usd == Decimal("1351234.56")


def test_from_concept_note_to_delivery_rate(
    client, api_client, fm, staff, iom_fp, announced, django_capture_on_commit_callbacks
):
    undp_fp = f.entity_fp("UNDP")
    iom, undp = UnEntity.objects.get(code="IOM"), UnEntity.objects.get(code="UNDP")
    # 1. the entity focal point drafts and submits the note (with the government's endorsement)
    client.force_login(iom_fp)
    response = client.post(
        reverse("mptf:note-create"),
        {
            "lead_entity": iom.pk,
            "title": "Fair recruitment in Ghana",
            "scope": "country_team",
            "team_name": "UN country team in Ghana",
            "countries": [Country.objects.get(iso2="GH").pk],
            "summary": "Fair and ethical recruitment of Ghanaian workers.",
            "thematic_area": MptfThematicArea.objects.get(number=4).pk,
            "duration_months": "24",
            "gender_marker": "2",
            "human_rights_marker": "2",
            "budget-TOTAL_FORMS": "2",
            "budget-INITIAL_FORMS": "0",
            "budget-0-entity": iom.pk,
            "budget-0-amount_usd": "700000",
            "budget-1-entity": undp.pk,
            "budget-1-amount_usd": "300000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    note = ConceptNote.objects.get(title="Fair recruitment in Ghana")
    assert note.status == "draft" and note.requested_total() == Decimal("1000000")
    # a draft is invisible to other entities and to the public
    assert client.get(note.get_absolute_url()).status_code == 200
    for other in (f.entity_fp("ILO"), staff, None):
        c = client.__class__()
        if other:
            c.force_login(other)
        assert c.get(note.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("mptf:note-document-upload", args=[note.pk]),
        {"file": SimpleUploadedFile("endorsement.pdf", sample_pdf("Endorsed by the Ministry")), "language": "en"},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mptf:note-transition", args=[note.pk, "submit"]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.status == "submitted"
    assert Notification.objects.filter(recipient=staff, event="mptf_note_submitted").exists()
    assert Notification.objects.filter(recipient=undp_fp, event="mptf_note_moved").exists()

    # 2. staff assess it into the pipeline, where it becomes public
    client.force_login(staff)
    client.post(reverse("mptf:note-transition", args=[note.pk, "start_assessment"]))
    criteria = AssessmentCriterion.objects.filter(active=True)
    response = client.post(
        reverse("mptf:note-assess", args=[note.pk]),
        {**{f"score_{c.code}": "4" for c in criteria}, "comment": "Strong ownership."},
    )
    assert response.status_code == 302
    assert client.get(note.get_absolute_url()).content.decode().count("Strong ownership.") == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mptf:note-transition", args=[note.pk, "to_pipeline"]))
    note.refresh_from_db()
    assert note.status == "pipeline"
    assert ("published", "mptf.conceptnote", note.pk) in announced
    public = api_client.get(f"/api/v1/concept-notes/{note.pk}/").json()
    assert public["status"] == "pipeline" and public["working"] is None  # no confidential part for the public
    assert "Strong ownership." not in client.__class__().get(note.get_absolute_url()).content.decode()
    assert note.title in client.__class__().get(reverse("mptf:pipeline")).content.decode()

    # 3. a Steering Committee decision (recorded by a fund manager) selects it
    client.force_login(fm)
    client.post(reverse("mptf:meeting-create"), {"title": "Steering Committee, June", "held_on": "2024-06-20"})
    meeting = CommitteeMeeting.objects.get(title="Steering Committee, June")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mptf:decision-create", args=[meeting.pk]),
            {"kind": "select", "concept_notes": [note.pk], "reasons": "Geographic balance: first in West Africa."},
        )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.status == "selected" and note.decision_note.startswith("Geographic balance")
    assert ("changed", "mptf.conceptnote", note.pk) in announced
    assert Notification.objects.filter(recipient=iom_fp, event="mptf_note_moved", title__contains="Selected").exists()
    client.post(
        reverse("mptf:decision-create", args=[meeting.pk]),
        {"kind": "allocate", "concept_notes": [note.pk], "amount_usd": "950000", "reasons": "Within resources."},
    )

    # 4. the joint programme is created from it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mptf:programme-create", args=[note.pk]), {"start_date": "2024-07-01", "end_date": "2026-06-30"}
        )
    assert response.status_code == 302
    programme = JointProgramme.objects.get(concept_note=note)
    assert programme.budget_usd == Decimal("950000")  # the Committee's allocation
    assert {p.entity.code: p.budget_usd for p in programme.participants.all()} == {
        "IOM": Decimal("700000"),
        "UNDP": Decimal("300000"),
    }
    assert ("published", "mptf.jointprogramme", programme.pk) in announced
    assert Notification.objects.filter(recipient=undp_fp, event="mptf_programme_changed").exists()

    # 5. a transfer and an expenditure are recorded
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("mptf:transfer-create"),
            {"programme": programme.pk, "organisation": iom.pk, "transferred_on": "2024-07-15", "amount_usd": "400000"},
        )
        client.post(
            reverse("mptf:expenditure-create"),
            {
                "programme": programme.pk,
                "organisation": iom.pk,
                "year": "2024",
                "kind": "interim",
                "amount_usd": "100000",
                "reported_on": "2024-10-01",
            },
        )
    transfer = Transfer.objects.get(programme=programme)
    expenditure = Expenditure.objects.get(programme=programme)
    assert ("published", "mptf.transfer", transfer.pk) in announced
    assert ("published", "mptf.expenditure", expenditure.pk) in announced
    assert Notification.objects.filter(recipient=iom_fp, event="mptf_money_recorded").exists()

    # 6. the programme page shows the delivery rate: 100,000 / 400,000
    body = client.__class__().get(programme.get_absolute_url()).content.decode()
    assert "25.0 %" in body and "delivery rate" in body
    api = api_client.get(f"/api/v1/joint-programmes/{programme.pk}/").json()
    assert api["money"] == {"transferred_usd": "400000.00", "spent_usd": "100000.00", "delivery_rate": "0.2500"}

    # every step is in the audit log
    assert [e.action for e in audit_list_for(note).order_by("created_at", "pk")] == [
        "create",
        "document_add",
        "submit",
        "start_assessment",
        "assess",
        "to_pipeline",
        "select",
        "decision_allocate",
        "programme_created",
    ]
    assert {e.action for e in audit_list_for(programme)} >= {"create", "transfer", "expenditure"}
