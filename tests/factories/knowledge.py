"""Knowledge hub records in every state, built through the real services (never by writing status
fields)."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.samples import sample_pdf
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, M49Region, Objective, UnEntity
from knowledge import services
from knowledge.choices import Recommendation
from knowledge.models import Expert, Practice
from tests.factories.accounts import UserFactory, focal_point, user_with_role

PDF = sample_pdf("A practice report")
SCORES = {"objectives": 4, "principles": 4, "results": 3, "innovation": 4, "replicability": 5}


def pdf(name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def objectives(*numbers):
    return list(Objective.objects.filter(number__in=numbers))


def countries(*codes):
    return list(Country.objects.filter(iso2__in=codes))


# ---------------------------------------------------------------------------
# Experts
# ---------------------------------------------------------------------------


def make_expert(
    *,
    staff=None,
    name: str = "An Expert",
    organisation: str = "University of Accra",
    un: bool = False,
    entity: str | None = None,
    country: str = "KE",
    region: str = "002",
    objective_numbers=(6, 7),
    languages=("en",),
    gender: str = "woman",
    years: int = 10,
    user=None,
    cv: bool = True,
) -> Expert:
    """An application to the roster, approved by ``staff`` when given."""
    user = user or UserFactory(full_name=name, organisation=organisation)
    expert = services.expert_apply(
        actor=user,
        data={
            "application_language": "en",
            "gender": gender,
            "country": Country.objects.get(iso2=country),
            "region": M49Region.objects.get(code=region),
            "years_of_experience": years,
            "organisation": organisation,
            "organisation_type": "un" if un else "external",
            "un_entity": UnEntity.objects.get(code=entity) if entity else None,
            "expertise": "Labour migration policy and evaluation.",
        },
        objectives=objectives(*objective_numbers),
        languages=list(languages),
        cv=pdf("cv.pdf") if cv else None,
    )
    if staff is not None:
        expert = services.expert_transition(expert=expert, action="approve", actor=staff)
    return expert


def roster(staff) -> dict[str, Expert]:
    """A small roster: two UN and three external experts matching objective 6 in English, one in another
    language, one from the submitting organisation."""
    return {
        "un1": make_expert(
            staff=staff, name="Una Ilo", organisation="ILO", un=True, entity="ILO", country="CH", region="150", cv=False
        ),
        "un2": make_expert(
            staff=staff, name="Ugo Iom", organisation="IOM", un=True, entity="IOM", country="SN", cv=False
        ),
        "ext1": make_expert(staff=staff, name="Esi Mensah", organisation="University of Ghana", country="GH", cv=False),
        "ext2": make_expert(
            staff=staff, name="Eva Costa", organisation="Migration Policy Centre", country="IT", region="150", cv=False
        ),
        "ext3": make_expert(
            staff=staff, name="Emeka Obi", organisation="Lagos Business School", country="NG", cv=False
        ),
        "french": make_expert(
            staff=staff,
            name="Fatou Diop",
            organisation="Université de Dakar",
            languages=("fr",),
            country="SN",
            cv=False,
        ),
        "same_org": make_expert(
            staff=staff, name="Sam Same", organisation="Ghana Immigration Service", country="GH", cv=False
        ),
    }


# ---------------------------------------------------------------------------
# Practices
# ---------------------------------------------------------------------------


def practice_data(**overrides) -> dict:
    data = {
        "title": "Fair recruitment corridor Ghana-Gulf",
        "language": "en",
        "implementation_start": 2019,
        "implementation_end": 2022,
        "geographic_scope": "national",
        "practice_type": "programme",
        "implementing_partners": "Ministry of Labour; recruitment agencies",
        "description": "Licensing of recruitment agencies and a zero-fee policy.",
        "results": "Recruitment fees fell.",
        "lessons": "Agencies need inspection.",
        "replicability": "Any origin country with an agency register.",
        "organisation": "Ghana Immigration Service",
        "submitter_country": Country.objects.get(iso2="GH"),
        "exclude_same_country_reviewers": False,
    }
    data.update(overrides)
    return data


def make_practice(author, *, objective_numbers=(6,), country_codes=("GH",), contacts=None, **overrides) -> Practice:
    return services.practice_create(
        actor=author,
        data=practice_data(**overrides),
        objectives=objectives(*objective_numbers),
        principles=list(GuidingPrinciple.objects.filter(letter__in=["a", "c"])),
        countries=countries(*country_codes),
        contacts=contacts or [{"name": "Ama Owusu", "role": "Director", "email": "ama@example.org"}],
    )


def move(practice, actor, *actions, comment: str = "Decided after peer review."):
    for action in actions:
        practice = services.practice_transition(practice=practice, action=action, actor=actor, comment=comment)
    return practice


def review(assignment, recommendation=Recommendation.PUBLISH):
    """The expert declares no conflict and reviews."""
    user = assignment.expert.user
    assignment = services.assignment_declare(assignment=assignment, actor=user, has_conflict=False)
    return services.review_submit(assignment=assignment, actor=user, scores=SCORES, recommendation=recommendation)


def peer_reviewed(practice, staff, experts, recommendations=None):
    """Send to review, assign each expert, and have each review (publish by default)."""
    practice = move(practice, staff, "send_to_review")
    for i, expert in enumerate(experts):
        assignment = services.reviewer_assign(practice=practice, expert=expert, actor=staff)
        review(assignment, (recommendations or {}).get(i, Recommendation.PUBLISH))
    return Practice.objects.get(pk=practice.pk)


# ---------------------------------------------------------------------------
# The world of the permission matrix
# ---------------------------------------------------------------------------


class KnowledgeWorld:
    """The records of the permission matrix, each built on first use (through the real services), so
    that a row costs only the records it names. ``focal_gh`` is the matrix's Ghana focal point.

    A member's practices in each state (one peer reviewed by three experts and published), a pending
    and an approved expert, resources, events, working groups, networks, discussion spaces (an open one
    with a reported comment and a hidden one, and a closed one), a call, and two Connection Hub requests
    for Ghana: one by ``focal_gh`` and one by another Ghana focal point."""

    def __init__(self, focal_gh=None, network_countries=("GH", "MX")):
        self._focal_gh = focal_gh
        self._network_countries = network_countries

    @cached_property
    def focal_gh(self):
        return self._focal_gh or focal_point("GH")

    @cached_property
    def staff(self):
        return user_with_role("network_staff")

    @cached_property
    def member(self):
        return UserFactory(full_name="Mara Member", organisation="Ghana Immigration Service")

    # practices and peer review

    @cached_property
    def experts(self) -> list[Expert]:
        return [
            make_expert(
                staff=self.staff, name="Una Ilo", organisation="ILO", un=True, entity="ILO", country="CH", cv=False
            ),
            make_expert(staff=self.staff, name="Esi Mensah", organisation="University of Ghana", cv=False),
            make_expert(
                staff=self.staff, name="Eva Costa", organisation="Migration Policy Centre", country="IT", cv=False
            ),
        ]

    @property
    def expert_approved(self) -> Expert:
        return self.experts[0]

    @cached_property
    def expert_pending(self) -> Expert:
        return make_expert(name="Pat Pending", organisation="Refugee Law Project")

    @cached_property
    def submitted(self) -> Practice:
        return make_practice(self.member, title="Submitted practice")

    @cached_property
    def published(self) -> Practice:
        practice = peer_reviewed(make_practice(self.member, title="Published practice"), self.staff, self.experts)
        practice = move(practice, self.staff, "publish")
        attachment_add(
            attachments=services.PRACTICE_DOCUMENTS, parent=practice, actor=self.staff, upload=pdf(), language="en"
        )
        return practice

    @cached_property
    def in_review(self) -> Practice:
        return move(make_practice(self.member, title="Practice in review"), self.staff, "send_to_review")

    @cached_property
    def assignment(self):
        return services.reviewer_assign(practice=self.in_review, expert=self.experts[0], actor=self.staff)

    @cached_property
    def info_requested(self) -> Practice:
        return move(make_practice(self.member, title="Practice needing information"), self.staff, "request_info")

    @cached_property
    def call(self):
        return services.call_create(
            actor=self.staff,
            data={
                "title": "Call: COVID-19 responses",
                "description": "Practices.",
                "deadline": timezone.localdate() + timedelta(days=30),
            },
            publish=True,
        )

    # resources and events

    @cached_property
    def resource_published(self):
        resource = services.resource_create(
            actor=self.staff,
            data={
                "title": "Guidance on fair recruitment",
                "resource_type": "guidance",
                "publisher": "UN Network on Migration",
            },
            objectives=objectives(6),
            publish=True,
        )
        attachment_add(
            attachments=services.RESOURCE_FILES, parent=resource, actor=self.staff, upload=pdf(), language="en"
        )
        return resource

    @cached_property
    def resource_pending(self):
        return services.resource_create(
            actor=self.member,
            data={"title": "A suggested report", "resource_type": "publication", "publisher": "A university"},
        )

    @cached_property
    def event(self):
        return services.event_create(
            actor=self.staff,
            data={
                "title": "GCM Talk",
                "kind": "gcm_talk",
                "format": "online",
                "starts_at": timezone.now() + timedelta(days=7),
            },
            publish=True,
        )

    @cached_property
    def event_pending(self):
        return services.event_create(
            actor=self.staff,
            data={"title": "Draft webinar", "kind": "webinar", "format": "online", "starts_at": timezone.now()},
        )

    # working groups and networks

    @cached_property
    def group(self):
        group = services.group_create(
            actor=self.staff,
            data={"name": "Fair recruitment workstream", "call_open": True, "call_text": "Join us."},
            un_co_leads=list(UnEntity.objects.filter(code__in=["ILO", "IOM"])),
            publish=True,
        )
        attachment_add(
            attachments=services.GROUP_DOCUMENTS, parent=group, actor=self.staff, upload=pdf("tor.pdf"), language="en"
        )
        return group

    @cached_property
    def group_pending(self):
        return services.group_create(actor=self.staff, data={"name": "Draft workstream"})

    @cached_property
    def join(self):
        return services.join_request_create(
            group=self.group, actor=self.member, organisation="A NGO", motivation="Experience."
        )

    @cached_property
    def network(self):
        network = services.network_create(
            actor=self.staff,
            data={
                "kind": "country",
                "name": "UN Network on Migration in Ghana",
                "country": Country.objects.get(iso2=self._network_countries[0]),
                "un_team": "UN country team in Ghana",
            },
            publish=True,
        )
        attachment_add(
            attachments=services.NETWORK_DOCUMENTS,
            parent=network,
            actor=self.staff,
            upload=pdf("tor.pdf"),
            category="terms_of_reference",
        )
        return network

    @cached_property
    def network_pending(self):
        return services.network_create(
            actor=self.staff,
            data={
                "kind": "country",
                "name": "Draft network",
                "country": Country.objects.get(iso2=self._network_countries[1]),
                "un_team": "UNCT Mexico",
            },
        )

    # discussion spaces

    def _space(self, title, opens, closes):
        today = timezone.localdate()
        return services.space_create(
            actor=self.staff,
            data={
                "title": title,
                "description": "What works?",
                "audience": "Everyone",
                "languages": ["en", "fr"],
                "opens_on": today + timedelta(days=opens),
                "closes_on": today + timedelta(days=closes),
            },
            questions=["What works?"],
            publish=True,
        )

    @cached_property
    def space(self):
        return self._space("Open consultation", -1, 30)

    @cached_property
    def space_closed(self):
        return self._space("Closed consultation", -30, -1)

    @cached_property
    def comment(self):
        comment = services.comment_post(space=self.space, actor=self.member, body="A useful comment.")
        services.comment_report(comment=comment, actor=self.staff, reason="Check this.")
        return comment

    @cached_property
    def hidden_comment(self):
        comment = services.comment_post(space=self.space, actor=self.member, body="An offensive comment.")
        return services.comment_moderate(comment=comment, actor=self.staff, action="hide")

    # Connection Hub

    def _request(self, actor, title):
        return services.support_request_create(
            actor=actor,
            country=Country.objects.get(iso2="GH"),
            data={"title": title, "description": "We need advice.", "support_kinds": ["technical"]},
            objectives=objectives(23),
        )

    @cached_property
    def request_own(self):
        return self._request(self.focal_gh, "Help with a national plan")

    @cached_property
    def request_other(self):
        return self._request(focal_point("GH"), "Another request")

    def build_all(self) -> KnowledgeWorld:
        for name, value in type(self).__dict__.items():
            if isinstance(value, cached_property):
                getattr(self, name)
        return self


def build_knowledge_world(focal_gh=None) -> KnowledgeWorld:
    return KnowledgeWorld(focal_gh=focal_gh)
