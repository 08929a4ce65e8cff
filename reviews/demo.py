"""Demo content for reviews: an open demonstration round, voluntary reports in every state, pledges and
stakeholder contributions. Registered with :func:`gcm_portal.core.demo.register_demo_loader`.

Everything except the demonstration review cycle goes through the real services, acting as the demo
accounts, so versions, fingerprints, audit rows and notifications are the ones the portal makes. The
content is invented demonstration material, not a statement of any government's policies.

Idempotent: each report, pledge and contribution is looked up by its natural key first and left alone
when it exists, so running the loader twice creates nothing new.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gcm_portal.accounts.models import User
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective, RegionalCommission

from . import services
from .choices import Curation, PledgeKind, PledgeStatus, ProgressStatus, ReviewFormat, ReviewStatus
from .models import Pledge, RegionalReview, ReviewCycle, StakeholderContribution, VoluntaryReport

__all__ = ["load_reviews_demo"]

STAFF = "staff@example.org"
ADMIN = "admin@example.org"
GHANA = "focal.ghana@example.org"
MEXICO = "focal.mexico@example.org"
MOROCCO = "focal.morocco@example.org"
MEMBER = "member@example.org"

DEMO_CYCLE = "2028-2029-demo"
HISTORICAL_CYCLE = "2024-2025"

# ---------------------------------------------------------------------------
# Small generated documents
# ---------------------------------------------------------------------------


def _pdf_escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def demo_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF whose text pypdf can extract (Helvetica, WinAnsi encoding)."""
    text = b"BT /F1 12 Tf 16 TL 72 770 Td\n"
    for line in lines:
        text += b"(" + _pdf_escape(line) + b") Tj T*\n"
    text += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"endstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def demo_docx(title: str, paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(kind: str, name: str, title: str, lines: list[str]) -> SimpleUploadedFile:
    if kind == "pdf":
        return SimpleUploadedFile(name, demo_pdf(["Demonstration report", title, "", *lines]), content_type=PDF)
    return SimpleUploadedFile(name, demo_docx(title, ["Demonstration report", *lines]), content_type=DOCX)


# ---------------------------------------------------------------------------
# The demonstration review round (no real round is open, but reminders and the "open for
# submissions" journey need one with a deadline ahead)
# ---------------------------------------------------------------------------

DEMO_REVIEWS = [
    {
        "commission": "ECA",
        "days_to_deadline": 45,
        "title": "Third Africa regional review of the GCM (demonstration)",
        "format": ReviewFormat.HYBRID,
        "venue": "Addis Ababa and online (demonstration)",
        "co_organisers": "IOM, African Union Commission (demonstration data)",
        "summary": "Demonstration data: an open review used to show deadlines, reminders and the submission "
        "journey. It is not a real meeting.",
    },
    {
        "commission": "ECLAC",
        "days_to_deadline": 20,
        "title": "Third regional review of the GCM in Latin America and the Caribbean (demonstration)",
        "format": ReviewFormat.IN_PERSON,
        "venue": "Santiago (demonstration)",
        "co_organisers": "IOM, Regional UN Network on Migration (demonstration data)",
        "summary": "Demonstration data: a stakeholder hearing followed by an intergovernmental conference. "
        "It is not a real meeting.",
    },
    {
        "commission": "ESCWA",
        "days_to_deadline": 6,
        "title": "Third regional review of the GCM in the Arab region (demonstration)",
        "format": ReviewFormat.VIRTUAL,
        "venue": "Online (demonstration)",
        "co_organisers": "IOM, Regional UN Network on Migration for the Arab Region (demonstration data)",
        "summary": "Demonstration data: a virtual review whose deadline is only days away, so the reminders "
        "can be seen. It is not a real meeting.",
    },
]


