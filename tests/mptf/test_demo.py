"""The demo content: labelled, built through the services, and a second load creates nothing new."""

from __future__ import annotations

import pytest
from django.http import HttpRequest

from gcm_portal.core.audit import AuditEntry
from gcm_portal.core.demo import DEMO_PASSWORD, load_demo_data
from mptf.demo import load_mptf_demo
from mptf.models import (
    CommitteeDecision,
    CommitteeSeat,
    ConceptNote,
    Contribution,
    Deposit,
    Expenditure,
    JointProgramme,
    MeetingDocument,
    ProgrammeReport,
    Transfer,
)
from tests.module_records import demo_content

pytestmark = pytest.mark.django_db


demo = demo_content(load_mptf_demo)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            ConceptNote,
            Contribution,
            Deposit,
            Transfer,
            Expenditure,
            JointProgramme,
            CommitteeDecision,
            CommitteeSeat,
            MeetingDocument,
            ProgrammeReport,
            AuditEntry,
        )
    }


def test_notes_in_every_state_all_labelled(demo):
    assert set(ConceptNote.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "under_assessment",
        "pipeline",
        "selected",
        "not_selected",
        "withdrawn",
    }
    for model, field in ((ConceptNote, "title"), (Contribution, "reference"), (CommitteeDecision, "reasons")):
        assert all("(demonstration)" in value for value in model.objects.values_list(field, flat=True))


def test_money_only_on_demonstration_records(demo):
    demo_programme = JointProgramme.objects.get(code="JP-2023-GH-SN-DEMO")
    assert "(demonstration)" in demo_programme.title and demo_programme.status == "under_implementation"
    assert set(Transfer.objects.values_list("programme", flat=True)) == {demo_programme.pk}
    assert set(Expenditure.objects.values_list("programme", flat=True)) == {demo_programme.pk}
    assert all("(demonstration)" in d for d in Contribution.objects.values_list("donor__name", flat=True))
    assert ProgrammeReport.objects.get().status == "accepted"
    assert set(MeetingDocument.objects.values_list("confidential", flat=True)) == {True, False}


def test_loading_twice_creates_nothing_new(demo):
    first = counts()
    load_demo_data()
    assert counts() == first


def test_demo_pages_render_for_each_role(demo, client):
    for name in (
        "/trust-fund/",
        "/trust-fund/funding/",
        "/trust-fund/pipeline/",
        "/trust-fund/allocations/",
        "/trust-fund/committee/",
    ):
        assert client.get(name).status_code == 200
    for programme in JointProgramme.objects.all():
        assert client.get(programme.get_absolute_url()).status_code == 200
    for email, url in [
        ("fund@example.org", "/trust-fund/desk/"),
        ("fund@example.org", "/trust-fund/committee/review/"),
        ("staff@example.org", "/curation/"),
        ("entity.iom@example.org", "/trust-fund/desk/"),
        ("focal.morocco@example.org", "/trust-fund/committee/review/"),  # holds a demonstration committee seat
    ]:
        assert client.login(request=HttpRequest(), username=email, password=DEMO_PASSWORD)
        assert client.get(url).status_code == 200, (email, url)
        client.logout()
