"""Loads the hub's reference data (``data/reference.json``): the COVID-19 theme and its responses, the
counts of UN migration networks over time, the Network's working groups and workstreams, and networks
named in public sources. Each record keeps its source; running it again updates, never duplicates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "reference.json"
SOURCE = ("source_title", "source_url", "source_date", "verified")


def _source(item: dict) -> dict:
    values = {name: item.get(name) for name in SOURCE}
    values["source_date"] = date.fromisoformat(values["source_date"]) if values["source_date"] else None
    values["source_title"] = values["source_title"] or ""
    values["source_url"] = values["source_url"] or ""
    values["verified"] = bool(values["verified"])
    return values


def reference_data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def load_reference(apps) -> None:
    Theme = apps.get_model("knowledge", "Theme")
    ThemeResponse = apps.get_model("knowledge", "ThemeResponse")
    NetworkCount = apps.get_model("knowledge", "NetworkCount")
    WorkingGroup = apps.get_model("knowledge", "WorkingGroup")
    MigrationNetwork = apps.get_model("knowledge", "MigrationNetwork")
    Objective = apps.get_model("taxonomy", "Objective")
    UnEntity = apps.get_model("taxonomy", "UnEntity")
    Country = apps.get_model("taxonomy", "Country")
    data = reference_data()
    objectives = {o.number: o for o in Objective.objects.all()}
    entities = {e.code: e for e in UnEntity.objects.all()}

    for item in data["themes"]:
        theme, _ = Theme.objects.update_or_create(
            slug=item["slug"], defaults={"name": item["name"], "description": item["description"], **_source(item)}
        )
        for order, response in enumerate(item["responses"]):
            row, _ = ThemeResponse.objects.update_or_create(
                theme=theme,
                code=response["code"],
                defaults={
                    "title": response["title"],
                    "description": response["description"],
                    "order": order,
                    **_source(response),
                },
            )
            row.objectives.set([objectives[n] for n in response["objectives"]])

    for item in data["network_counts"]:
        NetworkCount.objects.update_or_create(
            on=date.fromisoformat(item["on"]),
            defaults={
                "country_networks": item["country_networks"],
                "regional_networks": item["regional_networks"],
                "note": item["note"],
                **_source(item),
            },
        )

    for item in data["working_groups"]:
        group, _ = WorkingGroup.objects.update_or_create(
            name=item["name"],
            defaults={
                "code": item["code"],
                "workplan_period": item["workplan_period"],
                "description": item["description"],
                "stakeholder_co_leads": "\n".join(item["stakeholder_co_leads"]),
                "stakeholder_members": "\n".join(item["stakeholder_members"]),
                "curation": "published",
                **_source(item),
            },
        )
        group.un_co_leads.set([entities[c] for c in item["un_co_leads"]])
        group.member_entities.set([entities[c] for c in item["member_entities"]])
        group.objectives.set([objectives[n] for n in item["objectives"]])

    for item in data["networks"]:
        country = Country.objects.get(iso2=item["country"]) if item["country"] else None
        network, _ = MigrationNetwork.objects.update_or_create(
            name=item["name"],
            defaults={
                "kind": item["kind"],
                "country": country,
                "un_team": item["un_team"],
                "summary": item["summary"],
                "curation": "published",
                **_source(item),
            },
        )
        network.co_chairs.set([entities[c] for c in item["co_chairs"]])
        network.member_entities.set([entities[c] for c in item["member_entities"]])
