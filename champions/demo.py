"""Demo content for the champions app: approved profiles and plans, commitments and activities in every
curation state, an open consultation with answers, a pairing, peer-learning requests and a letter of
confirmation waiting for the Network. Registered with :func:`gcm_portal.core.demo.register_demo_loader`.

Everything goes through the real services and workflow, acting as the demo accounts, so versions,
audit rows and notices are the ones the portal makes. All of it is invented and says so
("(demonstration)"); the real membership history is reference data, loaded by migrations.

Idempotent: each record is looked up by its natural key first and left alone when it exists.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gcm_portal.accounts.models import User
from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.curation import curation_perform
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, Objective

from . import services
from .models import (
    Activity,
    Champion,
    Commitment,
    Confirmation,
    Consultation,
    FocusArea,
    PeerLearningRequest,
    PeerPairing,
    ProfileUpdate,
)
from .workflow import ACTIVITY_WORKFLOW, COMMITMENT_WORKFLOW, PROFILE_WORKFLOW

__all__ = ["load_champions_demo"]

DEMO = "(demonstration)"
STAFF = "staff@example.org"
JOINING = "focal.jamaica@example.org"  # a focal point of a country that is not a champion (a kernel demo account)


def _users() -> dict:
    return {u.email: u for u in User.objects.filter(email__endswith="@example.org")}


def _objectives(*numbers):
    return list(Objective.objects.filter(number__in=numbers))


def _areas(*numbers):
    return list(FocusArea.objects.filter(number__in=numbers))


def _pdf(name: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample_pdf(["Demonstration document", *lines]), content_type="application/pdf")


PROFILES = [
    {
        "country": "GH",
        "author": "focal.ghana@example.org",
        "data": {
            "summary": f"Ghana pursues the GCM through its national migration policy and a whole-of-government coordination mechanism {DEMO}.",
            "coordination_body": f"National Migration Coordination Committee {DEMO}",
            "lead_ministry": f"Ministry of the Interior {DEMO}",
            "plan_status": "adopted",
            "plan_title": f"National GCM implementation plan 2024-2028 {DEMO}",
            "plan_adopted_on": "2024-03-01",
            "change_note": f"First profile {DEMO}",
        },
        "priority": (2, 6, 10, 19),
        "plan": (2, 6, 10, 19, 23),
        "focus": {
            "1": f"Hosted a cross-regional exchange on fair recruitment {DEMO}.",
            "3": f"Adopted a national plan {DEMO}.",
            "4": f"Ran a national consultation before the regional review {DEMO}.",
        },
        "document": "ghana-gcm-plan-demo.pdf",
    },
    {
        "country": "MX",
        "author": "focal.mexico@example.org",
        "data": {
            "summary": f"Mexico links the GCM to its national development planning {DEMO}.",
            "coordination_body": f"Inter-ministerial migration commission {DEMO}",
            "lead_ministry": f"Ministry of Foreign Affairs {DEMO}",
            "plan_status": "in_preparation",
            "plan_title": "",
            "plan_adopted_on": None,
            "change_note": f"First profile {DEMO}",
        },
        "priority": (5, 6, 15, 23),
        "plan": (),
        "focus": {
            "2": f"Piloted the Network's guidance on national implementation plans {DEMO}.",
            "5": f"Public campaign on the Compact {DEMO}.",
        },
        "document": None,
    },
    {
        "country": "MA",
        "author": "focal.morocco@example.org",
        "data": {
            "summary": f"Morocco co-chaired the initiative and shares its experience of regional dialogues {DEMO}.",
            "coordination_body": f"National migration strategy steering committee {DEMO}",
            "lead_ministry": f"Ministry of Foreign Affairs {DEMO}",
            "plan_status": "under_review",
            "plan_title": f"National strategy on immigration and asylum {DEMO}",
            "plan_adopted_on": "2014-12-18",
            "change_note": f"First profile {DEMO}",
        },
        "priority": (2, 10, 16, 23),
        "plan": (10, 16),
        "focus": {
            "1": f"Convened a cross-regional dialogue {DEMO}.",
            "5": f"Statements on a balanced narrative on migration {DEMO}.",
        },
        "document": None,
    },
]

COMMITMENTS = [
    # country, author, title, status, objectives, focus areas, curation path, progress updates
    (
        "GH",
        "focal.ghana@example.org",
        f"Train labour inspectors on fair recruitment {DEMO}",
        "in_progress",
        (6,),
        (1, 3),
        "publish",
        [
            (-200, "planned", f"Curriculum agreed with the labour ministry {DEMO}."),
            (-60, "in_progress", f"First 40 inspectors trained {DEMO}."),
        ],
    ),
    (
        "GH",
        "focal.ghana@example.org",
        f"Publish migration data twice a year {DEMO}",
        "planned",
        (1,),
        (3,),
        "pending",
        [],
    ),
    (
        "MX",
        "focal.mexico@example.org",
        f"Regularisation pathway for migrant workers {DEMO}",
        "achieved",
        (5, 15),
        (3,),
        "publish",
        [(-300, "in_progress", f"Decree drafted {DEMO}."), (-30, "achieved", f"Pathway open since last month {DEMO}.")],
    ),
    (
        "MA",
        "focal.morocco@example.org",
        f"Share the regional dialogue's recommendations {DEMO}",
        "planned",
        (23,),
        (1, 5),
        "return",
        [],
    ),
    (
        "MX",
        "focal.mexico@example.org",
        f"Pilot a consular mobile unit {DEMO}",
        "dropped",
        (14,),
        (2,),
        "publish",
        [(-90, "dropped", f"Replaced by a larger consular programme {DEMO}.")],
    ),
]

ACTIVITIES = [
    # kind, title, days from today, length, hosts, champions, objectives, curation path, author
    (
        "peer_exchange",
        f"Peer exchange on fair recruitment, Ghana and Morocco {DEMO}",
        25,
        2,
        ("GH",),
        ("GH", "MA"),
        (6,),
        "publish",
        "focal.ghana@example.org",
    ),
    (
        "technical_meeting",
        f"Technical meeting of champions on national plans {DEMO}",
        40,
        0,
        ("MX",),
        ("MX", "GH", "MA"),
        (23,),
        "publish",
        "focal.mexico@example.org",
    ),
    (
        "regional_briefing",
        f"Briefing for West African States on the regional review {DEMO}",
        -45,
        0,
        ("GH",),
        ("GH",),
        (23,),
        "publish",
        "focal.ghana@example.org",
    ),
    (
        "statement",
        f"Joint statement on International Migrants Day {DEMO}",
        60,
        0,
        ("MA",),
        ("MA", "MX"),
        (17,),
        "pending",
        "focal.morocco@example.org",
    ),
    (
        "ministerial_meeting",
        f"Ministerial round table on regular pathways {DEMO}",
        80,
        1,
        ("GH",),
        ("GH",),
        (5,),
        "return",
        "focal.ghana@example.org",
    ),
]


def _profiles(users) -> None:
    staff = users[STAFF]
    for spec in PROFILES:
        champion = Champion.objects.get(country__iso2=spec["country"])
        if ProfileUpdate.objects.filter(champion=champion).exists():
            continue
        data = dict(spec["data"])
        if data["plan_adopted_on"]:
            data["plan_adopted_on"] = timezone.datetime.fromisoformat(data["plan_adopted_on"]).date()
        update = services.profile_update_create(
            actor=users[spec["author"]],
            champion=champion,
            data=data,
            priority_objectives=_objectives(*spec["priority"]),
            plan_objectives=_objectives(*spec["plan"]),
            focus_notes=spec["focus"],
        )
        if spec["document"]:
            attachment_add(
                attachments=services.PROFILE_DOCUMENTS,
                parent=update,
                actor=users[spec["author"]],
                upload=_pdf(spec["document"], [data["plan_title"]]),
                language="en",
            )
        curation_perform(workflow=PROFILE_WORKFLOW, item=update, action="publish", actor=staff)
    # A later proposal from Ghana, waiting for the Network.
    ghana = Champion.objects.get(country__iso2="GH")
    if ProfileUpdate.objects.filter(champion=ghana).count() == 1:
        services.profile_update_create(
            actor=users["focal.ghana@example.org"],
            champion=ghana,
            data={
                **{
                    k: getattr(ghana, k)
                    for k in (
                        "summary",
                        "coordination_body",
                        "lead_ministry",
                        "plan_status",
                        "plan_title",
                        "plan_adopted_on",
                    )
                },
                "change_note": f"Adds objective 7 to the priorities {DEMO}",
            },
            priority_objectives=_objectives(2, 6, 7, 10, 19),
            plan_objectives=list(ghana.plan_objectives.all()),
            focus_notes={
                str(r.focus_area.number): r.what_it_did for r in ghana.focus_area_rows.select_related("focus_area")
            },
        )


def _commitments(users) -> None:
    staff, today = users[STAFF], timezone.localdate()
    for country, author, title, _final, objectives, areas, path, updates in COMMITMENTS:
        if Commitment.objects.filter(title=title).exists():
            continue
        commitment = services.commitment_create(
            actor=users[author],
            champion=Champion.objects.get(country__iso2=country),
            title=title,
            description=f"What the country commits to, and how it will show progress {DEMO}.",
            status="planned",
            objectives=_objectives(*objectives),
            focus_areas=_areas(*areas),
            evidence=[{"title": f"Pledges of the country {DEMO}", "url": f"/reviews/pledges/?country={country}"}],
        )
        for days, update_status, text in updates:
            services.commitment_progress_add(
                commitment=commitment,
                actor=users[author],
                date=today + timedelta(days=days),
                text=text,
                status=update_status,
            )
        commitment = Commitment.objects.get(pk=commitment.pk)
        if path == "publish":
            curation_perform(workflow=COMMITMENT_WORKFLOW, item=commitment, action="publish", actor=staff)
        elif path == "return":
            curation_perform(
                workflow=COMMITMENT_WORKFLOW,
                item=commitment,
                action="return",
                actor=staff,
                comment=f"Please tie it to a measurable target {DEMO}.",
            )


def _activities(users) -> None:
    staff, today = users[STAFF], timezone.localdate()
    for kind, title, days, length, hosts, champions, objectives, path, author in ACTIVITIES:
        if Activity.objects.filter(title=title).exists():
            continue
        start = today + timedelta(days=days)
        activity = services.activity_create(
            actor=users[author],
            kind=kind,
            title=title,
            start_date=start,
            end_date=start + timedelta(days=length) if length else None,
            location=f"Online {DEMO}",
            hosts=list(Country.objects.filter(iso2__in=hosts)),
            champions=list(Champion.objects.filter(country__iso2__in=champions)),
            objectives=_objectives(*objectives),
            summary=f"What was discussed and agreed {DEMO}.",
            recommendations=f"Share the practices discussed with other champions {DEMO}." if days < 0 else "",
        )
        if path == "publish":
            curation_perform(workflow=ACTIVITY_WORKFLOW, item=activity, action="publish", actor=staff)
        elif path == "return":
            curation_perform(
                workflow=ACTIVITY_WORKFLOW,
                item=activity,
                action="return",
                actor=staff,
                comment=f"Add the agenda {DEMO}.",
            )


def _consultations(users) -> None:
    staff, today = users[STAFF], timezone.localdate()
    title = f"Feedback on the draft guidance on national implementation plans {DEMO}"
    consultation = Consultation.objects.filter(title=title).first()
    if consultation is None:
        consultation = Consultation.objects.create(
            title=title,
            tool=f"GCM implementation guidance {DEMO}",
            description=f"Champions test the draft guidance and tell the working group what to change {DEMO}.",
            questions="Is the guidance's 360-degree vision clear?\nWhich part helped you most?\nWhat is missing?",
            opens_on=today - timedelta(days=10),
            closes_on=today + timedelta(days=20),
            created_by=staff,
        )
        attachment_add(
            attachments=services.CONSULTATION_DOCUMENTS,
            parent=consultation,
            actor=staff,
            upload=_pdf("draft-guidance-demo.pdf", [title]),
            language="en",
        )
        for country, author, answers in [
            (
                "GH",
                "focal.ghana@example.org",
                [
                    f"Yes, clear {DEMO}.",
                    f"The steps for a whole-of-government body {DEMO}.",
                    f"Examples from Africa {DEMO}.",
                ],
            ),
            (
                "MX",
                "focal.mexico@example.org",
                [f"Mostly {DEMO}.", f"The objective booklet {DEMO}.", f"Guidance on budgets {DEMO}."],
            ),
        ]:
            services.consultation_answer(
                consultation=consultation,
                champion=Champion.objects.get(country__iso2=country),
                actor=users[author],
                answers=answers,
            )
    closed = f"Feedback on the regional review guidance {DEMO}"
    if not Consultation.objects.filter(title=closed).exists():
        Consultation.objects.create(
            title=closed,
            tool=f"Regional review guidance {DEMO}",
            questions="What worked?\nWhat should change?",
            opens_on=today - timedelta(days=120),
            closes_on=today - timedelta(days=90),
            created_by=staff,
        )


def _peer_learning(users) -> None:
    staff, today = users[STAFF], timezone.localdate()
    ghana, morocco = Champion.objects.get(country__iso2="GH"), Champion.objects.get(country__iso2="MA")
    if not PeerPairing.objects.filter(first=ghana, second=morocco).exists():
        services.pairing_create(
            actor=staff,
            first=ghana,
            second=morocco,
            started_on=today - timedelta(days=150),
            outcome=f"Ghana adapted Morocco's regional dialogue format for its national consultation {DEMO}.",
            objectives=_objectives(10, 23),
        )
    jamaica = Country.objects.get(iso2="JM")
    if not PeerLearningRequest.objects.filter(country=jamaica).exists():
        request = services.request_create(
            actor=staff,
            country=jamaica,
            objective=Objective.objects.get(number=19),
            description=f"How champions involve their diaspora in national planning {DEMO}.",
        )
        services.request_route(
            request=request, actor=staff, champion=ghana, note=f"Ghana has a diaspora affairs office {DEMO}."
        )
    mexico = Country.objects.get(iso2="MX")
    if not PeerLearningRequest.objects.filter(country=mexico).exists():
        services.request_create(
            actor=users["focal.mexico@example.org"],
            country=mexico,
            objective=Objective.objects.get(number=21),
            description=f"Reintegration programmes for returning migrants {DEMO}.",
        )


def _joining(users) -> None:
    user = users.get(JOINING)
    if user is None:
        return
    country = Country.objects.get(iso2="JM")
    if Confirmation.objects.filter(country=country).exists():
        return
    letter = services.confirmation_create(
        actor=user,
        country=country,
        letter_date=timezone.localdate() - timedelta(days=5),
        signed_by=f"Minister of Foreign Affairs {DEMO}",
        note=f"Jamaica wishes to join the initiative {DEMO}.",
    )
    attachment_add(
        attachments=services.CONFIRMATION_DOCUMENTS,
        parent=letter,
        actor=user,
        upload=_pdf("letter-of-confirmation-demo.pdf", ["Letter of confirmation", DEMO]),
        language="en",
    )


def load_champions_demo() -> None:
    """Create the champions demo content; leaves what already exists untouched."""
    users = _users()
    _profiles(users)
    _commitments(users)
    _activities(users)
    _consultations(users)
    _peer_learning(users)
    _joining(users)
