"""The GCM vocabulary filters (gcm_portal/taxonomy/filters.py) on the kit's NoteFilterSet and on
CountryFilterSet, and countries_for_actor (gcm_portal/taxonomy/selectors.py)."""

from __future__ import annotations

import pytest

from gcm_portal.taxonomy.filtersets import CountryFilterSet
from gcm_portal.taxonomy.models import Country
from gcm_portal.taxonomy.selectors import countries_for_actor
from tests.factories.kit import make_note
from tests.kit.filtersets import NoteFilterSet
from tests.kit.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(author):
    return {
        "gh": make_note(author, "Ghana, objective 6", countries=("GH",), objectives=(6,)),
        "both": make_note(author, "Ghana and Mexico, objectives 6 and 7", countries=("GH", "MX"), objectives=(6, 7)),
        "mx": make_note(author, "Mexico, objective 7", countries=("MX",), objectives=(7,)),
    }


def filtered(data: dict) -> NoteFilterSet:
    return NoteFilterSet(data, queryset=Note.objects.all())


def titles(filterset) -> list[str]:
    assert filterset.is_valid(), filterset.errors
    return sorted(filterset.qs.values_list("title", flat=True))


@pytest.mark.parametrize("code", ["gh", "GH", " Gh "])
def test_the_country_filter_takes_either_case(notes, code):
    assert titles(filtered({"country": code})) == sorted([notes["gh"].title, notes["both"].title])


def test_an_unknown_country_makes_the_filterset_invalid(notes):
    filterset = filtered({"country": "ZZ"})
    assert not filterset.is_valid()
    assert "country" in filterset.errors


def test_the_objective_filter_matches_by_number_once_per_note(notes):
    assert titles(filtered({"objective": "6"})) == sorted([notes["gh"].title, notes["both"].title])
    assert titles(filtered({"objective": "7", "country": "mx"})) == sorted([notes["both"].title, notes["mx"].title])


@pytest.mark.parametrize("value", ["six", "6a", "-6", "99", "0", "²", "1e3", "10000000000000000000000"])
def test_an_objective_that_is_not_a_number_or_does_not_exist_is_invalid(notes, value):
    filterset = filtered({"objective": value})
    assert not filterset.is_valid()
    assert "objective" in filterset.errors


def iso2s(data: dict) -> set[str]:
    filterset = CountryFilterSet(data, queryset=Country.objects.all())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("iso2", flat=True))


def test_the_region_filter_matches_an_intermediate_region():
    western_africa = iso2s({"region": "011"})  # Western Africa
    assert {"GH", "NG", "SN"} <= western_africa
    assert "KE" not in western_africa and "MX" not in western_africa


def test_the_region_filter_matches_a_sub_region_and_a_region():
    sub_saharan = iso2s({"region": "202"})  # Sub-Saharan Africa
    assert {"GH", "KE"} <= sub_saharan
    assert iso2s({"region": "011"}) < sub_saharan
    assert "EG" not in sub_saharan and "MX" not in sub_saharan
    assert sub_saharan < iso2s({"region": "002"})  # Africa


def test_an_unknown_region_makes_the_country_filterset_invalid():
    filterset = CountryFilterSet({"region": "999"}, queryset=Country.objects.all())
    assert not filterset.is_valid()


def test_countries_for_actor(staff, focal_gh, author, ghana):
    assert countries_for_actor(staff).count() == Country.objects.count() > 190
    assert list(countries_for_actor(focal_gh)) == [ghana]
    assert not countries_for_actor(author).exists()


def test_a_country_list_is_built_once_and_rebuilt_after_a_change(django_assert_num_queries):
    """RememberedChoices: the 249 options of a country filter cost one query for the first form, none
    for the next, and a change to the reference data shows at once."""
    with django_assert_num_queries(1):
        first = str(filtered({}).form["country"])
    with django_assert_num_queries(0):
        assert str(filtered({}).form["country"]) == first
    assert ">Ghana<" in first
    Country.objects.filter(iso2="GH").update(name="Republic of Ghana", sort_name="Ghana")
    rebuilt = str(filtered({}).form["country"])
    assert ">Republic of Ghana<" in rebuilt and ">Ghana<" not in rebuilt
