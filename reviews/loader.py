"""Loads the review process (reference data) from ``data/process.json``: cycles, the International
Migration Review Forums with their parts and documents, the Secretary-General's reports, and the regional
reviews with their events and default invitations. Keyed by codes, so it can run again after the file is
corrected; records staff created in the portal are left alone."""

import json
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "process.json"


def _date(value):
    return date.fromisoformat(value) if value else None


def _document(ReviewDocument, target: dict, item: dict) -> None:
    ReviewDocument.objects.update_or_create(
        **target,
        url=item["url"],
        defaults={
            "kind": item["kind"],
            "title": item["title"],
            "symbol": item.get("symbol", ""),
            "published_on": _date(item.get("published_on")),
            "sources": item.get("sources", []),
        },
    )


def load_review_process(apps) -> None:
    get = apps.get_model
    ReviewCycle, ReviewForum, ForumPart = (
        get("reviews", "ReviewCycle"),
        get("reviews", "ReviewForum"),
        get("reviews", "ForumPart"),
    )
    RegionalReview, ReviewEvent = get("reviews", "RegionalReview"), get("reviews", "ReviewEvent")
    ReviewDocument, ReviewInvitation = get("reviews", "ReviewDocument"), get("reviews", "ReviewInvitation")
    RegionalCommission, RoundTableCluster = get("taxonomy", "RegionalCommission"), get("taxonomy", "RoundTableCluster")
    CommissionMembership = get("taxonomy", "CommissionMembership")
    data = json.loads(DATA.read_text(encoding="utf-8"))

    cycles = {}
    for item in data["cycles"]:
        cycles[item["code"]], _ = ReviewCycle.objects.update_or_create(
            code=item["code"],
            defaults={k: item[k] for k in ("name", "start_year", "end_year", "description")},
        )
    for item in data["cycle_documents"]:
        _document(ReviewDocument, {"cycle": cycles[item["cycle"]]}, item)

    for item in data["forums"]:
        forum, _ = ReviewForum.objects.update_or_create(
            code=item["code"],
            defaults={
                "cycle": cycles[item["cycle"]],
                **{k: item[k] for k in ("name", "year", "dates_confirmed", "dates_note", "venue", "chair")},
                **{k: item[k] for k in ("co_facilitators", "summary", "declaration_title", "ga_resolution", "sources")},
                **{k: _date(item[k]) for k in ("start_date", "end_date", "declaration_adopted_on", "ga_endorsed_on")},
            },
        )
        for part in item["parts"]:
            ForumPart.objects.update_or_create(
                forum=forum,
                order=part["order"],
                defaults={
                    "kind": part["kind"],
                    "round_table": RoundTableCluster.objects.get(code=part["round_table"])
                    if part["round_table"]
                    else None,
                    **{k: part[k] for k in ("title", "chairs", "summary", "sources")},
                    **{k: _date(part[k]) for k in ("start_date", "end_date")},
                },
            )
        for document in item["documents"]:
            _document(ReviewDocument, {"forum": forum}, document)

    for item in data["reviews"]:
        commission = RegionalCommission.objects.get(code=item["commission"]) if item["commission"] else None
        review, _ = RegionalReview.objects.update_or_create(
            code=item["code"],
            defaults={
                "cycle": cycles[item["cycle"]],
                "commission": commission,
                **{k: item[k] for k in ("scope", "title", "status", "format", "venue", "dates_confirmed")},
                **{k: item[k] for k in ("co_organisers", "summary", "sources")},
                **{k: _date(item[k]) for k in ("start_date", "end_date")},
            },
        )
        for event in item["events"]:
            ReviewEvent.objects.update_or_create(
                review=review,
                kind=event["kind"],
                title=event["title"],
                defaults={
                    **{k: event[k] for k in ("format", "venue", "organisers", "rapporteur", "summary", "sources")},
                    **{k: _date(event[k]) for k in ("start_date", "end_date")},
                },
            )
        if commission is not None and not review.invitations.exists():
            members = CommissionMembership.objects.filter(commission=commission, kind="member")
            ReviewInvitation.objects.bulk_create(
                [ReviewInvitation(review=review, country_id=m.country_id, basis="regional_member") for m in members]
            )
