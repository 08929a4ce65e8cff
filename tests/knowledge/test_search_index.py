"""The unified index: filled from publication events after commit, rebuilt from scratch by a command,
and never holding anything unpublished (drafts, returned, declined, withdrawn), by any query, in HTML
or the API."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from gcm_portal.taxonomy.models import Country, Objective
from knowledge.choices import PracticeStatus
from knowledge.models import IndexEntry, IndexSearch, IndexTag, Practice
from knowledge.services.index import index_record_refresh

pytestmark = pytest.mark.django_db


def titles() -> set[str]:
    return set(IndexEntry.objects.values_list("title", flat=True))


def test_published_records_of_every_app_are_indexed_and_nothing_else(hub_world):
    indexed = titles()
    w = hub_world.reviews
    published = {
        w.published_gh.title,
        w.published_mx.title,
        w.published_pledge_gh.title,
        w.published_contribution.title,
        hub_world.practice.title,
        hub_world.note_pipeline.title,
        hub_world.programme.title,
        hub_world.commitment.title,
        hub_world.activity.title,
        hub_world.resource.title,
    }
    assert published <= indexed
    unpublished = {
        w.draft_gh.title,
        w.submitted_gh.title,
        w.returned_gh.title,
        w.draft_mx.title,
        w.pending_pledge_gh.title,
        w.pending_contribution.title,
        hub_world.practice_submitted.title,
        hub_world.practice_declined.title,
        hub_world.note_draft.title,
        hub_world.note_submitted.title,
        hub_world.commitment_pending.title,
        hub_world.resource_pending.title,
    }
    assert not unpublished & indexed


# ---------------------------------------------------------------------------
# The search rows: what search matches, ranks and counts with
# ---------------------------------------------------------------------------


def tag_pairs() -> dict[int, list[str]]:
    pairs: dict[int, list[str]] = {pk: [] for pk in IndexEntry.objects.values_list("pk", flat=True)}
    for entry_id, facet, value in IndexTag.objects.values_list("entry_id", "facet", "value"):
        pairs[entry_id].append(f"{facet}:{value}")
    return {pk: sorted(values) for pk, values in pairs.items()}


def search_rows() -> dict[int, list[str]]:
    return {pk: sorted(facets) for pk, facets in IndexSearch.objects.values_list("entry_id", "facets")}


def test_every_entry_has_a_search_row_whose_facets_are_its_tags(hub_world):
    assert search_rows() == tag_pairs()
    call_command("rebuild_search_index", verbosity=0)
    assert search_rows() == tag_pairs()
    dates = dict(IndexEntry.objects.values_list("pk", "published_at"))
    assert dict(IndexSearch.objects.values_list("entry_id", "published_at")) == dates


def test_reindexing_a_record_keeps_its_facets_in_step_with_its_tags(client, hub_world):
    practice = hub_world.practice
    entry = IndexEntry.objects.get(source="knowledge.practice", source_pk=practice.pk)
    before = IndexSearch.objects.get(entry=entry).facets
    practice.objectives.set(Objective.objects.filter(number__in=[21, 22]))
    practice.countries.set(Country.objects.filter(iso2="KE"))
    assert index_record_refresh(label="knowledge.practice", pk=practice.pk) == "indexed"
    facets = IndexSearch.objects.get(entry=entry).facets
    assert facets != before
    new = {"objective:21", "objective:22", "country:KE"}
    old = {pair for pair in before if pair.startswith(("objective:", "country:"))} - new
    assert old and new <= set(facets) and not old & set(facets)
    assert search_rows() == tag_pairs()
    # the search and its facet counts follow: found under the new values, no longer under the old ones
    found = client.get("/api/v1/search/", {"q": practice.title, "objective": "21", "country": "KE"}).json()
    assert practice.title in {hit["title"] for hit in found["results"]}
    assert next(v["count"] for v in found["facets"]["country"] if v["value"] == "KE") == found["count"] >= 1
    old_country = next(pair.partition(":")[2] for pair in old if pair.startswith("country:"))
    gone = client.get("/api/v1/search/", {"q": practice.title, "country": old_country}).json()
    assert practice.title not in {hit["title"] for hit in gone["results"]}
    # withdrawn, the entry takes its search row with it
    Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.DECLINED)
    assert index_record_refresh(label="knowledge.practice", pk=practice.pk) == "removed"
    assert not IndexSearch.objects.filter(entry_id=entry.pk).exists()


def test_a_document_read_after_its_report_was_published_enters_the_index(django_capture_on_commit_callbacks):
    """Text extraction runs on its own queue and may finish after the publication: the report's entry
    is refreshed when it does."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gcm_portal.core.extract import document_text_extract
    from gcm_portal.core.samples import sample_pdf
    from reviews import services
    from tests.factories.accounts import focal_point, user_with_role
    from tests.factories.reviews import make_report, move

    fp, staff = focal_point("GH"), user_with_role("network_staff")
    report = make_report(fp, "GH")
    with django_capture_on_commit_callbacks(execute=False):  # the extraction is queued, not run yet
        document = services.report_document_add(
            report=report,
            actor=fp,
            upload=SimpleUploadedFile("annex.pdf", sample_pdf("Zorvalite corridor for seasonal workers")),
            language="en",
        )
    with django_capture_on_commit_callbacks(execute=True):
        report = move(move(report, fp, "submit"), staff, "publish")
    entry = IndexEntry.objects.get(kind="report", source_pk=report.pk)
    assert "Zorvalite" not in entry.body

    with django_capture_on_commit_callbacks(execute=True):
        assert document_text_extract(label=document._meta.label, pk=document.pk) == "done"
    entry.refresh_from_db()
    assert "Zorvalite corridor" in entry.body