def _demo_reviews() -> dict[str, RegionalReview]:
    """Create (or move forward to stay in the future) the demonstration round and its open reviews."""
    today = timezone.localdate()
    cycle, _ = ReviewCycle.objects.get_or_create(
        code=DEMO_CYCLE,
        defaults={
            "name": "Third round of regional reviews (demonstration data)",
            "start_year": 2028,
            "end_year": 2029,
            "imrf_name": "International Migration Review Forum (demonstration)",
            "description": "Demonstration data only: an invented round with open regional reviews, so the portal "
            "shows deadlines, reminders and reports in preparation. Real rounds are 2020-2021 and 2024-2025.",
        },
    )
    reviews = {}
    for item in DEMO_REVIEWS:
        deadline = today + timedelta(days=item["days_to_deadline"])
        start = deadline + timedelta(days=28)
        reviews[item["commission"]], _ = RegionalReview.objects.update_or_create(
            cycle=cycle,
            commission=RegionalCommission.objects.get(code=item["commission"]),
            defaults={
                "title": item["title"],
                "status": ReviewStatus.OPEN,
                "format": item["format"],
                "venue": item["venue"],
                "start_date": start,
                "end_date": start + timedelta(days=1),
                "submission_deadline": deadline,
                "consultation_dates": f"Stakeholder consultation, {(start - timedelta(days=1)):%d %B %Y} "
                "(demonstration)",
                "co_organisers": item["co_organisers"],
                "summary": item["summary"],
            },
        )
    return reviews


def _historical(commission: str) -> RegionalReview:
    return RegionalReview.objects.get(cycle__code=HISTORICAL_CYCLE, commission__code=commission)


# ---------------------------------------------------------------------------
# Voluntary reports
# ---------------------------------------------------------------------------


@dataclass
class Doc:
    kind: str  # "pdf" or "docx"
    name: str
    language: str
    lines: list[str]


@dataclass
class ReportSpec:
    country: str
    review: tuple[str, str] | None  # ("demo" | "2024-2025", commission code)
    author: str
    title: str
    languages: list[str]
    sections: dict[str, str]
    progress: list[tuple[int, str, str, str, str]]  # objective, status, measures, challenges, support needed
    principles: str
    extra_objectives: list[int] = field(default_factory=list)
    documents: list[Doc] = field(default_factory=list)
    # ("submit"|"resubmit"|"publish"|..., actor) / ("return", actor, comment) / ("comment", actor, body)
    # / ("edit", actor, {field: value}) applied in order after the first save
    steps: list[tuple] = field(default_factory=list)


def _section(country: str, **overrides) -> dict[str, str]:
    base = {
        "review_process": (
            f"Demonstration data. The review in {country} was coordinated by the national migration "
            "coordination body. Line ministries responsible for labour, health, education, the interior and "
            "foreign affairs contributed, together with the statistics office, local authorities, trade unions, "
            "employers' organisations, migrant and diaspora associations, academia and the UN country team. "
            "Two validation workshops were held and a draft was open for written comments for three weeks."
        ),
        "policy_framework": (
            "Demonstration data. Migration governance rests on a national migration policy, sectoral labour and "
            "social-protection rules and an inter-ministerial committee that meets quarterly. A technical "
            "working group follows each GCM objective and reports to the committee."
        ),
        "national_plan": (
            "Demonstration data. A national GCM implementation plan covers a five-year period, with actions, "
            "lead institutions, indicators and an indicative budget. A mid-term review is planned."
        ),
        "means_of_implementation": (
            "Demonstration data. Actions are financed mainly from the national budget, complemented by "
            "development partners and a joint programme with the UN Network on Migration. Capacity building "
            "focuses on data and on local authorities."
        ),
        "next_steps": (
            "Demonstration data. Adopt the updated plan, publish a first progress dashboard, and hold an annual "
            "multi-stakeholder dialogue ahead of the next regional review."
        ),
    }
    base.update(overrides)
    return base


P = ProgressStatus

