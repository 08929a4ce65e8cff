from datetime import date

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from gcm_portal.taxonomy.models import (
    Country,
    GuidingPrinciple,
    M49Region,
    MptfThematicArea,
    Objective,
    RegionalCommission,
    RoundTableCluster,
    UnEntity,
)

pytestmark = pytest.mark.django_db


def test_migrations_load_the_gcm_taxonomy():
    assert Objective.objects.count() == 23
    assert list(Objective.objects.values_list("number", flat=True)) == list(range(1, 24))
    assert Objective.objects.get(number=13).title.startswith("Use migration detention only as a measure of last resort")
    assert GuidingPrinciple.objects.count() == 10
    assert RoundTableCluster.objects.count() == 4
    assert Country.objects.filter(status="member_state").count() == 193
    assert set(RegionalCommission.objects.values_list("code", flat=True)) == {"UNECE", "ESCWA", "ESCAP", "ECLAC", "ECA"}
    on_committee = UnEntity.objects.with_executive_committee().filter(on_executive_committee=True)
    assert set(on_committee.values_list("code", flat=True)) == {
        "DESA",
        "ILO",
        "IOM",
        "OHCHR",
        "UNDP",
        "UNHCR",
        "UNICEF",
        "UNODC",
        "WHO",
    }
    assert UnEntity.objects.filter(kind="regional_commission").count() == 5


def test_objectives_are_partitioned_by_round_tables_and_thematic_areas():
    for model in (RoundTableCluster, MptfThematicArea):
        numbers = sorted(n for item in model.objects.all() for n in item.objectives.values_list("number", flat=True))
        assert numbers == list(range(1, 24)), model
    assert not MptfThematicArea.objects.filter(verified=True).exists()


def test_commission_memberships_overlap():
    egypt = Country.objects.get(iso2="EG")
    assert set(egypt.commissions.values_list("code", flat=True)) == {"ECA", "ESCWA"}
    usa = Country.objects.get(iso2="US")
    assert {"UNECE", "ECLAC"} <= set(usa.commissions.values_list("code", flat=True))
    assert Country.objects.filter(commissions__code="ECA", commission_memberships__kind="member").count() == 54


def test_countries_carry_m49_codes_and_regions():
    ghana = Country.objects.select_related("region", "subregion", "intermediate_region").get(iso2="GH")
    assert (ghana.iso3, ghana.m49) == ("GHA", "288")
    assert ghana.region.code == "002" and ghana.subregion.code == "202" and ghana.intermediate_region.code == "011"
    assert M49Region.objects.get(code="419").parent.code == "019"
    assert Country.objects.get(iso2="TR").name == "Türkiye"


def test_translations_fall_back_to_english_visibly():
    objective = Objective.objects.get(number=1)
    with translation.override("fr"):
        text = objective.translated("title")
        assert not text.is_fallback and text.language == "fr"
    with translation.override("zh-hans"):
        text = objective.translated("title")
        assert text.is_fallback and text.text == objective.title


def test_objective_page_marks_fallback(client):
    response = client.get("/ru/objectives/1/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="fallback"' in body and 'lang="en"' in body
    body_fr = client.get("/fr/objectives/1/").content.decode()
    assert "Collecter et utiliser" in body_fr


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("taxonomy:objective-list", "Save lives"),
        ("taxonomy:principle-list", "Whole-of-society approach"),
        ("taxonomy:commission-list", "ESCWA"),
        ("taxonomy:thematic-area-list", "Thematic area 5"),
        ("taxonomy:entity-list", "UNODC"),
        ("taxonomy:sdg-target-list", "10.7"),
        ("taxonomy:reference-index", "193"),
    ],
)
def test_public_reference_pages(client, url, text):
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert text in response.content.decode()


def test_country_pages_and_filters(client):
    body = client.get(reverse("taxonomy:country-list") + "?commission=ECA").content.decode()
    assert "Ghana" in body and "France" not in body
    assert "54 countries" in body
    detail = client.get(reverse("taxonomy:country-detail", args=["gh"])).content.decode()
    assert "Western Africa" in detail and "ECA" in detail
    assert client.get(reverse("taxonomy:country-detail", args=["qq"])).status_code == 404
    kosovo = client.get(reverse("taxonomy:country-detail", args=["xk"])).content.decode()
    assert "resolution 1244 (1999)" in kosovo


def test_bad_filter_values_give_an_empty_list_not_an_error(client):
    response = client.get(reverse("taxonomy:country-list") + "?commission=NOPE")
    assert response.status_code == 200
    assert "No country or area matches" in response.content.decode()


def test_commission_page_lists_members(client):
    body = client.get(reverse("taxonomy:commission-detail", args=["escwa"])).content.decode()
    assert "State of Palestine" in body and "21 member States" in body


def test_reference_search(client):
    body = client.get(reverse("search") + "?q=trafficking").content.decode()
    assert "Objective 10" in body
    body = client.get(reverse("search") + "?q=Ghana").content.decode()
    assert "/countries/gh/" in body


def test_home_page_shows_real_figures(client):
    body = client.get("/").content.decode()
    assert '<span class="figure">23</span>' in body
    assert '<span class="figure">193</span>' in body
    assert '<span class="figure">10</span>' in body


def test_countries_sort_without_regard_to_accents(client):
    names = list(
        Country.objects.filter(iso2__in=["CI", "CU", "CR", "TR", "TM", "AX", "AL"]).values_list("name", flat=True)
    )
    assert names == ["Åland Islands", "Albania", "Costa Rica", "Côte d'Ivoire", "Cuba", "Türkiye", "Turkmenistan"]


def test_round_tables_carry_the_resolutions_titles_and_sourced_themes():
    titles = dict(RoundTableCluster.objects.values_list("code", "title"))
    assert titles == {
        "RT1": "Round table one",
        "RT2": "Round table two",
        "RT3": "Round table three",
        "RT4": "Round table four",
    }
    for cluster in RoundTableCluster.objects.all():
        assert cluster.theme and cluster.sources
        assert any("73/326" in s["title"] or "about-the-forum" in s["url"] for s in cluster.sources)


def test_commission_membership_tells_regional_from_non_regional_members():
    eclac = RegionalCommission.objects.get(code="ECLAC")
    kinds = dict(
        eclac.memberships.values("kind").annotate(n=Count("pk")).values_list("kind", "n"),
    )
    # ECLAC: 46 member States, 33 in the region and 13 from outside it, and associate members.
    assert kinds["member"] == 33 and kinds["non_regional"] == 13
    outside = set(eclac.memberships.filter(kind="non_regional").values_list("country__iso2", flat=True))
    assert {"US", "JP", "DE"} <= outside
    escap = RegionalCommission.objects.get(code="ESCAP")
    assert set(escap.memberships.filter(kind="non_regional").values_list("country__iso2", flat=True)) == {
        "FR",
        "NL",
        "GB",
        "US",
    }


def test_executive_committee_membership_is_dated_with_its_sources():
    who = UnEntity.objects.get(code="WHO")
    (term,) = who.executive_committee_terms.all()
    assert term.start is None and "A/76/642" in term.start_note and term.sources
    # Membership on a day: a term that ended is not counted.
    term.end = date(2024, 12, 31)
    term.save()
    assert not UnEntity.objects.with_executive_committee().get(code="WHO").on_executive_committee
    assert UnEntity.objects.with_executive_committee(on=date(2023, 1, 1)).get(code="WHO").on_executive_committee
