"""Loads the initiative's reference data (``data/reference.json``): focus areas, champions with one
membership period each and the sourced facts behind it, co-chair periods, the counts sources state,
and the initiative's public activities. Run by a data migration; running it again changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "reference.json"


def _date(value):
    return date.fromisoformat(value) if value else None


def reference_data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _source(data: dict, key: str) -> dict:
    source = data["sources"][key]
    return {"source_title": source["title"], "source_url": source["url"], "source_date": _date(source["date"])}


def load_reference(apps) -> None:
    Country = apps.get_model("taxonomy", "Country")
    FocusArea = apps.get_model("champions", "FocusArea")
    Champion = apps.get_model("champions", "Champion")
    Membership = apps.get_model("champions", "Membership")
    MembershipFact = apps.get_model("champions", "MembershipFact")
    CoChairPeriod = apps.get_model("champions", "CoChairPeriod")
    CountStatement = apps.get_model("champions", "CountStatement")
    Activity = apps.get_model("champions", "Activity")
    data = reference_data()
    countries = {c.iso2: c for c in Country.objects.all()}

    for item in data["focus_areas"]:
        FocusArea.objects.update_or_create(
            number=item["number"],
            defaults={
                "title": item["title"],
                "description": item["description"],
                "verified": item["verified"],
                **_source(data, item["source"]),
            },
        )

    memberships = {}
    for item in data["facts"]:
        champion, _ = Champion.objects.get_or_create(country=countries[item["country"]])
        membership = memberships.get(item["country"])
        if membership is None:
            membership = Membership.objects.filter(champion=champion).order_by("pk").first()
            membership = membership or Membership.objects.create(champion=champion)
            memberships[item["country"]] = membership
        MembershipFact.objects.get_or_create(
            membership=membership,
            kind=item["kind"],
            date=_date(item["date"]),
            source_url=data["sources"][item["source"]]["url"],
            defaults={
                "note": item["note"],
                "verified": item["verified"],
                "source_title": data["sources"][item["source"]]["title"],
                "source_date": _date(data["sources"][item["source"]]["date"]),
            },
        )
    for membership in memberships.values():
        facts = list(MembershipFact.objects.filter(membership=membership))
        joined = min((f.date for f in facts if f.kind == "joined"), default=None)
        confirmed = min((f.date for f in facts if f.kind == "confirmed"), default=None)
        left = max((f.date for f in facts if f.kind == "left"), default=None)
        Membership.objects.filter(pk=membership.pk).update(
            joined_on=joined, confirmed_by=confirmed, left_on=left, starts_on=joined or confirmed
        )

    for item in data["co_chairs"]:
        champion = Champion.objects.get(country=countries[item["country"]])
        CoChairPeriod.objects.get_or_create(
            champion=champion,
            note=item["note"],
            defaults={
                "starts_on": _date(item["starts_on"]),
                "ends_on": _date(item["ends_on"]),
                **_source(data, item["source"]),
            },
        )

    for item in data["counts"]:
        CountStatement.objects.get_or_create(
            date=_date(item["date"]),
            count=item["count"],
            defaults={"wording": item["wording"], **_source(data, item["source"])},
        )

    for item in data["activities"]:
        if Activity.objects.filter(title=item["title"]).exists():
            continue
        source = data["sources"][item["source"]]
        activity = Activity.objects.create(
            kind=item["kind"],
            title=item["title"],
            start_date=_date(item["start_date"]),
            end_date=_date(item["end_date"]),
            location=item["location"],
            summary=item["summary"],
            source_title=source["title"],
            source_url=source["url"],
            curation="published",
        )
        activity.hosts.set([countries[c] for c in item["hosts"]])
        activity.champions.set(Champion.objects.filter(country__iso2__in=item["champions"]))