REPORTS: list[ReportSpec] = [
    # Ghana: published in the real 2024-2025 Africa review, after one round of comments.
    ReportSpec(
        country="GH",
        review=(HISTORICAL_CYCLE, "ECA"),
        author=GHANA,
        title="Ghana: Voluntary GCM review (demonstration), 2024",
        languages=["en"],
        sections=_section("Ghana"),
        progress=[
            (
                1,
                P.IN_PROGRESS,
                "A migration data working group brings together the statistics office and the ministries that "
                "record arrivals, departures and work permits. A first joint statistical bulletin was prepared.",
                "Administrative sources use different definitions; sharing agreements between institutions are "
                "still informal.",
                "Technical support to harmonise definitions and to link administrative records safely.",
            ),
            (
                6,
                P.ADVANCED,
                "Licensed recruitment agencies are listed publicly; a complaint line for workers abroad was set up.",
                "Informal intermediaries remain active in rural districts.",
                "Exchanges with destination countries on bilateral labour agreements.",
            ),
            (
                19,
                P.IN_PROGRESS,
                "A diaspora engagement desk supports investment and skills-transfer projects.",
                "Limited information on diaspora skills and locations.",
                "Support for a voluntary diaspora skills registry.",
            ),
        ],
        principles="aefij",
        extra_objectives=[23],
        documents=[
            Doc(
                "pdf",
                "ghana-voluntary-gcm-review-demo.pdf",
                "en",
                ["Ghana (demonstration data)", "Summary of progress on objectives 1, 6 and 19."],
            )
        ],
        steps=[
            ("submit", GHANA),
            (
                "return",
                STAFF,
                "Thank you for the report. Could you say who took part in the validation workshops and add the "
                "challenges for objective 19? Everything else is ready for publication.",
            ),
            (
                "edit",
                GHANA,
                {
                    "review_process": _section("Ghana")["review_process"]
                    + " Participants in the validation workshops are listed in the annex."
                },
            ),
            ("resubmit", GHANA),
            ("publish", STAFF),
        ],
    ),
    # Mexico: published in the real 2024-2025 Latin America and the Caribbean review.
    ReportSpec(
        country="MX",
        review=(HISTORICAL_CYCLE, "ECLAC"),
        author=MEXICO,
        title="Mexico: Voluntary GCM review (demonstration), 2025",
        languages=["es", "en"],
        sections=_section("Mexico"),
        progress=[
            (
                5,
                P.ADVANCED,
                "Temporary work visas were simplified and processing times are published monthly.",
                "Demand for regular pathways exceeds the places available.",
                "Cooperation with employers to forecast labour needs.",
            ),
            (
                14,
                P.ACHIEVED,
                "Consular offices offer mobile services and an emergency line for nationals abroad.",
                "Staffing in consulates with high demand.",
                "",
            ),
            (
                15,
                P.IN_PROGRESS,
                "Migrants can register for primary health care regardless of status in participating states.",
                "Uneven awareness among local service providers.",
                "Training materials for health and education staff.",
            ),
            (
                20,
                P.IN_PROGRESS,
                "A comparison tool for remittance costs is published and updated quarterly.",
                "Costs remain high for some corridors.",
                "Dialogue with payment service providers on digital channels.",
            ),
        ],
        principles="abfgj",
        documents=[
            Doc(
                "pdf",
                "mexico-voluntary-gcm-review-demo.pdf",
                "en",
                ["Mexico (demonstration data)", "Summary of progress on objectives 5, 14, 15 and 20."],
            ),
            Doc(
                "docx",
                "mexico-examen-voluntario-pmm-demo.docx",
                "es",
                [
                    "México (datos de demostración).",
                    "Resumen del examen voluntario del Pacto Mundial para la Migración.",
                ],
            ),
        ],
        steps=[("submit", MEXICO), ("publish", STAFF)],
    ),
    # Morocco: published in the real 2024-2025 Africa review, now under correction (the public still sees
    # the published version).
    ReportSpec(
        country="MA",
        review=(HISTORICAL_CYCLE, "ECA"),
        author=MOROCCO,
        title="Morocco: Voluntary GCM review (demonstration), 2024",
        languages=["fr", "ar"],
        sections=_section("Morocco"),
        progress=[
            (
                4,
                P.ADVANCED,
                "Civil registration offices record births of all children on the territory.",
                "Late registration procedures are long.",
                "",
            ),
            (
                16,
                P.IN_PROGRESS,
                "Local integration programmes with language courses and orientation sessions in several cities.",
                "Coverage outside the largest cities.",
                "Support to municipalities for reception and orientation services.",
            ),
            (
                23,
                P.IN_PROGRESS,
                "Participation in regional dialogues and South-South exchanges on migration governance.",
                "",
                "",
            ),
        ],
        principles="bcdi",
        documents=[
            Doc(
                "pdf",
                "maroc-examen-volontaire-pmm-demo.pdf",
                "fr",
                ["Maroc (données de démonstration)", "Résumé des progrès pour les objectifs 4, 16 et 23."],
            )
        ],
        steps=[
            ("submit", MOROCCO),
            ("publish", STAFF),
            ("revise", MOROCCO),
            (
                "edit",
                MOROCCO,
                {
                    "national_plan": _section("Morocco")["national_plan"]
                    + " Correction: the plan period runs to the end of the following year, not the current one."
                },
            ),
        ],
    ),
    # Senegal: received by e-mail, published by staff on the country's behalf.
    ReportSpec(
        country="SN",
        review=(HISTORICAL_CYCLE, "ECA"),
        author=STAFF,
        title="Senegal: Voluntary GCM review (demonstration), 2024",
        languages=["fr"],
        sections=_section(
            "Senegal",
            review_process="Demonstration data. The report was sent to the Network secretariat by e-mail and "
            "entered by Network staff on the country's behalf. It was prepared by the national migration "
            "coordination body with line ministries, local authorities and civil society.",
        ),
        progress=[
            (
                7,
                P.IN_PROGRESS,
                "Referral procedures for migrants in vulnerable situations were agreed between ministries.",
                "Shelters and case management capacity.",
                "Training for front-line workers.",
            ),
            (
                21,
                P.IN_PROGRESS,
                "Reintegration support combines counselling, small-business grants and community projects.",
                "Follow-up after the first year.",
                "Longer-term funding for community-based reintegration.",
            ),
        ],
        principles="aeh",
        documents=[
            Doc(
                "pdf",
                "senegal-examen-volontaire-pmm-demo.pdf",
                "fr",
                ["Sénégal (données de démonstration)", "Rapport reçu par courrier électronique."],
            )
        ],
        steps=[("publish_on_behalf", STAFF)],
    ),
    # Chile: also received by e-mail and published on the country's behalf (no focal point in the demo).
    ReportSpec(
        country="CL",
        review=(HISTORICAL_CYCLE, "ECLAC"),
        author=STAFF,
        title="Chile: Voluntary GCM review (demonstration), 2025",
        languages=["es"],
        sections=_section(
            "Chile",
            review_process="Demonstration data. Sent to the Network secretariat by e-mail and published by "
            "Network staff on the country's behalf.",
        ),
        progress=[
            (
                3,
                P.ADVANCED,
                "A multilingual information portal explains procedures for residence and work.",
                "Keeping information current across institutions.",
                "",
            ),
            (
                17,
                P.PLANNED,
                "A communication campaign against discrimination is being designed with migrant associations.",
                "",
                "Evaluation methods for awareness campaigns.",
            ),
        ],
        principles="fj",
        steps=[("publish_on_behalf", STAFF)],
    ),
    # Ghana: a draft for the open demonstration Africa review.
    ReportSpec(
        country="GH",
        review=("demo", "ECA"),
        author=GHANA,
        title="Ghana: Voluntary GCM review (demonstration), third round",
        languages=["en"],
        sections=_section(
            "Ghana",
            next_steps="",
            means_of_implementation="Demonstration data. To be completed after the budget consultation.",
        ),
        progress=[
            (
                1,
                P.ADVANCED,
                "The joint statistical bulletin is now published every year.",
                "Disaggregation by sex and age is incomplete.",
                "",
            ),
            (
                18,
                P.PLANNED,
                "A framework for recognising skills acquired abroad is being drafted.",
                "Coordination between training authorities.",
                "Advice on mutual recognition arrangements.",
            ),
        ],
        principles="aij",
        documents=[
            Doc(
                "docx",
                "ghana-draft-outline-demo.docx",
                "en",
                ["Outline of the third-round review (demonstration data).", "Sections still to be drafted."],
            )
        ],
    ),
    # Ghana: a preliminary draft, withdrawn because it was superseded.
    ReportSpec(
        country="GH",
        review=None,
        author=GHANA,
        title="Ghana: Voluntary GCM review (demonstration), preliminary draft",
        languages=["en"],
        sections={
            "review_process": "Demonstration data. Started outside a regional review and replaced by the "
            "third-round report."
        },
        progress=[(1, P.PLANNED, "Placeholder section.", "", "")],
        principles="",
        steps=[("withdraw", GHANA)],
    ),
    # Mexico: returned for revision with a staff comment, in the open demonstration review.
    ReportSpec(
        country="MX",
        review=("demo", "ECLAC"),
        author=MEXICO,
        title="Mexico: Voluntary GCM review (demonstration), third round",
        languages=["es"],
        sections=_section("Mexico"),
        progress=[
            (
                5,
                P.ADVANCED,
                "Processing times for temporary work visas fell compared with the previous review.",
                "",
                "",
            ),
            (
                8,
                P.IN_PROGRESS,
                "Search and rescue coordination protocols were agreed with local authorities.",
                "Identification of missing migrants and contact with families.",
                "Forensic cooperation with countries of origin.",
            ),
        ],
        principles="adf",
        steps=[
            ("submit", MEXICO),
            (
                "return",
                STAFF,
                "Thank you. The section on objective 5 has no challenges or support needed; please complete it, and "
                "add the means of implementation for the new protocols under objective 8.",
            ),
        ],
    ),
    # Morocco: resubmitted after comments, in the open demonstration Africa review.
    ReportSpec(
        country="MA",
        review=("demo", "ECA"),
        author=MOROCCO,
        title="Morocco: Voluntary GCM review (demonstration), third round (Africa)",
        languages=["fr"],
        sections=_section("Morocco"),
        progress=[
            (
                10,
                P.IN_PROGRESS,
                "A national referral mechanism for victims of trafficking is being extended to all regions.",
                "Early identification by front-line services.",
                "Training for labour inspectors.",
            ),
            (
                12,
                P.PLANNED,
                "Screening procedures at entry points are being reviewed.",
                "",
                "",
            ),
        ],
        principles="dfi",
        steps=[
            ("submit", MOROCCO),
            (
                "return",
                STAFF,
                "Please add the challenges and support needed for objective 12, or say that none were identified.",
            ),
            (
                "progress",
                MOROCCO,
                [
                    (
                        10,
                        P.IN_PROGRESS,
                        "A national referral mechanism for victims of trafficking is being extended to all regions.",
                        "Early identification by front-line services.",
                        "Training for labour inspectors.",
                    ),
                    (
                        12,
                        P.PLANNED,
                        "Screening procedures at entry points are being reviewed.",
                        "Interpretation services at remote entry points.",
                        "Guidance on screening and referral of children.",
                    ),
                ],
            ),
            ("resubmit", MOROCCO),
        ],
    ),
    # Morocco: submitted to the open demonstration Arab region review, with a staff note.
    ReportSpec(
        country="MA",
        review=("demo", "ESCWA"),
        author=MOROCCO,
        title="Morocco: Voluntary GCM review (demonstration), third round (Arab region)",
        languages=["ar", "fr"],
        sections=_section("Morocco"),
        progress=[
            (
                6,
                P.IN_PROGRESS,
                "Model employment contracts for workers recruited abroad were published.",
                "Monitoring of recruitment fees.",
                "Exchange of practice with other States of the region.",
            ),
            (
                22,
                P.PLANNED,
                "Negotiations on the portability of pension rights were opened with two partner States.",
                "",
                "",
            ),
        ],
        principles="beg",
        documents=[
            Doc(
                "docx",
                "maroc-examen-volontaire-region-arabe-demo.docx",
                "fr",
                ["Maroc (données de démonstration).", "Examen volontaire pour la région arabe."],
            )
        ],
        steps=[
            ("submit", MOROCCO),
            (
                "comment",
                STAFF,
                "Received, thank you. We will review it before the deadline and come back to you if anything is "
                "missing.",
            ),
        ],
    ),
]


