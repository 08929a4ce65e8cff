"""How the Migration MPTF's public records enter the hub's unified index (declared in ``apps.py``):
concept notes in the pipeline or selected (never their confidential working part), and joint
programmes."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone

from gcm_portal.core.search import SearchDocument

from .models import ConceptNote, JointProgramme

__all__ = ["note_document", "programme_document", "public_notes", "public_programmes"]


def _at(day) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


def public_notes():
    return (
        ConceptNote.objects.public()
        .select_related("lead_entity", "thematic_area", "region")
        .prefetch_related("countries", "objectives", "principles")
    )


def note_document(note: ConceptNote) -> SearchDocument:
    return SearchDocument(
        title=note.title,
        url=note.get_absolute_url(),
        summary=note.summary[:2000],
        body="\n".join(
            [note.summary, note.team_name, note.national_partners, note.stakeholders, note.lead_entity.name]
        ),
        countries=[c.iso2 for c in note.countries.all()],
        regions=[note.region.code] if note.region_id else [],
        objectives=[o.number for o in note.objectives.all()],
        principles=[p.letter for p in note.principles.all()],
        thematic_areas=[note.thematic_area.number] if note.thematic_area_id else [],
        published_at=note.pipeline_at or note.submitted_at,
    )


def public_programmes():
    return JointProgramme.objects.select_related("thematic_area", "region").prefetch_related(
        "countries", "objectives", "principles"
    )


def programme_document(programme: JointProgramme) -> SearchDocument:
    return SearchDocument(
        title=programme.title,
        url=programme.get_absolute_url(),
        summary=programme.summary[:2000],
        body="\n".join([programme.summary, programme.national_partners, programme.stakeholders, programme.code]),
        countries=[c.iso2 for c in programme.countries.all()],
        regions=[programme.region.code] if programme.region_id else [],
        objectives=[o.number for o in programme.objectives.all()],
        principles=[p.letter for p in programme.principles.all()],
        thematic_areas=[programme.thematic_area.number] if programme.thematic_area_id else [],
        year=programme.start_date.year if programme.start_date else None,
        published_at=_at(programme.start_date) or programme.created_at,
    )
