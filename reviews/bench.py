"""Benchmark data for reviews (registered with :func:`gcm_portal.core.bench.register_bench_seeder`):
bench users and focal points, voluntary reports with sections, objective tags, progress and documents
(most of them published, with their published version), and pledges. Bulk inserts only; deterministic
for a seed; a second run replaces the first run's records."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gcm_portal.accounts.choices import Role
from gcm_portal.accounts.models import Membership, User
from gcm_portal.core.bench import BENCH_DOMAIN, BenchScale
from gcm_portal.core.versions import fingerprint_of
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective

from .choices import PledgeStatus, ProgressStatus, ReportStatus
from .models import (
    ObjectiveProgress,
    Pledge,
    RegionalReview,
    ReportDocument,
    ReportVersion,
    VoluntaryReport,
)
from .snapshots import SECTION_FIELDS

__all__ = ["BENCH_PASSWORD", "seed_reviews"]

BENCH_PASSWORD = "bench-password"
BATCH = 2_000
WORDS = [
    "migration",
    "labour",
    "recruitment",
    "fair",
    "ethical",
    "data",
    "consular",
    "return",
    "reintegration",
    "border",
    "rights",
    "children",
    "women",
    "remittances",
    "diaspora",
    "skills",
    "integration",
    "health",
    "education",
    "housing",
    "trafficking",
    "smuggling",
    "detention",
    "alternatives",
    "regular",
    "pathways",
    "climate",
    "disaster",
    "displacement",
    "cooperation",
    "partnership",
    "national",
    "plan",
    "coordination",
    "ministry",
    "municipality",
    "civil",
    "society",
    "survey",
    "statistics",
    "report",
    "review",
    "progress",
    "challenge",
]


def _text(rng, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _clear() -> None:
    bench_users = User.objects.filter(email__endswith="@" + BENCH_DOMAIN)
    Pledge.objects.filter(created_by__in=bench_users).delete()
    reports = VoluntaryReport.objects.filter(created_by__in=bench_users)
    VoluntaryReport.objects.filter(pk__in=reports).update(public_version=None)
    ReportVersion.objects.filter(report__in=reports).delete()
    reports.delete()
    bench_users.delete()


def _users(scale: BenchScale, countries) -> list[User]:
    password = make_password(BENCH_PASSWORD)
    users = User.objects.bulk_create(
        [
            User(email=f"user{i:05d}@{BENCH_DOMAIN}", full_name=f"Bench User {i}", password=password)
            for i in range(scale.users)
        ],
        batch_size=BATCH,
    )
    # One focal point per country while users last; the first user is Network staff.
    memberships = [Membership(user=users[0], role=Role.NETWORK_STAFF)]
    memberships += [
        Membership(user=user, role=Role.FOCAL_POINT, country=country)
        for user, country in zip(users[1:], countries, strict=False)
    ]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    return users


def seed_reviews(scale: BenchScale, rng, stdout=None) -> dict[str, int]:
    _clear()
    countries = list(Country.objects.filter(status="member_state").order_by("iso2"))
    objectives = list(Objective.objects.order_by("number"))
    principles = list(GuidingPrinciple.objects.order_by("letter"))
    reviews_by_country = {}
    for review in RegionalReview.objects.prefetch_related("invitations").order_by("pk"):
        for invitation in review.invitations.all():
            reviews_by_country.setdefault(invitation.country_id, []).append(review)
    users = _users(scale, countries)
    authors = {m.country_id: m.user for m in Membership.objects.filter(user__in=users, role=Role.FOCAL_POINT)}
    now = timezone.now()

    reports = []
    for i in range(scale.reports):
        country = countries[i % len(countries)]
        published = rng.random() < 0.75
        status = ReportStatus.PUBLISHED if published else rng.choice([ReportStatus.DRAFT, ReportStatus.SUBMITTED])
        reviews = reviews_by_country.get(country.pk) or [None]
        moment = now - timedelta(days=rng.randrange(1, 2000))
        reports.append(
            VoluntaryReport(
                country=country,
                review=rng.choice(reviews),
                title=f"{country.name}: voluntary GCM review {i} (benchmark)",
                languages=[rng.choice(["en", "fr", "es", "ar", "ru", "zh-hans"])],
                status=status,
                created_by=authors.get(country.pk, users[0]),
                submitted_at=moment if status != ReportStatus.DRAFT else None,
                published_at=moment if published else None,
                **{name: _text(rng, rng.randrange(40, 160)) for name in SECTION_FIELDS},
            )
        )
    reports = VoluntaryReport.objects.bulk_create(reports, batch_size=BATCH)

    tags, progress, principle_tags = [], [], []
    report_objectives = {}
    for report in reports:
        chosen = rng.sample(objectives, rng.randrange(2, 7))
        report_objectives[report.pk] = sorted(o.number for o in chosen)
        tags += [VoluntaryReport.objectives.through(voluntaryreport_id=report.pk, objective_id=o.pk) for o in chosen]
        progress += [
            ObjectiveProgress(
                report=report,
                objective=o,
                status=rng.choice(ProgressStatus.values),
                measures=_text(rng, 30),
                challenges=_text(rng, 12),
            )
            for o in chosen[:2]
        ]
        principle_tags += [
            VoluntaryReport.principles.through(voluntaryreport_id=report.pk, guidingprinciple_id=p.pk)
            for p in rng.sample(principles, 2)
        ]
    VoluntaryReport.objectives.through.objects.bulk_create(tags, batch_size=BATCH)
    VoluntaryReport.principles.through.objects.bulk_create(principle_tags, batch_size=BATCH)
    ObjectiveProgress.objects.bulk_create(progress, batch_size=BATCH)

    documents = []
    for n in range(scale.documents):
        report = reports[n % len(reports)]
        digest = hashlib.sha256(f"bench-{n}".encode()).hexdigest()
        documents.append(
            ReportDocument(
                report=report,
                file=f"bench/{digest[:32]}.pdf",
                original_name=f"report-{n}.pdf",
                content_type="application/pdf",
                size=rng.randrange(50_000, 5_000_000),
                sha256=digest,
                language=rng.choice(["en", "fr", "es"]),
                text_status="done",
                uploaded_by=report.created_by,
            )
        )
    documents = ReportDocument.objects.bulk_create(documents, batch_size=BATCH)
    docs_of = {}
    for document in documents:
        docs_of.setdefault(document.report_id, []).append(document)

    versions = []
    countries_by_pk = {c.pk: c for c in countries}
    for report in reports:
        if report.status != ReportStatus.PUBLISHED:
            continue
        country = countries_by_pk[report.country_id]
        snapshot = {
            "id": report.pk,
            "country": {"iso2": country.iso2, "name": country.name},
            "review": {"id": report.review_id, "title": report.review.title} if report.review_id else None,
            "title": report.title,
            "languages": report.languages,
            "sections": {name: getattr(report, name) for name in SECTION_FIELDS},
            "objectives": report_objectives[report.pk],
            "principles": [],
            "progress": [],
            "documents": [
                {"id": d.pk, "name": d.original_name, "language": d.language, "sha256": d.sha256, "size": d.size}
                for d in docs_of.get(report.pk, [])
            ],
            "received_by_email": False,
        }
        versions.append(
            ReportVersion(
                report=report,
                number=1,
                snapshot=snapshot,
                fingerprint=fingerprint_of(snapshot),
                title=report.title,
                review_id=report.review_id,
                published=True,
                note="Published (benchmark)",
                created_by=report.created_by,
            )
        )
    versions = ReportVersion.objects.bulk_create(versions, batch_size=BATCH)
    version_tags = [
        ReportVersion.objectives.through(reportversion_id=v.pk, objective_id=o.pk)
        for v in versions
        for o in objectives
        if o.number in report_objectives[v.report_id]
    ]
    ReportVersion.objectives.through.objects.bulk_create(version_tags, batch_size=BATCH)
    for version in versions:
        version.report.public_version = version
    VoluntaryReport.objects.bulk_update([v.report for v in versions], ["public_version"], batch_size=BATCH)

    pledges = []
    for n in range(scale.pledges):
        country = countries[n % len(countries)]
        pledges.append(
            Pledge(
                reference=f"BENCH-{n:06d}",
                party_type="member_state",
                submitting_entity=f"Government of {country.name}",
                pledge_type=rng.choice(["financial", "human_resources", "process", "policy"]),
                title=f"{country.name}: pledge {n} (benchmark)",
                description=_text(rng, 80),
                status=rng.choice(PledgeStatus.values),
                curation="published" if rng.random() < 0.8 else "pending",
                pledged_on=(now - timedelta(days=rng.randrange(1, 1500))).date(),
                created_by=authors.get(country.pk, users[0]),
                contact_name="Bench Contact",
                contact_email=f"contact@{BENCH_DOMAIN}",
            )
        )
    pledges = Pledge.objects.bulk_create(pledges, batch_size=BATCH)
    through_countries, through_states, through_objectives = [], [], []
    for pledge in pledges:
        country_id = countries[int(pledge.reference[-6:]) % len(countries)].pk
        through_states.append(Pledge.pledging_countries.through(pledge_id=pledge.pk, country_id=country_id))
        through_countries.append(Pledge.countries.through(pledge_id=pledge.pk, country_id=country_id))
        through_objectives += [
            Pledge.objectives.through(pledge_id=pledge.pk, objective_id=o.pk) for o in rng.sample(objectives, 2)
        ]
    Pledge.pledging_countries.through.objects.bulk_create(through_states, batch_size=BATCH)
    Pledge.countries.through.objects.bulk_create(through_countries, batch_size=BATCH)
    Pledge.objectives.through.objects.bulk_create(through_objectives, batch_size=BATCH)
    return {
        "users": len(users),
        "voluntary reports": len(reports),
        "published versions": len(versions),
        "document records": len(documents),
        "pledges": len(pledges),
    }
