"""Demo content of the knowledge hub, from ``data/demo.json``: an expert roster, practices in every state
of their peer review (one published after a disagreement and a fourth reviewer), a call for practices
on the COVID-19 theme, resources with one file per language, upcoming and past events, a workstream with
an open call to join, country networks, discussion spaces (one open with a reported and a hidden
comment, one closed) and Connection Hub requests. Registered with
:func:`gcm_portal.core.demo.register_demo_loader`.

Everything goes through the real services, acting as the demo accounts (and a few demo experts, who
sign in with the demo password), so audit rows, notices and publication events are the portal's own.
Invented content says "(demonstration)".

Idempotent: each record is looked up by its natural key first and left alone when it exists, so running
the loader twice creates nothing new.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gcm_portal.accounts.models import User
from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.demo import DEMO_PASSWORD
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, M49Region, Objective, UnEntity
from mptf.models import ConceptNote

from . import services
from .choices import ExpertStatus
from .models import (
    CallForPractices,
    DiscussionSpace,
    Event,
    Expert,
    JoinRequest,
    MigrationNetwork,
    Practice,
    Resource,
    SupportRequest,
    ThemeResponse,
    WorkingGroup,
)

__all__ = ["load_knowledge_demo"]

DATA = Path(__file__).resolve().parent / "data" / "demo.json"
STAFF = "staff@example.org"
SCORES = {"objectives": 4, "principles": 4, "results": 4, "innovation": 3, "replicability": 4}


@cache
def demo_content() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _pdf(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample_pdf(["Demonstration document", *lines]), content_type="application/pdf")


class _Demo:
    """What the loader reads once: the accounts, objectives, principles and entities by key."""

    def __init__(self):
        self.users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
        self.staff = self.users[STAFF]
        self.objectives = {o.number: o for o in Objective.objects.all()}
        self.principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
        self.entities = {e.code: e for e in UnEntity.objects.all()}

    def objective_list(self, numbers):
        return [self.objectives[n] for n in numbers]

    def entity_list(self, codes):
        return [self.entities[c] for c in codes]


# ---------------------------------------------------------------------------
# The expert roster
# ---------------------------------------------------------------------------


def _experts(demo: _Demo) -> dict[str, Expert]:
    experts = {}
    password = None
    for spec in demo_content()["experts"]:
        user = demo.users.get(spec["email"])
        if user is None:
            password = password or make_password(DEMO_PASSWORD)  # hashed once for all demo experts
            user = User.objects.create_user(
                email=spec["email"],
                full_name=spec["name"],
                organisation=spec["organisation"],
                preferred_language=spec["application_language"] if spec["application_language"] != "zh" else "zh-hans",
            )
            user.password = password
            user.save(update_fields=["password"])
            demo.users[user.email] = user
        expert = Expert.objects.filter(user=user).first()
        if expert is None:
            expert = services.expert_apply(
                actor=user,
                data={
                    "application_language": spec["application_language"],
                    "gender": spec["gender"],
                    "country": Country.objects.get(iso2=spec["country"]),
                    "region": M49Region.objects.get(code=spec["region"]),
                    "years_of_experience": spec["years"],
                    "organisation": spec["organisation"],
                    "organisation_type": "un" if spec["un"] else "external",
                    "un_entity": demo.entities.get(spec["entity"]) if spec["entity"] else None,
                    "expertise": spec["expertise"],
                },
                objectives=demo.objective_list(spec["objectives"]),
                languages=spec["languages"],
                cv=_pdf("cv.pdf", f"CV of {user} (demonstration)"),
            )
            if spec["status"] == ExpertStatus.APPROVED:
                expert = services.expert_transition(expert=expert, action="approve", actor=demo.staff)
        experts[spec["email"]] = expert
    return experts


# ---------------------------------------------------------------------------
# Practices and their peer review
# ---------------------------------------------------------------------------


def _call(demo: _Demo) -> CallForPractices:
    spec = demo_content()["call"]
    call = CallForPractices.objects.filter(title=spec["title"]).first()
    if call is None:
        call = services.call_create(
            actor=demo.staff,
            data={
                "title": spec["title"],
                "theme": ThemeResponse.objects.get(theme__slug=spec["theme"], code="access-to-services").theme,
                "description": spec["description"],
                "deadline": timezone.localdate() + timedelta(days=spec["days_to_deadline"]),
                "open_to": spec["open_to"],
                "contact": spec["contact"],
            },
            objectives=demo.objective_list(spec["objectives"]),
            publish=True,
        )
    return call


def _practice(spec: dict, demo: _Demo, experts, call) -> Practice:
    existing = Practice.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    author = demo.users[spec["author"]]
    practice = services.practice_create(
        actor=author,
        data={
            "title": spec["title"],
            "language": spec["language"],
            "implementation_start": spec["start"],
            "implementation_end": spec["end"],
            "geographic_scope": spec["scope"],
            "practice_type": spec["type"],
            "implementing_partners": spec["partners"],
            "description": f"What was done, by whom and for whom: {spec['title']}",
            "results": "Measured results and who benefited (demonstration).",
            "lessons": "What worked, what did not, and what the partners would change (demonstration).",
            "replicability": "Conditions under which others could adopt it (demonstration).",
            "organisation": spec["organisation"],
            "submitter_country": Country.objects.get(iso2=spec["submitter_country"])
            if spec["submitter_country"]
            else None,
            "exclude_same_country_reviewers": spec.get("exclude_same_country", False),
            "call": call if spec.get("call") else None,
        },
        objectives=demo.objective_list(spec["objectives"]),
        principles=[demo.principles[letter] for letter in spec["principles"]],
        countries=list(Country.objects.filter(iso2__in=spec["countries"])),
        theme_responses=list(ThemeResponse.objects.filter(code__in=spec["responses"])),
        contacts=[{"name": str(author), "organisation": spec["organisation"], "email": author.email}],
    )
    attachment_add(
        attachments=services.PRACTICE_DOCUMENTS,
        parent=practice,
        actor=author,
        upload=_pdf("practice-summary.pdf", spec["title"], "Evaluation summary (demonstration)"),
        language=spec["language"],
    )
    staff = demo.staff
    if spec["reviews"] or spec.get("conflict") or spec.get("pending"):
        practice = services.practice_transition(practice=practice, action="send_to_review", actor=staff)
        for email, recommendation in spec["reviews"]:
            assignment = services.reviewer_assign(practice=practice, expert=experts[email], actor=staff)
            reviewer = experts[email].user
            assignment = services.assignment_declare(assignment=assignment, actor=reviewer, has_conflict=False)
            services.review_submit(
                assignment=assignment,
                actor=reviewer,
                scores=SCORES,
                recommendation=recommendation,
                comments=f"Recommendation: {recommendation} (demonstration).",
            )
        if email := spec.get("conflict"):
            assignment = services.reviewer_assign(practice=practice, expert=experts[email], actor=staff)
            services.assignment_declare(
                assignment=assignment,
                actor=experts[email].user,
                has_conflict=True,
                note="I advised the submitting ministry on this programme (demonstration).",
            )
        for email in spec.get("pending", []):
            services.reviewer_assign(practice=practice, expert=experts[email], actor=staff)
    if spec["final"]:
        practice = Practice.objects.get(pk=practice.pk)
        practice = services.practice_transition(
            practice=practice, action=spec["final"], actor=staff, comment=spec.get("message", "")
        )
    return practice


# ---------------------------------------------------------------------------
# Resources, events, working groups and networks
# ---------------------------------------------------------------------------


def _resource(spec: dict, demo: _Demo) -> Resource:
    existing = Resource.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    author = demo.users[spec["author"]]
    published_on = (
        date.fromisoformat(spec["date"])
        if spec.get("date")
        else timezone.localdate() - timedelta(days=spec["days_ago"])
    )
    resource = services.resource_create(
        actor=author,
        data={
            "title": spec["title"],
            "summary": spec["summary"],
            "resource_type": spec["type"],
            "publisher": spec["publisher"],
            "publication_date": published_on,
            "languages": spec["languages"],
            "audience": spec["audience"],
            "geographic_scope": spec["scope"],
            "working_group": WorkingGroup.objects.filter(name=spec["group"]).first() if spec["group"] else None,
            "url": spec.get("url", ""),
        },
        objectives=demo.objective_list(spec["objectives"]),
        principles=[demo.principles[letter] for letter in spec["principles"]],
        publish=spec["publish"],
    )
    for language, _kind in spec["files"]:
        attachment_add(
            attachments=services.RESOURCE_FILES,
            parent=resource,
            actor=author,
            upload=_pdf(f"resource-{language}.pdf", spec["title"], f"Language: {language}"),
            language=language,
        )
    return resource


def _event(spec: dict, demo: _Demo) -> Event:
    existing = Event.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    zone = ZoneInfo(spec["timezone"])
    day = timezone.localdate() + timedelta(days=spec["days"])
    starts = datetime.combine(day, time(spec["hour"]), tzinfo=zone)
    return services.event_create(
        actor=demo.staff,
        data={
            "title": spec["title"],
            "kind": spec["kind"],
            "starts_at": starts,
            "ends_at": starts + timedelta(minutes=spec["minutes"]),
            "timezone": spec["timezone"],
            "format": spec["format"],
            "location": spec["location"],
            "organiser": spec["organiser"],
            "interpretation_languages": spec["languages"],
            "audience": spec["audience"],
            "description": spec["description"],
            "registration_url": spec.get("registration", ""),
            "recording_url": spec.get("recording", ""),
            "summary": spec.get("summary", ""),
        },
        objectives=demo.objective_list(spec["objectives"]),
        resources=list(Resource.objects.filter(title__in=spec["resources"])),
        practices=list(Practice.objects.filter(title__in=spec["practices"])),
        publish=True,
    )


def _group(demo: _Demo) -> WorkingGroup:
    spec = demo_content()["group"]
    group = WorkingGroup.objects.filter(name=spec["name"]).first()
    if group is None:
        group = services.group_create(
            actor=demo.staff,
            data={
                "code": spec["code"],
                "name": spec["name"],
                "workplan_period": spec["period"],
                "description": spec["description"],
                "stakeholder_co_leads": "\n".join(spec["stakeholder_co_leads"]),
                "stakeholder_members": "\n".join(spec["stakeholder_members"]),
                "call_open": True,
                "call_text": spec["call_text"],
            },
            un_co_leads=demo.entity_list(spec["un_co_leads"]),
            member_entities=demo.entity_list(spec["member_entities"]),
            objectives=demo.objective_list(spec["objectives"]),
            publish=True,
        )
        attachment_add(
            attachments=services.GROUP_DOCUMENTS,
            parent=group,
            actor=demo.staff,
            upload=_pdf("terms-of-reference.pdf", spec["name"], "Terms of reference (demonstration)"),
            language="en",
        )
    join = spec["join"]
    user = demo.users[join["email"]]
    if not JoinRequest.objects.filter(group=group, user=user).exists():
        services.join_request_create(
            group=group, actor=user, organisation=join["organisation"], motivation=join["motivation"]
        )
    return group


def _network(spec: dict, demo: _Demo) -> MigrationNetwork:
    existing = MigrationNetwork.objects.filter(name=spec["name"]).first()
    if existing is not None:
        return existing
    network = services.network_create(
        actor=demo.staff,
        data={
            "kind": "country",
            "name": spec["name"],
            "country": Country.objects.get(iso2=spec["country"]),
            "un_team": spec["un_team"],
            "established_on": date.fromisoformat(spec["established"]),
            "co_chairs_other": spec["co_chairs_other"],
            "migration_in_cca": spec["cca"],
            "migration_in_cooperation_framework": spec["cf"],
            "summary": spec["summary"],
            "source_title": "Demonstration data",
        },
        co_chairs=demo.entity_list(spec["co_chairs"]),
        member_entities=demo.entity_list(spec["members"]),
        publish=True,
    )
    for category, name in (("terms_of_reference", "terms-of-reference.pdf"), ("workplan", "workplan.pdf")):
        attachment_add(
            attachments=services.NETWORK_DOCUMENTS,
            parent=network,
            actor=demo.staff,
            upload=_pdf(name, spec["name"], category),
            category=category,
            language="en",
        )
    return network


# ---------------------------------------------------------------------------
# Discussion spaces and Connection Hub requests
# ---------------------------------------------------------------------------


def _space(spec: dict, demo: _Demo) -> DiscussionSpace:
    existing = DiscussionSpace.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    space = services.space_create(
        actor=demo.staff,
        data={
            "title": spec["title"],
            "description": spec["description"],
            "moderator": demo.staff,
            "audience": spec["audience"],
            "languages": spec["languages"],
            # opened before the comments are posted, moved to its real dates below
            "opens_on": today - timedelta(days=1),
            "closes_on": today + timedelta(days=1),
        },
        questions=spec["questions"],
        objectives=demo.objective_list(spec["objectives"]),
        publish=True,
    )
    questions = list(space.questions.all())
    posted = {}
    for item in spec["comments"]:
        comment = services.comment_post(
            space=space,
            actor=demo.users[item["author"]],
            body=item["body"],
            language=item["language"],
            question=questions[item["question"]] if "question" in item else None,
            parent=posted.get(item.get("parent")),
        )
        posted[item["key"]] = comment
        if report := item.get("report"):
            services.comment_report(comment=comment, actor=demo.users[report["by"]], reason=report["reason"])
        if item.get("hide"):
            services.comment_moderate(comment=comment, actor=demo.staff, action="hide")
    space = DiscussionSpace.objects.get(pk=space.pk)
    return services.space_update(
        space=space,
        actor=demo.staff,
        expected_version=space.version,
        data={"opens_on": today + timedelta(days=spec["opens"]), "closes_on": today + timedelta(days=spec["closes"])},
    )


def _request(spec: dict, demo: _Demo, experts) -> SupportRequest:
    existing = SupportRequest.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    author = demo.users[spec["author"]]
    request = services.support_request_create(
        actor=author,
        country=Country.objects.get(iso2=spec["country"]),
        data={
            "title": spec["title"],
            "description": spec["description"],
            "support_kinds": spec["kinds"],
            "urgency": spec["urgency"],
        },
        objectives=demo.objective_list(spec["objectives"]),
    )
    staff = demo.staff
    for step, value in spec["steps"]:
        request = SupportRequest.objects.get(pk=request.pk)
        if step == "match_expert":
            services.support_match_add(request=request, actor=staff, kind="expert", target=experts[value])
        elif step == "match_state":
            services.support_match_add(
                request=request, actor=staff, kind="peer_state", target=Country.objects.get(iso2=value)
            )
        elif step == "match_entity":
            services.support_match_add(request=request, actor=staff, kind="un_entity", target=demo.entities[value])
        elif step == "match_concept_note":
            note = ConceptNote.objects.filter(title=value).first()
            if note is not None:  # the trust fund's demo loads first; without it, no match
                services.support_match_add(request=request, actor=staff, kind="concept_note", target=note)
        else:
            services.support_request_transition(request=request, action=step, actor=staff, comment=value)
    return request


# ---------------------------------------------------------------------------


def load_knowledge_demo() -> None:
    """Create the knowledge hub's demo content; leaves what already exists untouched."""
    content = demo_content()
    demo = _Demo()
    experts = _experts(demo)
    call = _call(demo)
    for spec in content["practices"]:
        _practice(spec, demo, experts, call)
    for spec in content["resources"]:
        _resource(spec, demo)
    for spec in content["events"]:
        _event(spec, demo)
    _group(demo)
    for spec in content["networks"]:
        _network(spec, demo)
    for spec in content["spaces"]:
        _space(spec, demo)
    for spec in content["requests"]:
        _request(spec, demo, experts)
