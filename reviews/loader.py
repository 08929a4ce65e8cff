"""Loads the real review cycles and regional reviews (reference data) from ``data/regional_reviews.json``."""

import json
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "regional_reviews.json"


def _date(value):
    return date.fromisoformat(value) if value else None


def load_regional_reviews(apps) -> None:
    ReviewCycle = apps.get_model("reviews", "ReviewCycle")
    RegionalReview = apps.get_model("reviews", "RegionalReview")
    RegionalCommission = apps.get_model("taxonomy", "RegionalCommission")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    cycles = {}
    for item in data["cycles"]:
        cycles[item["code"]], _ = ReviewCycle.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "start_year": item["start_year"],
                "end_year": item["end_year"],
                "imrf_name": item["imrf_name"],
                "imrf_start": _date(item["imrf_start"]),
                "imrf_end": _date(item["imrf_end"]),
                "imrf_venue": item["imrf_venue"],
                "description": item["description"],
            },
        )
    for item in data["reviews"]:
        RegionalReview.objects.update_or_create(
            cycle=cycles[item["cycle"]],
            commission=RegionalCommission.objects.get(code=item["commission"]),
            defaults={
                "title": item["title"],
                "status": item["status"],
                "format": item["format"],
                "venue": item["venue"],
                "start_date": _date(item["start_date"]),
                "end_date": _date(item["end_date"]),
                "consultation_dates": item["consultation_dates"],
                "co_organisers": item["co_organisers"],
                "summary": item["summary"],
            },
        )
