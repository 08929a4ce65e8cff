"""Loads the reference data in ``data/`` into the taxonomy tables.

Called by a data migration with the historical models, so it runs the same on SQLite and
PostgreSQL. Idempotent: rows are matched on their natural key and updated in place.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .models import sort_key

DATA_DIR = Path(__file__).resolve().parent / "data"


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _json(name: str):
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _split(texts: dict[str, str], field: str) -> tuple[str, dict[str, dict[str, str]]]:
    """English text and the other languages as ``{lang: {field: text}}``."""
    return texts["en"], {lang: {field: text} for lang, text in texts.items() if lang != "en" and text}


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        for lang, fields in part.items():
            merged.setdefault(lang, {}).update(fields)
    return merged


def _sdg_sort_key(code: str) -> str:
    target = code.split(".", 1)[1]
    return target.zfill(3) if target.isdigit() else f"z{target}"


def load_reference_data(apps) -> None:
    M49Region = apps.get_model("taxonomy", "M49Region")
    Country = apps.get_model("taxonomy", "Country")
    RegionalCommission = apps.get_model("taxonomy", "RegionalCommission")
    CommissionMembership = apps.get_model("taxonomy", "CommissionMembership")
    Objective = apps.get_model("taxonomy", "Objective")
    GuidingPrinciple = apps.get_model("taxonomy", "GuidingPrinciple")
    RoundTableCluster = apps.get_model("taxonomy", "RoundTableCluster")
    MptfThematicArea = apps.get_model("taxonomy", "MptfThematicArea")
    SdgTarget = apps.get_model("taxonomy", "SdgTarget")
    UnEntity = apps.get_model("taxonomy", "UnEntity")

    regions: dict[str, object] = {}
    for row in _csv("m49_regions.csv"):
        parent = regions.get(row["parent_code"]) if row["parent_code"] else None
        regions[row["code"]], _ = M49Region.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "level": row["level"], "parent": parent}
        )

    has_sort_name = any(f.name == "sort_name" for f in Country._meta.get_fields())
    countries: dict[str, object] = {}
    for row in _csv("countries.csv"):
        extra = {"sort_name": sort_key(row["name"])} if has_sort_name else {}
        countries[row["iso2"]], _ = Country.objects.update_or_create(
            iso2=row["iso2"],
            defaults={
                **extra,
                "iso3": row["iso3"],
                "m49": row["m49"],
                "name": row["name"],
                "official_name": row["official_name"],
                "status": row["status"],
                "region": regions.get(row["region"]),
                "subregion": regions.get(row["subregion"]),
                "intermediate_region": regions.get(row["intermediate"]),
            },
        )

    commissions: dict[str, object] = {}
    for item in _json("commissions.json"):
        commissions[item["code"]], _ = RegionalCommission.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "headquarters": item.get("headquarters", ""),
                "region_label": item.get("region_label", ""),
            },
        )
    for row in _csv("commission_members.csv"):
        CommissionMembership.objects.update_or_create(
            commission=commissions[row["commission"]],
            country=countries[row["iso2"]],
            defaults={"kind": row["membership"]},
        )

    objectives: dict[int, object] = {}
    for item in _json("objectives.json"):
        title, title_tr = _split(item["title"], "title")
        label, label_tr = _split(item["short_label"], "short_label")
        objectives[item["number"]], _ = Objective.objects.update_or_create(
            number=item["number"],
            defaults={
                "title": title,
                "short_label": label,
                "paragraph": item["paragraph"],
                "translations": _merge(title_tr, label_tr),
            },
        )

    for item in _json("principles.json"):
        name, name_tr = _split(item["name"], "name")
        summary, summary_tr = _split(item.get("summary", {"en": ""}), "summary")
        GuidingPrinciple.objects.update_or_create(
            letter=item["letter"],
            defaults={
                "name": name,
                "summary": summary,
                "paragraph": item["paragraph"],
                "translations": _merge(name_tr, summary_tr),
            },
        )

    for item in _json("round_tables.json"):
        title, title_tr = _split(item["title"], "title")
        cluster, _ = RoundTableCluster.objects.update_or_create(
            code=item["code"], defaults={"title": title, "translations": title_tr}
        )
        cluster.objectives.set([objectives[n] for n in item["objectives"]])

    for item in _json("thematic_areas.json"):
        name, name_tr = _split(item["name"], "name")
        area, _ = MptfThematicArea.objects.update_or_create(
            number=item["number"],
            defaults={
                "name": name,
                "translations": name_tr,
                "verified": item.get("verified", False),
                "source_note": item.get("source_note", ""),
            },
        )
        area.objectives.set([objectives[n] for n in item["objectives"]])

    for item in _json("sdg_targets.json"):
        title, title_tr = _split(item["title"], "title")
        target, _ = SdgTarget.objects.update_or_create(
            code=item["code"],
            defaults={
                "goal": item["goal"],
                "title": title,
                "translations": title_tr,
                "sort_key": _sdg_sort_key(item["code"]),
            },
        )
        target.objectives.set([objectives[n] for n in item.get("objectives", [])])

    for row in _csv("entities.csv"):
        UnEntity.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "executive_committee": row["executive_committee"] == "1",
                "commission": commissions.get(row["commission"]) if row["commission"] else None,
            },
        )


def apply_corrections_2026_12(apps) -> None:
    """Round-table titles in the resolution's wording with their themes, non-regional commission members,
    and dated Executive Committee membership, from ``corrections_2026_12.json`` with its sources. Safe to
    run twice."""
    RoundTableCluster = apps.get_model("taxonomy", "RoundTableCluster")
    CommissionMembership = apps.get_model("taxonomy", "CommissionMembership")
    UnEntity = apps.get_model("taxonomy", "UnEntity")
    ExecutiveCommitteeTerm = apps.get_model("taxonomy", "ExecutiveCommitteeTerm")
    data = _json("corrections_2026_12.json")

    round_tables = data["round_tables"]
    for item in round_tables["items"]:
        RoundTableCluster.objects.filter(code=item["code"]).update(
            title=item["title"], theme=item["theme"], sources=round_tables["sources"], translations={}
        )

    for commission, spec in data["non_regional_members"].items():
        if commission.startswith("_"):
            continue
        CommissionMembership.objects.filter(commission__code=commission, country__iso2__in=spec["countries"]).update(
            kind="non_regional"
        )

    for term in data["executive_committee_terms"]:
        for entity in UnEntity.objects.filter(code__in=term["entities"]):
            ExecutiveCommitteeTerm.objects.update_or_create(
                entity=entity,
                start=term["start"],
                defaults={"start_note": term["start_note"], "sources": term["sources"]},
            )
