"""Who sees which records (querysets start from visible_to), and the committee's membership over time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from mptf import permissions, selectors, services
from mptf.models import ConceptNote, ProgrammeReport
from tests.factories import mptf as f
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(fm, staff, iom_fp, undp_fp):
    return {
        "iom_draft": f.make_note(iom_fp, title="IOM draft"),
        "undp_draft": f.make_note(undp_fp, lead="UNDP", lines=(("UNDP", "1"),), title="UNDP draft"),
        "joint_draft": f.make_note(undp_fp, lead="UNDP", lines=(("UNDP", "1"), ("IOM", "1")), title="Joint draft"),
        "submitted": f.make_note(undp_fp, lead="UNDP", lines=(("UNDP", "1"),), state="submitted", title="Submitted"),
        "pipeline": f.make_note(
            undp_fp, lead="UNDP", lines=(("UNDP", "1"),), state="pipeline", assessor=staff, title="Pipeline"
        ),
        "withdrawn": f.make_note(undp_fp, lead="UNDP", lines=(("UNDP", "1"),), state="withdrawn", title="Withdrawn"),
    }


def titles(user) -> set[str]:
    return set(selectors.note_list(user).values_list("title", flat=True))


def test_the_public_sees_the_pipeline_and_what_was_selected(notes):
    assert titles(None) == {"Pipeline"}
    assert titles(UserFactory()) == {"Pipeline"}


def test_a_draft_is_seen_by_its_own_organisations_only(notes, iom_fp, undp_fp, staff, fm):
    assert titles(iom_fp) == {"IOM draft", "Joint draft", "Pipeline"}
    assert titles(undp_fp) == {"UNDP draft", "Joint draft", "Submitted", "Pipeline", "Withdrawn"}
    for overseer in (staff, fm):
        assert titles(overseer) == {"Submitted", "Pipeline", "Withdrawn"}


def test_committee_members_see_submitted_notes_while_their_seat_runs(notes):
    member = f.committee_member()
    assert permissions.is_committee_member(member)
    assert titles(member) == {"Submitted", "Pipeline", "Withdrawn"}
    former = f.committee_member(start=date(2019, 1, 1), end=timezone.localdate() - timedelta(days=1))
    assert not permissions.is_committee_member(former)
    assert titles(former) == {"Pipeline"}
    future = f.committee_member(start=timezone.localdate() + timedelta(days=1))
    assert not permissions.may_see_confidential(future)


def test_the_working_copy_belongs_to_the_notes_organisations_and_overseers(notes, iom_fp, staff):
    joint = ConceptNote.objects.prefetch_related("budget_lines").get(title="Joint draft")
    assert permissions.can_see_note_working_copy(iom_fp, joint)
    assert not permissions.can_edit_note(iom_fp, joint)  # a participating organisation, not the lead
    pipeline = ConceptNote.objects.get(title="Pipeline")
    assert not permissions.can_see_note_working_copy(UserFactory(), pipeline)
    assert permissions.can_see_note_working_copy(staff, pipeline)
    assert selectors.note_documents_visible_to(UserFactory(), pipeline) == []
    assert len(selectors.note_documents_visible_to(staff, pipeline)) == 1


def test_reports_are_public_once_accepted(fm, staff, iom_fp):
    programme = f.make_programme(f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm), fm)
    draft = services.report_create(programme=programme, actor=iom_fp, year=2023, kind="narrative", narrative="x")
    accepted = services.report_create(programme=programme, actor=iom_fp, year=2022, kind="narrative", narrative="y")
    services.report_transition(report=accepted, action="submit", actor=iom_fp)
    services.report_transition(report=ProgrammeReport.objects.get(pk=accepted.pk), action="accept", actor=fm)
    visible = lambda user: set(selectors.report_list(user).values_list("pk", flat=True))  # noqa: E731
    assert visible(None) == {accepted.pk}
    assert visible(f.entity_fp("ILO")) == {accepted.pk}
    assert visible(iom_fp) == visible(fm) == visible(staff) == {draft.pk, accepted.pk}


def test_effective_expenditure_prefers_the_final_figure(fm):
    from decimal import Decimal

    from mptf.models import JointProgramme

    programme = JointProgramme.objects.get(code="JP-MK-2020")
    iom = programme.participants.get(entity__code="IOM").entity
    for year, kind, amount in ((2021, "interim", "5"), (2021, "final", "7"), (2022, "interim", "3")):
        services.expenditure_record(
            actor=fm,
            programme=programme,
            organisation=iom,
            year=year,
            kind=kind,
            amount_usd=Decimal(amount),
            reported_on=date(2023, 1, 1),
        )
    counted = sorted((e.year, e.kind) for e in selectors.effective_expenditure())
    assert counted == [(2021, "final"), (2022, "interim")]
    money = {
        row["organisation"].code: row
        for row in selectors.programme_money(selectors.programme_detail().get(pk=programme.pk))
    }
    assert money["IOM"]["spent_usd"] == Decimal("10") and money["IOM"]["delivery"] is None  # nothing transferred
    assert set(money) == {"IOM", "UNFPA", "UNHCR"}