def _users() -> dict[str, User]:
    return {u.email: u for u in User.objects.filter(email__in=[STAFF, ADMIN, GHANA, MEXICO, MOROCCO, MEMBER])}


def _progress_rows(rows, objectives) -> list[dict]:
    return [
        {"objective": objectives[n], "status": s, "measures": m, "challenges": c, "support_needed": sn}
        for n, s, m, c, sn in rows
    ]


def _report_build(spec: ReportSpec, users, reviews, objectives, principles) -> VoluntaryReport:
    country = Country.objects.get(iso2=spec.country)
    existing = VoluntaryReport.objects.filter(country=country, title=spec.title).first()
    if existing is not None:
        return existing
    if spec.review is None:
        review = None
    elif spec.review[0] == "demo":
        review = reviews[spec.review[1]]
    else:
        review = _historical(spec.review[1])
    author = users[spec.author]
    report = services.report_create(
        actor=author, country=country, title=spec.title, review=review, languages=spec.languages
    )
    report = services.report_update(
        report=report,
        actor=author,
        expected_version=report.version,
        data=spec.sections,
        progress=_progress_rows(spec.progress, objectives),
        objectives=[objectives[n] for n in spec.extra_objectives],
        principles=[principles[letter] for letter in spec.principles],
    )
    for doc in spec.documents:
        services.report_document_add(
            report=report,
            actor=author,
            upload=_upload(doc.kind, doc.name, spec.title, doc.lines),
            language=doc.language,
        )
    for step in spec.steps:
        action, actor = step[0], users[step[1]]
        report = VoluntaryReport.objects.get(pk=report.pk)
        if action == "edit":
            report = services.report_update(report=report, actor=actor, expected_version=report.version, data=step[2])
        elif action == "progress":
            report = services.report_update(
                report=report,
                actor=actor,
                expected_version=report.version,
                data={},
                progress=_progress_rows(step[2], objectives),
            )
        elif action == "comment":
            services.report_comment_add(report=report, actor=actor, body=step[2])
        else:
            comment = step[2] if len(step) > 2 else ""
            report = services.report_transition(report=report, action=action, actor=actor, comment=comment)
    return report


