"""Migration MPTF records in every state, built through the real services (never by writing status
fields)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.samples import sample_csv, sample_pdf
from gcm_portal.taxonomy.models import Country, MptfThematicArea, Objective, UnEntity
from mptf import services
from mptf.models import AssessmentCriterion, CommitteeSeat, ConceptNote, Donor, JointProgramme
from tests.factories.accounts import user_with_role

USD = Decimal


def entity(code: str) -> UnEntity:
    return UnEntity.objects.get(code=code)


def pdf(name: str = "endorsement.pdf", text: str = "Government endorsement") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample_pdf(text), content_type="application/pdf")


def fund_manager():
    return user_with_role("fund_manager")


def staff():
    return user_with_role("network_staff")


def entity_fp(code: str = "IOM"):
    return user_with_role("entity_focal_point", entity=code)


def committee_member(user=None, *, start=date(2020, 1, 1), end=None):
    from tests.factories.accounts import UserFactory

    user = user or UserFactory()
    CommitteeSeat.objects.create(
        person_name=str(user),
        user=user,
        constituency="contributors",
        represents="A donor",
        start_date=start,
        end_date=end,
    )
    return user


def donor(name: str = "Donor (test)") -> Donor:
    return Donor.objects.get_or_create(name=name)[0]


def scores(value: int = 4) -> dict:
    return {c.code: (value, "") for c in AssessmentCriterion.objects.filter(active=True)}


def make_note(
    author,
    *,
    state: str = "draft",
    lead: str = "IOM",
    lines=(("IOM", "600000"),),
    title: str | None = None,
    countries=("GH",),
    thematic_area: int = 4,
    assessor=None,
    deciders=None,
) -> ConceptNote:
    """A concept note moved to ``state`` through the workflow: draft, submitted, under_assessment,
    pipeline, selected (a committee decision), not_selected (declined), withdrawn."""
    note = services.note_create(
        actor=author,
        lead_entity=entity(lead),
        title=title or f"Concept note ({state})",
        summary="Purpose of the note.",
        thematic_area=MptfThematicArea.objects.get(number=thematic_area),
        duration_months=24,
        countries=list(Country.objects.filter(iso2__in=countries)),
        objectives=list(Objective.objects.filter(number__in=[6])),
        budget_lines=[(entity(code), USD(amount)) for code, amount in lines],
    )
    if state == "draft":
        return note
    services.note_document_add(note=note, actor=author, upload=pdf())
    note = services.note_transition(note=note, action="submit", actor=author)
    if state == "withdrawn":
        return services.note_transition(note=note, action="withdraw", actor=author)
    if state == "submitted":
        return note
    assessor = assessor or staff()
    note = services.note_transition(note=note, action="start_assessment", actor=assessor)
    if state == "under_assessment":
        return note
    if state == "not_selected":
        return services.note_transition(note=note, action="decline", actor=assessor, comment="Out of scope.")
    services.assessment_record(note=note, actor=assessor, scores=scores())
    note = services.note_transition(note=note, action="to_pipeline", actor=assessor)
    if state == "pipeline":
        return note
    fm = deciders or fund_manager()
    meeting = services.meeting_create(actor=fm, title="Steering Committee meeting", held_on=date(2023, 1, 25))
    services.decision_record(
        actor=fm, meeting=meeting, kind="select", concept_notes=[note], reasons="Balanced and well assessed."
    )
    return ConceptNote.objects.get(pk=note.pk)


def make_programme(note: ConceptNote, fm, **kwargs) -> JointProgramme:
    kwargs.setdefault("start_date", date(2023, 3, 1))
    kwargs.setdefault("end_date", date(2025, 2, 28))
    return services.programme_create_from_note(actor=fm, note=note, **kwargs)


def make_contribution(fm, *, amount="1000000", deposits=("1000000",), on=date(2021, 1, 10), name="Donor (test)"):
    contribution = services.contribution_record(actor=fm, donor=donor(name), pledged_amount=USD(amount), pledged_on=on)
    for value in deposits:
        services.deposit_record(actor=fm, contribution=contribution, deposited_on=on, amount=USD(value))
    return contribution


def transfers_csv(rows) -> SimpleUploadedFile:
    content = sample_csv([["programme", "organisation", "date", "amount_usd", "reference"], *rows])
    return SimpleUploadedFile("transfers.csv", content, content_type="text/csv")


@dataclass
class MptfWorld:
    fm: object
    staff: object
    iom_fp: object
    undp_fp: object
    draft_iom: ConceptNote
    draft_undp: ConceptNote
    submitted: ConceptNote
    under_assessment: ConceptNote
    pipeline: ConceptNote
    selected: ConceptNote
    programme: JointProgramme
    contribution: object
    deposit: object
    transfer: object
    expenditure: object
    meeting: object
    public_document: object
    confidential_document: object
    programme_document: object
    note_document: object
    draft_report: object
    submitted_report: object
    accepted_report: object
    report_document: object
    batch: object


def build_mptf_world(focal_gh=None) -> MptfWorld:
    """Notes led by UNDP from draft to the pipeline (its draft is invisible to IOM's focal point, who is
    the matrix's entity focal point), IOM's own draft, and IOM's selected note with its programme (IOM and UNDP),
    money in every stage, a meeting with a public and a confidential document, reports in every state
    and an import waiting for confirmation."""
    fm, st, iom_fp, undp_fp = fund_manager(), staff(), entity_fp("IOM"), entity_fp("UNDP")
    undp = {"lead": "UNDP", "lines": (("UNDP", "500000"),), "assessor": st, "deciders": fm}
    notes = {
        s: make_note(undp_fp, state=s, title=f"UNDP note ({s})", **undp)
        for s in ("draft", "submitted", "under_assessment", "pipeline")
    }
    draft_iom = make_note(iom_fp, state="draft", title="IOM draft")
    note_document = draft_iom.documents.first() or services.note_document_add(
        note=draft_iom, actor=iom_fp, upload=pdf()
    )
    selected = make_note(
        iom_fp,
        state="selected",
        title="IOM selected",
        lines=(("IOM", "700000"), ("UNDP", "300000")),
        assessor=st,
        deciders=fm,
    )
    programme = make_programme(selected, fm)
    programme = services.programme_transition(programme=programme, action="start", actor=fm)
    contribution = make_contribution(fm)
    deposit = contribution.deposits.get()
    transfer = services.transfer_record(
        actor=fm,
        programme=programme,
        organisation=entity("IOM"),
        transferred_on=date(2023, 4, 1),
        amount_usd=USD("400000"),
    )
    expenditure = services.expenditure_record(
        actor=fm,
        programme=programme,
        organisation=entity("IOM"),
        year=2023,
        kind="final",
        amount_usd=USD("250000"),
        reported_on=date(2024, 4, 1),
    )
    meeting = selected.decisions.get().meeting
    public_document = attachment_add(
        attachments=services.PUBLIC_DOCUMENTS, parent=meeting, actor=fm, upload=pdf("summary.pdf"), language="en"
    )
    confidential_document = attachment_add(
        attachments=services.CONFIDENTIAL_DOCUMENTS, parent=meeting, actor=fm, upload=pdf("minutes.pdf"), language="en"
    )
    programme_document = attachment_add(
        attachments=services.PROGRAMME_DOCUMENTS, parent=programme, actor=fm, upload=pdf("prodoc.pdf"), language="en"
    )
    draft_report = services.report_create(
        programme=programme, actor=iom_fp, year=2023, kind="narrative", narrative="Work."
    )
    submitted_report = services.report_create(
        programme=programme, actor=iom_fp, year=2023, kind="financial", narrative="Money."
    )
    submitted_report = services.report_transition(report=submitted_report, action="submit", actor=iom_fp)
    report_document = attachment_add(
        attachments=services.REPORT_DOCUMENTS,
        parent=draft_report,
        actor=iom_fp,
        upload=pdf("report.pdf"),
        language="en",
    )
    accepted_report = services.report_create(
        programme=programme, actor=iom_fp, year=2024, kind="narrative", narrative="More."
    )
    accepted_report = services.report_transition(report=accepted_report, action="submit", actor=iom_fp)
    accepted_report = services.report_transition(report=accepted_report, action="accept", actor=fm)
    batch = services.import_upload(
        actor=fm, kind="transfers", upload=transfers_csv([[programme.code, "UNDP", "2023-05-01", "100000", "T-1"]])
    )
    return MptfWorld(
        fm=fm,
        staff=st,
        iom_fp=iom_fp,
        undp_fp=undp_fp,
        draft_iom=draft_iom,
        draft_undp=notes["draft"],
        submitted=notes["submitted"],
        under_assessment=notes["under_assessment"],
        pipeline=notes["pipeline"],
        selected=ConceptNote.objects.get(pk=selected.pk),
        programme=programme,
        contribution=contribution,
        deposit=deposit,
        transfer=transfer,
        expenditure=expenditure,
        meeting=meeting,
        public_document=public_document,
        confidential_document=confidential_document,
        programme_document=programme_document,
        note_document=note_document,
        draft_report=draft_report,
        submitted_report=submitted_report,
        accepted_report=accepted_report,
        report_document=report_document,
        batch=batch,
    )
