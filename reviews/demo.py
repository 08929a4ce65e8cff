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
from .choices import PledgeStatus, ReviewEventKind, ReviewStatus
from .models import (
    Pledge,
    RegionalReview,
    ReviewCycle,
    ReviewEvent,
    ReviewForum,
    StakeholderContribution,
    VoluntaryReport,
)

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
    forum = demo_content()["forum"]
    ReviewForum.objects.get_or_create(
        code=forum["code"],
        defaults={
            "cycle": cycle,
            "name": forum["name"],
            "year": forum["year"],
            "summary": forum["summary"],
            "dates_note": "Demonstration data: no dates.",
        },
    )
    reviews = {}
    for item in demo_content()["reviews"]:
        deadline = today + timedelta(days=item["days_to_deadline"])
        start = deadline + timedelta(days=28)
        commission = RegionalCommission.objects.get(code=item["commission"])
        review, _ = RegionalReview.objects.update_or_create(
            code=f"{cycle.code}-{commission.code.lower()}",
            defaults={
                "cycle": cycle,
                "commission": commission,
                "title": item["title"],
                "status": ReviewStatus.OPEN,
                "format": item["format"],
                "venue": item["venue"],
                "start_date": start,
                "end_date": start + timedelta(days=1),
                "submission_deadline": deadline,
                "co_organisers": item["co_organisers"],
                "summary": item["summary"],
            },
        )
        services.review_invite_regional_members(review)
        ReviewEvent.objects.update_or_create(
            review=review,
            kind=ReviewEventKind.STAKEHOLDER_CONSULTATION,
            defaults={
                "title": "Stakeholder consultation (demonstration)",
                "start_date": start - timedelta(days=1),
                "format": item["format"],
                "venue": item["venue"],
                "summary": "Demonstration data: not a real meeting.",
            },
        )
        ReviewEvent.objects.update_or_create(
            review=review,
            kind=ReviewEventKind.INTERGOVERNMENTAL_SESSION,
            defaults={
                "title": "Intergovernmental session (demonstration)",
                "start_date": start,
                "end_date": start + timedelta(days=1),
                "format": item["format"],
                "venue": item["venue"],
            },
        )
        reviews[item["commission"]] = review
    return reviews


def _review_for(key, reviews) -> RegionalReview | None:
    if key is None:
        return None
    cycle, commission = key
    if cycle == "demo":
        return reviews[commission]
    return RegionalReview.objects.get(code=f"{cycle}-{commission.lower()}")


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
    author, contact = users[spec["author"]], users[spec["contact"]]
    matches = Pledge.objects.get(title=spec["matches"]).reference if spec["matches"] else ""
    pledge = services.pledge_create(
        actor=author,
        data={
            "party_type": spec["party_type"],
            "submitting_entity": spec["entity"],
            "partners": spec["partners"],
            "kind": spec["kind"],
            "pledge_type": spec["pledge_type"],
            "title": spec["title"],
            "description": spec["description"],
            "is_global": spec["is_global"],
            "region": spec["region"],
            "forum": ReviewForum.objects.get(code=spec["forum"]) if spec["forum"] else None,
            "review": _review_for(spec["review"], reviews),
            "contact_name": contact.get_full_name(),
            "contact_email": contact.email,
        },
        pledging_countries=list(Country.objects.filter(iso2__in=spec["pledging_countries"])),
        countries=list(Country.objects.filter(iso2__in=spec["countries"])),
        objectives=[objectives[n] for n in spec["objectives"]],
        matches_reference=matches,
    )
    if spec["publish"]:
        pledge = services.pledge_curate(pledge=pledge, action="publish", actor=users[STAFF])
    for status in spec["statuses"]:
        pledge = Pledge.objects.get(pk=pledge.pk)
        services.pledge_progress_report(
            pledge=pledge,
            actor=author,
            status=status,
            text=f"Demonstration data: progress report, now {PledgeStatus(status).label.lower()}.",
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
