"""The transition tables: who may take each action, the guards, and what each move sets off (notices,
publication events, reasons kept)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gcm_portal.core.models import Notification
from gcm_portal.core.workflow import TransitionForbidden, TransitionNotAllowed
from mptf import services
from mptf.models import ConceptNote
from mptf.workflow import NOTE_WORKFLOW, PROGRAMME_WORKFLOW
from tests.factories import mptf as f

pytestmark = pytest.mark.django_db


def actions(obj, user, workflow=NOTE_WORKFLOW) -> set[str]:
    return {a.action for a in workflow.actions_for(obj, user)}


def test_the_table_offers_each_role_its_own_actions(fm, staff, iom_fp, undp_fp):
    draft = f.make_note(iom_fp)
    assert actions(draft, iom_fp) == {"submit", "withdraw"}
    assert actions(draft, staff) == actions(draft, fm) == set()
    submitted = f.make_note(iom_fp, state="submitted")
    assert actions(submitted, staff) == {"start_assessment", "return", "decline"}
    assert actions(submitted, iom_fp) == {"withdraw"}
    pipeline = f.make_note(iom_fp, state="pipeline", assessor=staff)
    # select and not_select are internal: never buttons, only a committee decision takes them
    assert actions(pipeline, fm) == set() and actions(pipeline, iom_fp) == {"withdraw"}
    assert NOTE_WORKFLOW.public_actions == [
        "submit",
        "start_assessment",
        "return",
        "to_pipeline",
        "decline",
        "withdraw",
    ]


def test_submission_needs_the_endorsement_and_the_budget(iom_fp):
    note = services.note_create(actor=iom_fp, lead_entity=f.entity("IOM"), title="Bare")
    with pytest.raises(TransitionNotAllowed, match="purpose"):
        services.note_transition(note=note, action="submit", actor=iom_fp)
    note = f.make_note(iom_fp)
    with pytest.raises(TransitionNotAllowed, match="endorsement"):
        services.note_transition(note=note, action="submit", actor=iom_fp)
    services.note_document_add(note=note, actor=iom_fp, upload=f.pdf())
    assert services.note_transition(note=note, action="submit", actor=iom_fp).status == "submitted"
    assert ConceptNote.objects.get(pk=note.pk).submitted_at is not None


def test_the_pipeline_needs_an_assessment(staff, iom_fp):
    note = f.make_note(iom_fp, state="under_assessment", assessor=staff)
    with pytest.raises(TransitionNotAllowed, match="Score"):
        services.note_transition(note=note, action="to_pipeline", actor=staff)
    with pytest.raises(TransitionForbidden):
        services.note_transition(note=note, action="to_pipeline", actor=iom_fp)


def test_entering_and_leaving_the_pipeline_are_announced(staff, iom_fp, announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = f.make_note(iom_fp, state="pipeline", assessor=staff)
    assert announced[0] == ("published", "mptf.conceptnote", note.pk)
    # Then, at most, "changed": the text of its document, read once the note was in the pipeline.
    assert set(announced[1:]) <= {("changed", "mptf.conceptnote", note.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        services.note_transition(note=note, action="withdraw", actor=iom_fp)
    assert announced[-1] == ("withdrawn", "mptf.conceptnote", note.pk)


def test_drafts_and_assessment_are_never_announced(staff, iom_fp, announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = f.make_note(iom_fp, state="under_assessment", assessor=staff)
        services.note_transition(note=note, action="decline", actor=staff, comment="Overlaps.")
    assert announced == []


def test_returning_keeps_the_comment_and_tells_the_organisations(staff, iom_fp, undp_fp):
    note = f.make_note(iom_fp, state="submitted", lines=(("IOM", "1"), ("UNDP", "2")))
    with pytest.raises(TransitionNotAllowed):
        services.note_transition(note=note, action="return", actor=staff)  # a comment is needed
    note = services.note_transition(note=note, action="return", actor=staff, comment="Add the gender analysis.")
    assert note.status == "draft" and note.decision_note == "Add the gender analysis."
    for user in (iom_fp, undp_fp):
        notice = Notification.objects.get(recipient=user, event="mptf_note_moved", title__contains="Draft")
        assert "Add the gender analysis." in notice.body


def test_programme_status_and_financial_closure_needs_final_expenditure(fm, staff, iom_fp):
    programme = f.make_programme(f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm), fm)
    assert {a.action for a in PROGRAMME_WORKFLOW.actions_for(programme, fm)} == {"start"}
    assert PROGRAMME_WORKFLOW.actions_for(programme, staff) == []
    programme = services.programme_transition(programme=programme, action="start", actor=fm)
    services.transfer_record(
        actor=fm,
        programme=programme,
        organisation=f.entity("IOM"),
        transferred_on=date(2023, 4, 1),
        amount_usd=Decimal("10"),
    )
    programme = services.programme_transition(programme=programme, action="close_operationally", actor=fm)
    with pytest.raises(TransitionNotAllowed, match="IOM"):
        services.programme_transition(programme=programme, action="close_financially", actor=fm)
    services.expenditure_record(
        actor=fm,
        programme=programme,
        organisation=f.entity("IOM"),
        year=2023,
        kind="final",
        amount_usd=Decimal("10"),
        reported_on=date(2024, 4, 1),
    )
    programme = services.programme_transition(programme=programme, action="close_financially", actor=fm)
    assert programme.status == "financially_closed"
    with pytest.raises(Exception, match="financially closed"):
        services.transfer_record(
            actor=fm,
            programme=programme,
            organisation=f.entity("IOM"),
            transferred_on=date(2024, 4, 1),
            amount_usd=Decimal("1"),
        )


def test_accepted_reports_become_public(fm, staff, iom_fp, announced, django_capture_on_commit_callbacks):
    programme = f.make_programme(f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm), fm)
    report = services.report_create(programme=programme, actor=iom_fp, year=2023, kind="narrative")
    with pytest.raises(TransitionNotAllowed):
        services.report_transition(report=report, action="submit", actor=iom_fp)  # empty
    report = services.report_update(report=report, actor=iom_fp, expected_version=report.version, narrative="Done.")
    report = services.report_transition(report=report, action="submit", actor=iom_fp)
    with pytest.raises(TransitionForbidden):
        services.report_transition(report=report, action="accept", actor=iom_fp)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, action="accept", actor=fm)
    assert ("published", "mptf.programmereport", report.pk) in announced
    assert Notification.objects.filter(recipient=iom_fp, event="mptf_report_reviewed").exists()
