"""Country and objective pages and the country x objective matrix, read from the unified index: the
cell "Ghana x objective 6" lists exactly the published Ghana items tagged with objective 6 across all
apps; the gap view; the CSV; the API."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.db.models import Q

from champions.models import Activity, Champion, Commitment
from gcm_portal.core.curation import CurationState
from knowledge.models import DiscussionSpace, Event, Practice, Resource
from mptf.models import ConceptNote, JointProgramme
from reviews.models import Pledge, StakeholderContribution, VoluntaryReport

pytestmark = pytest.mark.django_db

PUBLISHED = CurationState.PUBLISHED


def ghana_objective_6_urls() -> set[str]:
    """Straight from every app's own tables (not from the index): the published records about Ghana
    tagged with objective 6."""
    gh, six = "GH", 6
    records = [
        *VoluntaryReport.objects.filter(
            public_version__isnull=False, country__iso2=gh, public_version__objectives__number=six
        ),
        *Pledge.objects.filter(
            Q(countries__iso2=gh) | Q(pledging_countries__iso2=gh), curation=PUBLISHED, objectives__number=six
        ),
        *StakeholderContribution.objects.filter(curation=PUBLISHED, report__country__iso2=gh, objectives__number=six),
        *Champion.objects.filter(Q(priority_objectives__number=six) | Q(plan_objectives__number=six), country__iso2=gh),
        *Commitment.objects.filter(curation=PUBLISHED, champion__country__iso2=gh, objectives__number=six),
        *Activity.objects.filter(
            Q(hosts__iso2=gh) | Q(other_states__iso2=gh) | Q(champions__country__iso2=gh),
            curation=PUBLISHED,
            objectives__number=six,
        ),
        *ConceptNote.objects.public().filter(countries__iso2=gh, objectives__number=six),
        *JointProgramme.objects.filter(countries__iso2=gh, objectives__number=six),
        *Practice.objects.published().filter(countries__iso2=gh, objectives__number=six),
        *Resource.objects.filter(curation=PUBLISHED, countries__iso2=gh, objectives__number=six),
        # events and discussion spaces carry no country
        *Event.objects.none(),
        *DiscussionSpace.objects.none(),
    ]
    return {record.get_absolute_url() for record in records}


def test_ghana_objective_6_cell_lists_exactly_the_published_ghana_items(client, hub_world):
    call_command("rebuild_search_index", verbosity=0)  # the reference data too (seeded programmes, champions)
    expected = ghana_objective_6_urls()
    assert {
        hub_world.reviews.published_pledge_gh.get_absolute_url(),
        hub_world.practice.get_absolute_url(),
        hub_world.programme.get_absolute_url(),
        hub_world.commitment.get_absolute_url(),
        hub_world.activity.get_absolute_url(),
        hub_world.note_pipeline.get_absolute_url(),
    } <= expected
    matrix = client.get("/api/v1/matrix/", {"country": "GH"}).json()
    row = next(r for r in matrix["rows"] if r["objective"] == 6)
    assert row["all"] == len(expected)
    # the cell links to the search that lists them
    page = client.get("/hub/matrix/?country=GH").content.decode()
    assert "/hub/search/?country=GH&amp;objective=6" in page
    listed = set()
    data = client.get("/api/v1/search/", {"country": "GH", "objective": "6"}).json()
    listed |= {hit["url"].removeprefix("http://testserver") for hit in data["results"]}
    assert data["count"] == len(expected)
    assert listed == expected
    # nothing unpublished
    for record in (hub_world.commitment_pending, hub_world.practice_submitted, hub_world.note_draft):
        assert record.get_absolute_url() not in listed


def test_matrix_by_region_commission_and_global_and_the_gap_view(client, hub_world):
    for params in ({}, {"commission": "ECA"}, {"region": "002"}):
        response = client.get("/api/v1/matrix/", params)
        assert response.status_code == 200
        assert len(response.json()["rows"]) == 23
    assert client.get("/api/v1/matrix/", {"country": "QQ"}).status_code == 404
    gh = {r["objective"]: r for r in client.get("/api/v1/matrix/", {"country": "GH"}).json()["rows"]}
    # objective 6 has a pledge, a practice and a programme in Ghana, but its report reports objective 1
    assert gh[6]["pledged"] >= 1 and gh[6]["practised"] >= 1 and gh[6]["funded"] >= 1
    assert gh[6]["gap"] == ("" if gh[6]["reported"] else "unreported")
    page = client.get("/hub/matrix/?country=GH&view=gaps").content.decode()
    assert "done, not reported" in page or "reported, nothing done" in page


def test_matrix_downloads_as_csv(client, hub_world):
    response = client.get("/hub/matrix/?country=GH&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Objective" and len(rows) == 24
    assert rows[6][0] == "6"


def test_country_page_gathers_everything_published(client, hub_world):
    page = client.get("/countries/gh/").content.decode()
    assert "Everything published" in page
    assert "/hub/search/?country=GH&amp;kind=practice" in page
    assert "/hub/matrix/?country=GH" in page
    data = client.get("/api/v1/countries/gh/overview/").json()
    kinds = {k["kind"]: k["count"] for k in data["kinds"]}
    assert kinds["report"] == 1 and kinds["pledge"] == 1 and kinds["practice"] == 1
    assert data["objectives"]["6"] >= 4
    assert client.get("/api/v1/countries/qq/overview/").status_code == 404


def test_objective_page_gathers_everything_tagged(client, hub_world):
    page = client.get("/objectives/6/").content.decode()
    assert "Everything tagged with this objective" in page
    assert "/hub/search/?objective=6&amp;kind=practice" in page
    assert hub_world.practice.title in page or "Practices" in page
