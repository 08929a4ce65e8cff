"""Loads the public facts of ``data/seed.json`` (the fund, its targets, figures reported by public
sources, the Steering Committee chairs, early donors, the first six joint programmes and the default
assessment criteria), each record with its source. Run by migration 0002; running it again updates
the same records instead of adding new ones."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "seed.json"


def _date(value):
    return date.fromisoformat(value) if value else None


def _money(value):
    return Decimal(value) if value is not None else None


def _source(sources: dict, key_or_spec, note: str = "") -> dict:
    spec = sources[key_or_spec] if isinstance(key_or_spec, str) else key_or_spec
    notes = [n for n in (spec.get("note", ""), note) if n]
    return {
        "source_title": spec["title"],
        "source_url": spec["url"],
        "source_date": _date(spec.get("date")),
        "source_note": " ".join(notes),
    }


def load_seed(apps) -> None:
    get = apps.get_model
    Fund, FundingTarget, ReportedFigure = (
        get("mptf", "Fund"),
        get("mptf", "FundingTarget"),
        get("mptf", "ReportedFigure"),
    )
    CommitteeSeat, Donor, JointProgramme = (
        get("mptf", "CommitteeSeat"),
        get("mptf", "Donor"),
        get("mptf", "JointProgramme"),
    )
    ProgrammeParticipant, AssessmentCriterion = get("mptf", "ProgrammeParticipant"), get("mptf", "AssessmentCriterion")
    Country, UnEntity = get("taxonomy", "Country"), get("taxonomy", "UnEntity")
    Objective, SdgTarget = get("taxonomy", "Objective"), get("taxonomy", "SdgTarget")

    data = json.loads(DATA.read_text(encoding="utf-8"))
    sources = data["sources"]

    spec = dict(data["fund"])
    source = _source(sources, spec.pop("source"), spec.pop("source_note", ""))
    fund, _ = Fund.objects.update_or_create(
        code=spec.pop("code"),
        defaults={
            **spec,
            "established_on": _date(spec["established_on"]),
            "launched_on": _date(spec["launched_on"]),
            **source,
        },
    )
    for item in data["targets"]:
        FundingTarget.objects.update_or_create(
            fund=fund,
            label=item["label"],
            defaults={
                "amount_usd": _money(item["amount_usd"]),
                "set_on": _date(item["set_on"]),
                "deadline": _date(item["deadline"]),
                **_source(sources, item["source"], item.get("source_note", "")),
            },
        )
    for item in data["reported_figures"]:
        ReportedFigure.objects.update_or_create(
            fund=fund,
            label=item["label"],
            defaults={
                "amount_usd": _money(item["amount_usd"]),
                "approximate": item["approximate"],
                "as_of": _date(item["as_of"]),
                **_source(sources, item["source"]),
            },
        )
    for item in data["seats"]:
        CommitteeSeat.objects.update_or_create(
            person_name=item["person_name"],
            constituency=item["constituency"],
            start_date=_date(item["start_date"]),
            defaults={
                "represents": item["represents"],
                "role": item["role"],
                "end_date": _date(item["end_date"]),
                **_source(sources, item["source"], item.get("source_note", "")),
            },
        )
    for item in data["donors"]:
        country = Country.objects.get(iso2=item["country"])
        Donor.objects.update_or_create(
            name=country.name,
            defaults={"kind": "member_state", "country": country, **_source(sources, item["source"])},
        )
    for item in data["programmes"]:
        programme, _ = JointProgramme.objects.update_or_create(
            code=item["code"],
            defaults={
                "title": item["title"],
                "summary": item["summary"],
                "budget_usd": _money(item["budget_usd"]),
                "duration_months": item["duration_months"],
                "start_date": _date(item["start_date"]),
                "end_date": _date(item["end_date"]),
                "status": item["status"],
                **_source(sources, item["source"], item.get("source_note", "")),
            },
        )
        programme.countries.set(Country.objects.filter(iso2__in=item["countries"]))
        programme.objectives.set(Objective.objects.filter(number__in=item["objectives"]))
        programme.sdg_targets.set(SdgTarget.objects.filter(code__in=item["sdg_targets"]))
        for code in item["participants"]:
            ProgrammeParticipant.objects.get_or_create(programme=programme, entity=UnEntity.objects.get(code=code))
    for order, item in enumerate(data["criteria"], start=1):
        AssessmentCriterion.objects.update_or_create(
            code=item["code"],
            defaults={"label": item["label"], "description": item["description"], "order": order},
        )
