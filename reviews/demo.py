"""Demo content for reviews: an open demonstration round, voluntary reports in every state, pledges and
stakeholder contributions, from ``data/demo.json``. Registered with
:func:`gcm_portal.core.demo.register_demo_loader`.

Everything except the demonstration review cycle goes through the real services, acting as the demo
accounts, so versions, fingerprints, audit rows and notifications are the ones the portal makes. The
content is invented demonstration material, not a statement of any government's policies.

Idempotent: each report, pledge and contribution is looked up by its natural key first and left alone
when it exists, so running the loader twice creates nothing new.
"""

from __future__ import annotations

import json
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gcm_portal.accounts.models import User
from gcm_portal.core.files import FILE_KINDS
from gcm_portal.core.samples import sample_docx, sample_pdf
from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective, RegionalCommission

from . import services
from .choices import ReviewStatus
from .models import Pledge, RegionalReview, ReviewCycle, StakeholderContribution, VoluntaryReport

__all__ = ["load_reviews_demo"]

DATA = Path(__file__).resolve().parent / "data" / "demo.json"
STAFF = "staff@example.org"
MEMBER = "member@example.org"


@cache
def demo_content() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _upload(doc: dict, title: str) -> SimpleUploadedFile:
    kind = FILE_KINDS[doc["kind"]]
    if doc["kind"] == "pdf":
        content = sample_pdf(["Demonstration report", title, "", *doc["lines"]])
    else:
        content = sample_docx(title, ["Demonstration report", *doc["lines"]])
    return SimpleUploadedFile(doc["name"], content, content_type=kind.content_type)


# ---------------------------------------------------------------------------
# The demonstration review round (no real round is open, but reminders and the "open for
# submissions" journey need one with a deadline ahead)
# ---------------------------------------------------------------------------


def _demo_reviews() -> dict[str, RegionalReview]:
    """Create (or move forward to stay in the future) the demonstration round and its open reviews."""
    today = timezone.localdate()
    spec = demo_content()["cycle"]
    cycle, _ = ReviewCycle.objects.get_or_create(
        code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"}
    )
    reviews = {}
    for item in demo_content()["reviews"]:
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


def _review_for(key, reviews) -> RegionalReview | None:
    if key is None:
        return None
    cycle, commission = key
    if cycle == "demo":
        return reviews[commission]
    return RegionalReview.objects.get(cycle__code=cycle, commission__code=commission)


# ---------------------------------------------------------------------------
# Voluntary reports
# ---------------------------------------------------------------------------


def _progress_rows(rows, objectives) -> list[dict]:
    return [
        {"objective": objectives[n], "status": s, "measures": m, "challenges": c, "support_needed": sn}
        for n, s, m, c, sn in rows
    ]


def _report_build(spec: dict, users, reviews, objectives, principles) -> VoluntaryReport:
    country = Country.objects.get(iso2=spec["country"])
    existing = VoluntaryReport.objects.filter(country=country, title=spec["title"]).first()
    if existing is not None:
        return existing
    author = users[spec["author"]]
    report = services.report_create(
        actor=author,
        country=country,
        title=spec["title"],
        review=_review_for(spec["review"], reviews),
        languages=spec["languages"],
    )
    report = services.report_update(
        report=report,
        actor=author,
        expected_version=report.version,
        data=spec["sections"],
        progress=_progress_rows(spec["progress"], objectives),
        objectives=[objectives[n] for n in spec["extra_objectives"]],
        principles=[principles[letter] for letter in spec["principles"]],
    )
    for doc in spec["documents"]:
        services.report_document_add(
            report=report, actor=author, upload=_upload(doc, spec["title"]), language=doc["language"]
        )
    for step in spec["steps"]:
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


def _pledge_build(spec: dict, users, reviews, objectives) -> Pledge:
    existing = Pledge.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    author = users[spec["author"]]
    pledge = services.pledge_create(
        actor=author,
        data={
            "submitting_entity": spec["entity"],
            "entity_type": spec["entity_type"],
            "title": spec["title"],
            "kind": spec["kind"],
            "region": spec["region"],
            "description": spec["description"],
            "review": _review_for(spec["review"], reviews),
        },
        countries=list(Country.objects.filter(iso2__in=spec["countries"])),
        objectives=[objectives[n] for n in spec["objectives"]],
    )
    if spec["publish"]:
        pledge = services.pledge_curate(pledge=pledge, action="publish", actor=users[STAFF])
    for status in spec["statuses"]:
        pledge = Pledge.objects.get(pk=pledge.pk)
        pledge = services.pledge_update(
            pledge=pledge, actor=author, expected_version=pledge.version, data={"status": status}
        )
    return pledge


def _contribution_build(item: dict, users, reviews, objectives) -> StakeholderContribution:
    author = users[MEMBER]
    existing = StakeholderContribution.objects.filter(created_by=author, title=item["title"]).first()
    if existing is not None:
        return existing
    report = VoluntaryReport.objects.get(title=item["report"]) if "report" in item else None
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
        services.contribution_curate(contribution=contribution, action="publish", actor=users[STAFF])
    return contribution


# ---------------------------------------------------------------------------


def load_reviews_demo() -> None:
    """Create the reviews demo content; leaves what already exists untouched."""
    content = demo_content()
    reviews = _demo_reviews()
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
    for spec in content["reports"]:
        _report_build(spec, users, reviews, objectives, principles)
    for spec in content["pledges"]:
        _pledge_build(spec, users, reviews, objectives)
    for item in content["contributions"]:
        _contribution_build(item, users, reviews, objectives)
