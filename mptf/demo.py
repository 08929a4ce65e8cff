"""Demo content for the Migration MPTF: contributions and deposits from demonstration donors,
concept notes in every state, quality assessments, a Steering Committee meeting whose decisions move
them, a joint programme created from the selected note with transfers, expenditure and an accepted
report, and a committee seat for a demo account. Registered with
:func:`gcm_portal.core.demo.register_demo_loader`; never loaded by migrations.

Everything is labelled "(demonstration)" and goes through the real services, acting as the demo
accounts, so audit rows, notices and publication events are the ones the portal makes. Real facts
(the fund, its targets, the first six joint programmes, early donors) come from the seed migration and
are never given invented money.

Idempotent: each record is looked up by its natural key first and left alone when it exists.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.accounts.models import User
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, MptfThematicArea, Objective, SdgTarget, UnEntity

from . import services
from .choices import ConceptNoteStatus, DecisionKind, DonorKind, Earmarking, ReportKind
from .models import (
    CommitteeMeeting,
    CommitteeSeat,
    ConceptNote,
    Contribution,
    Donor,
    JointProgramme,
    ProgrammeReport,
)

__all__ = ["DEMO", "load_mptf_demo"]

DEMO = "(demonstration)"
STAFF, FUND, IOM_FP, COMMITTEE = (
    "staff@example.org",
    "fund@example.org",
    "entity.iom@example.org",
    "focal.morocco@example.org",
)

DONORS = [
    ("Donor A (demonstration)", DonorKind.MEMBER_STATE),
    ("Donor B (demonstration)", DonorKind.MEMBER_STATE),
    ("Foundation C (demonstration)", DonorKind.PHILANTHROPY),
]

# donor, reference, pledged on, amount, currency, USD, earmarking, deposits [(date, amount, USD)]
CONTRIBUTIONS = [
    (
        0,
        "First-year contribution (demonstration)",
        date(2019, 9, 2),
        "5000000",
        "USD",
        None,
        Earmarking.NONE,
        None,
        [(date(2019, 10, 15), "3000000", None), (date(2020, 3, 2), "2000000", None)],
    ),
    (
        1,
        "Contribution to thematic area 2 (demonstration)",
        date(2020, 2, 10),
        "4000000",
        "EUR",
        "4400000",
        Earmarking.THEMATIC_AREA,
        2,
        [(date(2020, 4, 20), "4000000", "4380000")],
    ),
    (
        2,
        "Contribution for Ghana (demonstration)",
        date(2021, 6, 1),
        "1500000",
        "USD",
        None,
        Earmarking.COUNTRY,
        "GH",
        [(date(2021, 9, 30), "1500000", None)],
    ),
    (
        0,
        "Second contribution (demonstration)",
        date(2022, 5, 18),
        "8000000",
        "USD",
        None,
        Earmarking.NONE,
        None,
        [(date(2022, 7, 1), "8000000", None)],
    ),
]

NOTES = [
    {
        "title": "Safe labour migration corridors in West Africa (demonstration)",
        "state": "selected",
        "countries": ["GH", "SN"],
        "thematic_area": 4,
        "objectives": [5, 6],
        "lines": [("IOM", "900000"), ("ILO", "600000")],
    },
    {
        "title": "Data for migration policy in Morocco (demonstration)",
        "state": "pipeline",
        "countries": ["MA"],
        "thematic_area": 1,
        "objectives": [1, 3],
        "lines": [("IOM", "700000"), ("UNDP", "500000")],
    },
    {
        "title": "Protecting migrant children in Central America (demonstration)",
        "state": "not_selected",
        "countries": ["GT", "HN"],
        "thematic_area": 2,
        "objectives": [7],
        "lines": [("IOM", "1200000"), ("UNICEF", "800000")],
    },
    {
        "title": "Inclusion of migrants in urban services in Mexico (demonstration)",
        "state": "kept",
        "countries": ["MX"],
        "thematic_area": 5,
        "objectives": [15, 16],
        "lines": [("IOM", "1000000"), ("UN-Habitat", "600000")],
    },
    {
        "title": "Border management and cohesion in the Sahel (demonstration)",
        "state": "under_assessment",
        "countries": ["NE", "ML"],
        "thematic_area": 3,
        "objectives": [11],
        "lines": [("IOM", "1500000"), ("UNODC", "500000")],
    },
    {
        "title": "Remittances and development in Central Asia (demonstration)",
        "state": "submitted",
        "countries": ["KG"],
        "thematic_area": 4,
        "objectives": [20],
        "lines": [("IOM", "800000")],
    },
    {
        "title": "Climate mobility in the Pacific (demonstration)",
        "state": "draft",
        "countries": ["FJ"],
        "thematic_area": 2,
        "objectives": [2],
        "lines": [("IOM", "1100000")],
    },
    {
        "title": "Reintegration of returnees (demonstration)",
        "state": "withdrawn",
        "countries": ["ET"],
        "thematic_area": 3,
        "objectives": [21],
        "lines": [("IOM", "400000")],
    },
    {
        "title": "Migration statistics in the Caribbean (demonstration)",
        "state": "declined",
        "countries": ["JM"],
        "thematic_area": 1,
        "objectives": [1],
        "lines": [("IOM", "300000")],
    },
]
# How far through the workflow each state goes before the committee's meeting.
ORDER = ["draft", "submitted", "under_assessment", "pipeline"]


def _users() -> dict[str, User]:
    return {u.email: u for u in User.objects.filter(email__in=[STAFF, FUND, IOM_FP, COMMITTEE])}


def _donors() -> list[Donor]:
    return [
        Donor.objects.get_or_create(name=name, defaults={"kind": kind, "source_note": DEMO})[0] for name, kind in DONORS
    ]


def _contributions(fund: User, donors: list[Donor]) -> None:
    for donor, reference, pledged_on, amount, currency, usd, earmark, target, deposits in CONTRIBUTIONS:
        if Contribution.objects.filter(reference=reference).exists():
            continue
        extra = {}
        if earmark == Earmarking.THEMATIC_AREA:
            extra["thematic_area"] = MptfThematicArea.objects.get(number=target)
        elif earmark == Earmarking.COUNTRY:
            extra["country"] = Country.objects.get(iso2=target)
        contribution = services.contribution_record(
            actor=fund,
            donor=donors[donor],
            reference=reference,
            pledged_on=pledged_on,
            pledged_amount=Decimal(amount),
            currency=currency,
            pledged_usd=Decimal(usd) if usd else None,
            earmarking=earmark,
            **extra,
        )
        for day, value, value_usd in deposits:
            services.deposit_record(
                actor=fund,
                contribution=contribution,
                deposited_on=day,
                amount=Decimal(value),
                currency=currency,
                amount_usd=Decimal(value_usd) if value_usd else None,
                reference=DEMO,
            )


def _endorsement(title: str) -> SimpleUploadedFile:
    content = sample_pdf(["Government endorsement (demonstration)", title])
    return SimpleUploadedFile("endorsement.pdf", content, content_type="application/pdf")


def _note(spec: dict, users: dict[str, User]) -> ConceptNote:
    existing = ConceptNote.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    author, staff = users[IOM_FP], users[STAFF]
    entities = {e.code: e for e in UnEntity.objects.filter(code__in=[c for c, _a in spec["lines"]])}
    note = services.note_create(
        actor=author,
        lead_entity=entities["IOM"],
        title=spec["title"],
        team_name=f"UN country team {DEMO}",
        summary=f"Demonstration purpose of the note: {spec['title']}",
        national_partners="Ministry of Labour; Ministry of the Interior; local government (demonstration)",
        stakeholders="Migrant associations, trade unions and employers (demonstration)",
        thematic_area=MptfThematicArea.objects.get(number=spec["thematic_area"]),
        duration_months=24,
        gender_marker="2",
        human_rights_marker="2",
        covid_dimension=spec["thematic_area"] == 2,
        countries=list(Country.objects.filter(iso2__in=spec["countries"])),
        objectives=list(Objective.objects.filter(number__in=spec["objectives"])),
        principles=list(GuidingPrinciple.objects.filter(letter__in=["a", "f", "g"])),
        sdg_targets=list(SdgTarget.objects.filter(code="10.7")),
        budget_lines=[(entities[code], Decimal(amount)) for code, amount in spec["lines"]],
    )
    state = spec["state"]
    if state == "draft":
        return note
    services.note_document_add(note=note, actor=author, upload=_endorsement(spec["title"]))
    if state == "withdrawn":
        note = services.note_transition(note=note, action="submit", actor=author)
        return services.note_transition(note=note, action="withdraw", actor=author)
    note = services.note_transition(note=note, action="submit", actor=author)
    if state == "submitted":
        return note
    note = services.note_transition(note=note, action="start_assessment", actor=staff)
    if state == "under_assessment":
        return note
    if state == "declined":
        return services.note_transition(
            note=note,
            action="decline",
            actor=staff,
            comment="Not retained: overlaps another programme (demonstration).",
        )
    services.assessment_record(
        note=note,
        actor=staff,
        scores=dict.fromkeys(_criteria(), (4, "")),
        comment="Strong national ownership and a clear division of labour (demonstration).",
    )
    return services.note_transition(note=note, action="to_pipeline", actor=staff)


def _criteria() -> list[str]:
    from .models import AssessmentCriterion

    return list(AssessmentCriterion.objects.filter(active=True).values_list("code", flat=True))


def _meeting(users: dict[str, User], notes: dict[str, ConceptNote]) -> CommitteeMeeting:
    title = "Steering Committee meeting (demonstration)"
    meeting = CommitteeMeeting.objects.filter(title=title).first()
    if meeting is not None:
        return meeting
    fund = users[FUND]
    meeting = services.meeting_create(
        actor=fund,
        title=title,
        held_on=date(2023, 1, 25),
        location="Geneva and online (demonstration)",
        summary="The Committee reviewed the pipeline with attention to geographic and thematic balance (demonstration).",
    )
    by_state = {spec["state"]: notes[spec["title"]] for spec in NOTES}
    services.decision_record(
        actor=fund,
        meeting=meeting,
        kind=DecisionKind.SELECT,
        concept_notes=[by_state["selected"]],
        reasons="High quality assessment; first programme in the sub-region (demonstration).",
    )
    services.decision_record(
        actor=fund,
        meeting=meeting,
        kind=DecisionKind.ALLOCATE,
        concept_notes=[by_state["selected"]],
        amount_usd=Decimal("1500000"),
        reasons="Full requested budget (demonstration).",
    )
    services.decision_record(
        actor=fund,
        meeting=meeting,
        kind=DecisionKind.KEEP,
        concept_notes=[by_state["kept"], by_state["pipeline"]],
        reasons="To be considered when resources allow (demonstration).",
    )
    services.decision_record(
        actor=fund,
        meeting=meeting,
        kind=DecisionKind.NOT_SELECT,
        concept_notes=[by_state["not_selected"]],
        reasons="Thematic area already well covered in the region (demonstration).",
    )
    for confidential, name in ((True, "minutes.pdf"), (False, "summary.pdf")):
        attachments = services.CONFIDENTIAL_DOCUMENTS if confidential else services.PUBLIC_DOCUMENTS
        label = "Minutes (confidential, demonstration)" if confidential else "Summary of decisions (demonstration)"
        from gcm_portal.core.attachments import attachment_add

        attachment_add(
            attachments=attachments,
            parent=meeting,
            actor=fund,
            upload=SimpleUploadedFile(name, sample_pdf([label]), content_type="application/pdf"),
            language="en",
        )
    return meeting


def _programme(users: dict[str, User], note: ConceptNote) -> JointProgramme:
    existing = JointProgramme.objects.filter(concept_note=note).first()
    if existing is not None:
        return existing
    fund, iom_fp = users[FUND], users[IOM_FP]
    programme = services.programme_create_from_note(
        actor=fund, note=note, start_date=date(2023, 3, 1), end_date=date(2025, 2, 28), code="JP-2023-GH-SN-DEMO"
    )
    programme = services.programme_transition(programme=programme, action="start", actor=fund)
    iom, ilo = UnEntity.objects.get(code="IOM"), UnEntity.objects.get(code="ILO")
    for organisation, day, amount in (
        (iom, date(2023, 3, 15), "500000"),
        (ilo, date(2023, 3, 15), "300000"),
        (iom, date(2024, 2, 1), "400000"),
    ):
        services.transfer_record(
            actor=fund,
            programme=programme,
            organisation=organisation,
            transferred_on=day,
            amount_usd=Decimal(amount),
            reference=DEMO,
        )
    for organisation, year, kind, amount, reported in (
        (iom, 2023, "final", "350000", date(2024, 4, 20)),
        (ilo, 2023, "final", "180000", date(2024, 4, 25)),
        (iom, 2024, "interim", "300000", date(2024, 10, 1)),
    ):
        services.expenditure_record(
            actor=fund,
            programme=programme,
            organisation=organisation,
            year=year,
            kind=kind,
            amount_usd=Decimal(amount),
            reported_on=reported,
        )
    report = services.report_create(
        programme=programme,
        actor=iom_fp,
        year=2023,
        kind=ReportKind.NARRATIVE,
        narrative="Recruitment agencies trained and two bilateral labour agreements drafted (demonstration).",
    )
    services.report_update(
        report=report,
        actor=iom_fp,
        expected_version=report.version,
        indicators=[
            {
                "indicator": "Recruitment agencies trained (demonstration)",
                "unit": "agencies",
                "baseline": 0,
                "target": 40,
                "actual": 32,
            }
        ],
    )
    report = services.report_transition(report=ProgrammeReport.objects.get(pk=report.pk), action="submit", actor=iom_fp)
    services.report_transition(report=report, action="accept", actor=fund)
    return programme


def load_mptf_demo() -> None:
    users = _users()
    if len(users) < 4:
        return
    morocco_rep = users[COMMITTEE]
    CommitteeSeat.objects.get_or_create(
        person_name="Amina Benali (demonstration)",
        constituency="contributors",
        start_date=date(2023, 1, 1),
        defaults={"user": morocco_rep, "represents": "A contributing Member State (demonstration)", "role": "Member"},
    )
    _contributions(users[FUND], _donors())
    notes = {}
    for spec in NOTES:
        state = spec["state"]
        notes[spec["title"]] = _note(
            {**spec, "state": "pipeline" if state in ("selected", "not_selected", "kept") else state}, users
        )
    _meeting(users, notes)
    selected = ConceptNote.objects.get(title=NOTES[0]["title"])
    if selected.status == ConceptNoteStatus.SELECTED:
        _programme(users, selected)
