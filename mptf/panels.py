"""What this app adds to the kernel's pages: joint programmes on a country page and on a focal point's
"My country", concept notes waiting for quality assessment on the staff's curation page, and the home
page's figures. Registered in ``apps.py``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from . import permissions, selectors
from .choices import ConceptNoteStatus
from .models import JointProgramme


def country_panel(*, request, country) -> dict:
    return {
        "template": "mptf/partials/country_panel.html",
        "programmes": selectors.programme_list().filter(countries=country).order_by("code"),
        "notes": selectors.note_list(request.user).filter(
            countries=country, status__in=[ConceptNoteStatus.PIPELINE, ConceptNoteStatus.SELECTED]
        ),
    }


def my_country_panel(*, request, country) -> dict | None:
    # Titles, states and links only: none of the programme pages' prefetches.
    programmes = selectors.programme_list().filter(countries=country).prefetch_related(None).order_by("code")
    return {"template": "mptf/partials/my_country_panel.html", "programmes": programmes, "country": country}


def curation_panel(*, request) -> dict | None:
    if not permissions.may_assess(request.user):
        return None
    return {
        "template": "mptf/partials/curation_panel.html",
        "notes": selectors.notes_to_assess(request.user).order_by("submitted_at", "pk"),
    }


def home_figures(*, request) -> list[dict]:
    """One count, one query (the home page stays light: the dashboards hold the money)."""
    programmes = JointProgramme.objects.count()
    return [
        {
            "count": programmes,
            "label": ngettext(
                "joint programme of the Migration MPTF", "joint programmes of the Migration MPTF", programmes
            ),
            "url": reverse("mptf:programme-list"),
        }
    ]


def shows_desk(user) -> bool:
    """From the roles already read for the page (no query): committee members find their review on the
    Steering Committee's page."""
    return permissions.can_create_notes(user) or permissions.may_assess(user) or permissions.may_record_money(user)