# ---------------------------------------------------------------------------
# Pledges and contributions
# ---------------------------------------------------------------------------


@dataclass
class PledgeSpec:
    author: str
    title: str
    entity: str
    countries: list[str]
    objectives: list[int]
    description: str
    review: tuple[str, str] | None
    statuses: list[str] = field(default_factory=list)  # successive status updates by the author
    publish: bool = False
    kind: str = PledgeKind.INDIVIDUAL
    region: str = ""
    entity_type: str = "State"


PLEDGES = [
    PledgeSpec(
        author=GHANA,
        title="Ghana: a national migration data platform (demonstration pledge)",
        entity="Government of Ghana (demonstration)",
        countries=["GH"],
        objectives=[1, 23],
        description="Demonstration data. Link the administrative sources on migration in one platform and publish "
        "an annual statistical bulletin with data disaggregated by sex and age.",
        review=(HISTORICAL_CYCLE, "ECA"),
        statuses=[PledgeStatus.IN_PROGRESS, PledgeStatus.FULFILLED],
        publish=True,
    ),
    PledgeSpec(
        author=MEXICO,
        title="Mexico: consular services for migrant workers (demonstration pledge)",
        entity="Government of Mexico (demonstration)",
        countries=["MX"],
        objectives=[6, 14],
        description="Demonstration data. Extend mobile consular services to regions with many seasonal workers and "
        "publish a yearly account of the cases handled.",
        review=(HISTORICAL_CYCLE, "ECLAC"),
        statuses=[PledgeStatus.IN_PROGRESS],
        publish=True,
    ),
    PledgeSpec(
        author=MOROCCO,
        title="Morocco: local reception and orientation services (demonstration pledge)",
        entity="Government of Morocco (demonstration)",
        countries=["MA"],
        objectives=[15, 16],
        description="Demonstration data. Support municipalities in opening reception and orientation points that "
        "give migrants information on services, rights and procedures.",
        review=(HISTORICAL_CYCLE, "ECA"),
        statuses=[PledgeStatus.IN_PROGRESS, PledgeStatus.FULFILLED],
        publish=True,
    ),
    PledgeSpec(
        author=STAFF,
        title="West African cooperation on fair recruitment (demonstration pledge)",
        entity="Ghana and Senegal (demonstration)",
        countries=["GH", "SN"],
        objectives=[6, 10, 23],
        description="Demonstration data. A joint pledge to share lists of licensed recruitment agencies and to "
        "coordinate inspections of recruitment practices.",
        review=("demo", "ECA"),
        publish=True,
        kind=PledgeKind.JOINT,
        region="West Africa",
    ),
    PledgeSpec(
        author=MOROCCO,
        title="Morocco: portability of social security rights (demonstration pledge)",
        entity="Government of Morocco (demonstration)",
        countries=["MA"],
        objectives=[22],
        description="Demonstration data. Conclude social security agreements with partner States of the region so "
        "that workers keep the pension rights they have earned.",
        review=("demo", "ESCWA"),
    ),
    PledgeSpec(
        author=MEXICO,
        title="Mexico: search and identification of missing migrants (demonstration pledge)",
        entity="Government of Mexico (demonstration)",
        countries=["MX"],
        objectives=[8],
        description="Demonstration data. Strengthen cooperation with countries of origin on the identification of "
        "missing migrants and on informing their families.",
        review=("demo", "ECLAC"),
    ),
]


