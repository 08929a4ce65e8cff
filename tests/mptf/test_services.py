"""The app's writes: who may, what is checked, what is audited, notified and announced."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gcm_portal.core.audit import audit_list_for
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.core.models import Notification
from gcm_portal.taxonomy.models import Country, MptfThematicArea, UnEntity
from mptf import services
from mptf.models import ConceptNote, JointProgramme, ProgrammeParticipant
from tests.factories import mptf as f
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["entity_focal_point", "member", "expert_reviewer"])
def test_only_fund_managers_and_staff_record_money(role):
    from tests.factories.accounts import user_with_role

    user = UserFactory() if role == "member" else user_with_role(role)
    programme = JointProgramme.objects.get(code="JP-MK-2020")
    iom = UnEntity.objects.get(code="IOM")
    with pytest.raises(PermissionDenied):
        services.contribution_record(
            actor=user, donor=f.donor(), pledged_amount=Decimal("1"), pledged_on=date(2024, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.transfer_record(
            actor=user, programme=programme, organisation=iom, transferred_on=date(2024, 1, 1), amount_usd=Decimal("1")
        )
    with pytest.raises(PermissionDenied):
        services.expenditure_record(
            actor=user, programme=programme, organisation=iom, year=2023, kind="final", amount_usd=Decimal("1")
        )


def test_an_amount_in_usd_is_its_own_usd_value_and_other_currencies_need_one(fm):
    usd = services.contribution_record(
        actor=fm, donor=f.donor(), pledged_amount=Decimal("10.50"), pledged_on=date(2024, 1, 1)
    )
    assert usd.pledged_usd == Decimal("10.50")
    with pytest.raises(ValidationError) as error:
        services.contribution_record(
            actor=fm, donor=f.donor(), pledged_amount=Decimal("10"), currency="eur", pledged_on=date(2024, 1, 1)
        )
    assert "pledged_usd" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.deposit_record(
            actor=fm, contribution=usd, deposited_on=date(2024, 2, 1), amount=Decimal("5"), amount_usd=Decimal("6")
        )
    eur = services.deposit_record(
        actor=fm,
        contribution=usd,
        deposited_on=date(2024, 2, 1),
        amount=Decimal("5"),
        currency="EUR",
        amount_usd=Decimal("5.40"),
    )
    assert (eur.currency, eur.amount_usd) == ("EUR", Decimal("5.40"))


def test_earmarking_names_exactly_one_target(fm):
    area = MptfThematicArea.objects.get(number=2)
    ghana = Country.objects.get(iso2="GH")
    with pytest.raises(ValidationError) as error:
        services.contribution_record(
            actor=fm,
            donor=f.donor(),
            pledged_amount=Decimal("1"),
            pledged_on=date(2024, 1, 1),
            earmarking="thematic_area",
        )
    assert "thematic_area" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.contribution_record(
            actor=fm,
            donor=f.donor(),
            pledged_amount=Decimal("1"),
            pledged_on=date(2024, 1, 1),
            earmarking="none",
            country=ghana,
        )
    earmarked = services.contribution_record(
        actor=fm,
        donor=f.donor(),
        pledged_amount=Decimal("1"),
        pledged_on=date(2024, 1, 1),
        earmarking="thematic_area",
        thematic_area=area,
    )
    assert earmarked.earmark_label == f"A thematic area: {area}"


def test_a_contribution_links_the_pledge_it_honours(fm):
    from reviews import services as review_services
    from tests.factories.reviews import make_pledge

    staff = f.staff()
    pledge = make_pledge(staff, "Contribute to the Fund", objectives=(23,), pledge_type="financial")
    review_services.pledge_curate(pledge=pledge, action="publish", actor=staff)
    contribution = services.contribution_record(
        actor=fm, donor=f.donor("Ghana"), pledged_amount=Decimal("100"), pledged_on=date(2024, 1, 1), pledge=pledge
    )
    assert contribution.pledge == pledge


def test_a_correction_is_versioned_and_audited(fm):
    contribution = f.make_contribution(fm, amount="100", deposits=())
    services.contribution_update(contribution=contribution, actor=fm, expected_version=1, reference="Corrected")
    with pytest.raises(StaleVersion):
        services.contribution_update(contribution=contribution, actor=fm, expected_version=1, reference="Lost")
    contribution.refresh_from_db()
    assert contribution.reference == "Corrected" and contribution.version == 2
    edit = audit_list_for(contribution).get(action="edit")
    assert edit.changes == {"reference": {"before": "", "after": "Corrected"}}
    with pytest.raises(ValidationError):
        services.contribution_update(contribution=contribution, actor=fm, expected_version=2, version=9)


def test_transfers_go_to_participating_organisations_only(fm):
    programme = JointProgramme.objects.get(code="JP-MK-2020")
    with pytest.raises(ValidationError) as error:
        services.transfer_record(
            actor=fm,
            programme=programme,
            organisation=UnEntity.objects.get(code="WHO"),
            transferred_on=date(2021, 1, 1),
            amount_usd=Decimal("1"),
        )
    assert "organisation" in error.value.message_dict


def test_one_expenditure_figure_per_stage_and_year_and_never_for_a_future_year(fm):
    programme = JointProgramme.objects.get(code="JP-MK-2020")
    iom = UnEntity.objects.get(code="IOM")
    args = {"actor": fm, "programme": programme, "organisation": iom, "kind": "final", "amount_usd": Decimal("1")}
    services.expenditure_record(**args, year=2021, reported_on=date(2022, 4, 1))
    with pytest.raises(ValidationError):
        services.expenditure_record(**args, year=2021, reported_on=date(2022, 4, 2))
    with pytest.raises(ValidationError):
        services.expenditure_record(**args, year=2025, reported_on=date(2024, 4, 2))


# ---------------------------------------------------------------------------
# Concept notes
# ---------------------------------------------------------------------------


def test_entity_focal_points_write_notes_for_their_own_entity(iom_fp, undp_fp):
    with pytest.raises(PermissionDenied):
        services.note_create(actor=undp_fp, lead_entity=UnEntity.objects.get(code="IOM"), title="Not mine")
    note = f.make_note(iom_fp)
    with pytest.raises(PermissionDenied):
        services.note_update(note=note, actor=undp_fp, expected_version=note.version, title="Taken")
    services.note_update(
        note=note,
        actor=iom_fp,
        expected_version=note.version,
        title="  Renamed  ",
        budget_lines=[
            (UnEntity.objects.get(code="IOM"), Decimal("1")),
            (UnEntity.objects.get(code="UNDP"), Decimal("2")),
        ],
    )
    note.refresh_from_db()
    assert note.title == "Renamed" and note.requested_total() == Decimal("3")
    with pytest.raises(StaleVersion):
        services.note_update(note=note, actor=iom_fp, expected_version=1, title="Stale")
    with pytest.raises(ValidationError):
        services.note_update(note=note, actor=iom_fp, expected_version=note.version, status="selected")
    with pytest.raises(ValidationError):
        services.note_update(
            note=note,
            actor=iom_fp,
            expected_version=note.version,
            budget_lines=[(UnEntity.objects.get(code="IOM"), Decimal("1"))] * 2,
        )


def test_a_submitted_note_is_no_longer_editable(iom_fp):
    note = f.make_note(iom_fp, state="submitted")
    with pytest.raises(PermissionDenied):
        services.note_update(note=note, actor=iom_fp, expected_version=note.version, title="Late edit")


def test_assessment_needs_every_criterion_within_its_scale(staff, iom_fp):
    note = f.make_note(iom_fp, state="under_assessment", assessor=staff)
    with pytest.raises(PermissionDenied):
        services.assessment_record(note=note, actor=iom_fp, scores=f.scores())
    partial = dict(list(f.scores().items())[:2])
    with pytest.raises(ValidationError):
        services.assessment_record(note=note, actor=staff, scores=partial)
    with pytest.raises(ValidationError):
        services.assessment_record(note=note, actor=staff, scores=f.scores(value=9))
    first = services.assessment_record(note=note, actor=staff, scores=f.scores(3), comment="First")
    second = services.assessment_record(note=note, actor=staff, scores=f.scores(5), comment="Again")
    assert first.pk == second.pk and note.assessments.count() == 1
    assert {s.score for s in second.scores.all()} == {5}
    pipeline = f.make_note(iom_fp, state="pipeline", title="Already in", assessor=staff)
    with pytest.raises(ValidationError):
        services.assessment_record(note=pipeline, actor=staff, scores=f.scores())


# ---------------------------------------------------------------------------
# Steering Committee decisions
# ---------------------------------------------------------------------------


def test_decisions_move_the_notes_they_name(fm, staff, iom_fp):
    meeting = services.meeting_create(actor=fm, title="Meeting", held_on=date(2024, 6, 1))
    a = f.make_note(iom_fp, state="pipeline", title="A", assessor=staff)
    b = f.make_note(iom_fp, state="pipeline", title="B", assessor=staff)
    c = f.make_note(iom_fp, state="pipeline", title="C", assessor=staff)
    services.decision_record(actor=fm, meeting=meeting, kind="select", concept_notes=[a], reasons="Best.")
    services.decision_record(actor=fm, meeting=meeting, kind="keep", concept_notes=[b], reasons="Later.")
    services.decision_record(actor=fm, meeting=meeting, kind="not_select", concept_notes=[c], reasons="Covered.")
    statuses = dict(ConceptNote.objects.filter(pk__in=[a.pk, b.pk, c.pk]).values_list("title", "status"))
    assert statuses == {"A": "selected", "B": "pipeline", "C": "not_selected"}
    assert ConceptNote.objects.get(pk=c.pk).decision_note == "Covered."
    assert audit_list_for(b).filter(action="decision_keep", comment="Later.").exists()
    allocation = services.decision_record(
        actor=fm, meeting=meeting, kind="allocate", concept_notes=[a], amount_usd=Decimal("900"), reasons="Funds."
    )
    assert services.allocated_to(a) == Decimal("900") and allocation.amount_usd == Decimal("900")


def test_a_decision_is_all_or_nothing_and_needs_reasons(fm, staff, iom_fp):
    meeting = services.meeting_create(actor=fm, title="Meeting", held_on=date(2024, 6, 1))
    ready = f.make_note(iom_fp, state="pipeline", title="Ready", assessor=staff)
    early = f.make_note(iom_fp, state="under_assessment", title="Early", assessor=staff)
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            actor=fm, meeting=meeting, kind="select", concept_notes=[ready, early], reasons="Both."
        )
    assert "Early" in str(error.value)
    assert ConceptNote.objects.get(pk=ready.pk).status == "pipeline" and not meeting.decisions.exists()
    with pytest.raises(ValidationError):
        services.decision_record(actor=fm, meeting=meeting, kind="select", concept_notes=[ready], reasons=" ")
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=fm, meeting=meeting, kind="allocate", concept_notes=[ready], reasons="x", amount_usd=Decimal("1")
        )
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=fm, meeting=meeting, kind="keep", concept_notes=[ready], reasons="x", amount_usd=Decimal("1")
        )
    with pytest.raises(PermissionDenied):
        services.decision_record(actor=staff, meeting=meeting, kind="keep", concept_notes=[ready], reasons="x")


# ---------------------------------------------------------------------------
# Joint programmes and reports
# ---------------------------------------------------------------------------


def test_a_programme_comes_from_a_selected_note_once(fm, staff, iom_fp):
    pipeline = f.make_note(iom_fp, state="pipeline", title="Waiting", assessor=staff)
    with pytest.raises(ValidationError):
        services.programme_create_from_note(actor=fm, note=pipeline)
    selected = f.make_note(iom_fp, state="selected", lines=(("UNDP", "300"),), assessor=staff, deciders=fm)
    with pytest.raises(PermissionDenied):
        services.programme_create_from_note(actor=staff, note=selected)
    programme = f.make_programme(selected, fm)
    assert programme.code.startswith("JP-2023-GH")
    assert programme.budget_usd == Decimal("300")  # no allocation: the request
    leads = {p.entity.code: p.lead for p in programme.participants.all()}
    assert leads == {"UNDP": False, "IOM": True}  # the lead organisation takes part even without a budget line
    assert list(programme.countries.values_list("iso2", flat=True)) == ["GH"]
    with pytest.raises(ValidationError):
        services.programme_create_from_note(actor=fm, note=selected)


def test_extensions_move_the_end_date_forward_with_a_reason(fm, staff, iom_fp):
    programme = f.make_programme(f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm), fm)
    with pytest.raises(ValidationError):
        services.programme_extend(programme=programme, actor=fm, new_end=date(2025, 1, 1), reason="Earlier")
    with pytest.raises(ValidationError):
        services.programme_extend(programme=programme, actor=fm, new_end=date(2026, 1, 1), reason=" ")
    extension = services.programme_extend(programme=programme, actor=fm, new_end=date(2026, 1, 1), reason="Elections")
    programme.refresh_from_db()
    assert programme.end_date == date(2026, 1, 1) and extension.previous_end == date(2025, 2, 28)
    assert audit_list_for(programme).filter(action="extend").exists()


def test_programme_edits_are_versioned_and_replace_participants(fm, staff, iom_fp):
    programme = f.make_programme(f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm), fm)
    ilo = UnEntity.objects.get(code="ILO")
    services.programme_update(
        programme=programme,
        actor=fm,
        expected_version=programme.version,
        title="Renamed",
        participants=[(ilo, Decimal("10"), True)],
    )
    assert list(ProgrammeParticipant.objects.filter(programme=programme).values_list("entity__code", flat=True)) == [
        "ILO"
    ]
    with pytest.raises(StaleVersion):
        services.programme_update(programme=programme, actor=fm, expected_version=1, title="Stale")
    with pytest.raises(ValidationError):
        services.programme_update(
            programme=programme, actor=fm, expected_version=programme.version + 1, end_date=date(2030, 1, 1)
        )


def test_reports_by_the_programmes_focal_points(fm, staff, iom_fp):
    programme = f.make_programme(f.make_note(iom_fp, state="selected", assessor=staff, deciders=fm), fm)
    with pytest.raises(PermissionDenied):
        services.report_create(programme=programme, actor=f.entity_fp("ILO"), year=2023, kind="narrative")
    report = services.report_create(programme=programme, actor=iom_fp, year=2023, kind="narrative")
    assert report.due_date == date(2024, 4, 30)
    with pytest.raises(ValidationError):
        services.report_create(programme=programme, actor=iom_fp, year=2023, kind="narrative")
    services.report_update(
        report=report,
        actor=iom_fp,
        expected_version=report.version,
        narrative="Progress.",
        indicators=[{"indicator": "People trained", "unit": "people", "baseline": 0, "target": 100, "actual": 80}],
    )
    report.refresh_from_db()
    assert report.indicators.get().actual == Decimal("80")
    report = services.report_transition(report=report, action="submit", actor=iom_fp)
    assert Notification.objects.filter(recipient=fm, event="mptf_report_submitted").exists()
    with pytest.raises(PermissionDenied):
        services.report_update(report=report, actor=iom_fp, expected_version=report.version, narrative="Late")
    report = services.report_transition(report=report, action="return", actor=fm, comment="Add the budget table.")
    assert report.status == "returned"
    services.report_update(report=report, actor=iom_fp, expected_version=report.version, narrative="With the table.")


def test_meetings_are_recorded_by_fund_managers(fm, staff):
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=staff, title="No", held_on=date(2024, 1, 1))
    meeting = services.meeting_create(actor=fm, title=" Meeting ", held_on=date(2024, 1, 1))
    assert meeting.title == "Meeting"