def _review_for(key, reviews):
    if key is None:
        return None
    return reviews[key[1]] if key[0] == "demo" else _historical(key[1])


def _pledge_build(spec: PledgeSpec, users, reviews, objectives) -> Pledge:
    existing = Pledge.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing
    author = users[spec.author]
    pledge = services.pledge_create(
        actor=author,
        data={
            "submitting_entity": spec.entity,
            "entity_type": spec.entity_type,
            "title": spec.title,
            "kind": spec.kind,
            "region": spec.region,
            "description": spec.description,
            "review": _review_for(spec.review, reviews),
        },
        countries=list(Country.objects.filter(iso2__in=spec.countries)),
        objectives=[objectives[n] for n in spec.objectives],
    )
    if spec.publish:
        services.curation_set(item=pledge, actor=users[STAFF], curation=Curation.PUBLISHED)
    for status in spec.statuses:
        pledge = Pledge.objects.get(pk=pledge.pk)
        pledge = services.pledge_update(
            pledge=pledge, actor=author, expected_version=pledge.version, data={"status": status}
        )
    return pledge


CONTRIBUTIONS = [
    {
        "title": "Migrant-led organisations on the Ghana report (demonstration)",
        "organisation": "Migrant-led civil society organisation (demonstration)",
        "report": "Ghana: Voluntary GCM review (demonstration), 2024",
        "objectives": [6, 19],
        "body": "Demonstration data. We welcome the public list of licensed recruitment agencies. We suggest that "
        "the complaint line also accepts messages in the main languages of workers abroad, and that diaspora "
        "associations are invited to the working group on objective 19.",
        "publish": True,
    },
    {
        "title": "Priorities of civil society for the Latin America and the Caribbean review (demonstration)",
        "organisation": "Migrant-led civil society organisation (demonstration)",
        "review": (HISTORICAL_CYCLE, "ECLAC"),
        "objectives": [15, 17],
        "body": "Demonstration data. Access to health care and education regardless of status, and action against "
        "discrimination in public discourse, should be at the centre of the review.",
        "publish": True,
    },
    {
        "title": "Recommendations for the third Africa regional review (demonstration)",
        "organisation": "Migrant-led civil society organisation (demonstration)",
        "review": ("demo", "ECA"),
        "objectives": [7, 21],
        "body": "Demonstration data. We ask that the review hear returnees directly and that reintegration support "
        "be followed for at least two years.",
        "publish": False,
    },
]


def _contribution_build(item: dict, users, reviews, objectives) -> StakeholderContribution:
    author = users[MEMBER]
    existing = StakeholderContribution.objects.filter(author=author, title=item["title"]).first()
    if existing is not None:
        return existing
    report = None
    if "report" in item:
        report = VoluntaryReport.objects.get(title=item["report"])
    contribution = services.contribution_submit(
        actor=author,
        title=item["title"],
        body=item["body"],
        review=_review_for(item.get("review"), reviews),
        report=report,
        organisation=item["organisation"],
        objectives=[objectives[n] for n in item["objectives"]],
    )
    if item["publish"]:
        services.curation_set(item=contribution, actor=users[STAFF], curation=Curation.PUBLISHED)
    return contribution


# ---------------------------------------------------------------------------


def load_reviews_demo() -> None:
    """Create the reviews demo content; leaves what already exists untouched."""
    reviews = _demo_reviews()
    users = _users()
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
    for spec in REPORTS:
        _report_build(spec, users, reviews, objectives, principles)
    for spec in PLEDGES:
        _pledge_build(spec, users, reviews, objectives)
    for item in CONTRIBUTIONS:
        _contribution_build(item, users, reviews, objectives)
