"""Membership over time: the seeded history with its sources, ``active_on`` in the API, the selectors
the reviews app flags champion pledges with, and staff corrections of the facts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from champions import selectors, services
from champions.models import Champion, CoChairPeriod, CountStatement, FocusArea, Membership, MembershipFact
from gcm_portal.core.concurrency import StaleVersion
from gcm_portal.taxonomy.models import Country
from tests.factories.accounts import focal_point, user_with_role

pytestmark = pytest.mark.django_db

OCTOBER_2020 = {"BD", "CA", "SV", "ET", "GH", "GW", "ID", "MX", "MA", "NP", "PH", "PT", "SN", "TH"}
BRIEFING = "https://migrationnetwork.un.org/statements/coordinators-briefing-19-october-2020"


def iso(ids) -> set[str]:
    return set(Country.objects.filter(pk__in=ids).values_list("iso2", flat=True))


# ---------------------------------------------------------------------------
# Done when: /api/v1/champions/?active_on=2020-10-19 returns exactly the 14 States, each with a source
# ---------------------------------------------------------------------------


def test_active_on_19_october_2020_returns_exactly_the_14_states_each_with_a_source():
    response = APIClient().get("/api/v1/champions/", {"active_on": "2020-10-19", "page_size": 100})
    assert response.status_code == 200
    body = response.json()
    results = body["results"]
    assert body["count"] == 14
    assert {r["country"]["iso2"] for r in results} == OCTOBER_2020
    for row in results:
        assert row["sources"], row["country"]
        assert any(s["url"] == BRIEFING for s in row["sources"]), row["country"]
        assert all(s["title"] for s in row["sources"])
        facts = [f for m in row["memberships"] for f in m["facts"]]
        assert any(f["source"]["url"] == BRIEFING and f["date"] == "2020-10-19" for f in facts)


def test_the_day_before_the_briefing_only_bangladesh_is_confirmed():
    assert iso(selectors.champion_country_ids_on(date(2020, 10, 18))) == {"BD"}


def test_june_2021_adds_egypt_iraq_and_kenya_and_later_lists_add_more():
    june = iso(selectors.champion_country_ids_on(date(2021, 6, 24)))
    assert june == OCTOBER_2020 | {"EG", "IQ", "KE"}
    later = iso(selectors.champion_country_ids_on(date(2023, 11, 28)))
    assert {"AZ", "LU", "TD", "CO", "CR", "TR", "GM"} <= later
    assert len(later) == 33


def test_confirmed_by_is_not_recorded_as_a_joined_date():
    """Sources only show the States were champions by a date: no joining date is invented."""
    assert not Membership.objects.exclude(joined_on=None).exists()
    ghana = Membership.objects.get(champion__country__iso2="GH")
    assert ghana.confirmed_by == date(2020, 10, 19) == ghana.starts_on


def test_disagreeing_sources_are_both_kept():
    iraq = MembershipFact.objects.filter(membership__champion__country__iso2="IQ").order_by("date")
    assert [f.date for f in iraq] == [date(2021, 2, 24), date(2021, 6, 24), date(2023, 11, 28)]
    assert not iraq[0].verified and "disagrees" in iraq[0].note
    counts = {(s.date, s.count) for s in CountStatement.objects.all()}
    assert (date(2020, 7, 22), 18) in counts and (date(2020, 10, 19), 14) in counts
    assert (date(2021, 3, 18), 20) in counts and (date(2021, 6, 24), 23) in counts
    assert all(s.source_title and s.source_url for s in CountStatement.objects.all())


def test_every_fact_has_a_source_and_the_co_chairs_and_focus_areas_are_seeded():
    assert not MembershipFact.objects.filter(source_title="").exists()
    assert set(CoChairPeriod.objects.values_list("champion__country__iso2", flat=True)) == {"MA", "SV"}
    assert CoChairPeriod.objects.filter(starts_on=None).count() == 2  # no date invented
    assert FocusArea.objects.count() == 5
    assert not FocusArea.objects.filter(verified=True).exists()


def test_loading_the_reference_data_again_changes_nothing():
    from django.apps import apps

    from champions.loader import load_reference

    before = (Champion.objects.count(), MembershipFact.objects.count(), CountStatement.objects.count())
    load_reference(apps)
    assert (Champion.objects.count(), MembershipFact.objects.count(), CountStatement.objects.count()) == before


# ---------------------------------------------------------------------------
# Done when (on this side): a pledge made by a State on a date when it was a champion shows as a
# champion's pledge, one made before it joined does not. The reviews app computes the flag with these.
# ---------------------------------------------------------------------------


def test_a_state_is_a_champion_between_joined_and_left_and_not_before(django_assert_num_queries):
    kenya = Country.objects.get(iso2="KE")
    staff = user_with_role("network_staff")
    membership = Membership.objects.get(champion__country=kenya)
    services.membership_fact_create(actor=staff, membership=membership, kind="left", date=date(2025, 1, 1))
    with django_assert_num_queries(1):
        assert selectors.is_champion_on(kenya, date(2021, 6, 24)) is True
    with django_assert_num_queries(1):
        assert selectors.is_champion_on(kenya, date(2021, 6, 23)) is False  # a pledge before it joined
    assert selectors.is_champion_on(kenya.pk, date(2024, 12, 31)) is True
    assert selectors.is_champion_on(kenya, date(2025, 1, 1)) is False  # the day it left
    with django_assert_num_queries(1):
        ids = selectors.champion_country_ids_on(date(2021, 6, 24))
    assert kenya.pk in ids and kenya.pk not in selectors.champion_country_ids_on(date(2021, 6, 23))


def test_a_joined_date_from_a_letter_counts_from_the_letter():
    staff = user_with_role("network_staff")
    jamaica = Country.objects.get(iso2="JM")
    champion = Champion.objects.create(country=jamaica)
    membership = Membership.objects.create(champion=champion)
    services.membership_fact_create(actor=staff, membership=membership, kind="joined", date=date(2024, 5, 2))
    services.membership_fact_create(actor=staff, membership=membership, kind="confirmed", date=date(2024, 9, 1))
    assert not selectors.is_champion_on(jamaica, date(2024, 5, 1))
    assert selectors.is_champion_on(jamaica, date(2024, 5, 2))


# ---------------------------------------------------------------------------
# Staff correct the facts (API and services)
# ---------------------------------------------------------------------------


def test_staff_correct_a_fact_through_the_api_with_if_match_and_the_period_follows():
    staff = user_with_role("network_staff")
    client = APIClient()
    client.force_authenticate(staff)
    fact = MembershipFact.objects.get(membership__champion__country__iso2="KE", date=date(2021, 6, 24))
    url = f"/api/v1/champion-membership-facts/{fact.pk}/"
    assert client.patch(url, {"date": "2021-06-01"}, format="json").status_code == 428
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"date": "2021-06-01"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert Membership.objects.get(champion__country__iso2="KE").starts_on == date(2021, 6, 1)
    stale = client.patch(url, {"note": "again"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["current"]["date"] == "2021-06-01"
    assert client.patch(url, {"membership": 1}, format="json", HTTP_IF_MATCH=f'"{fact.pk}-2"').status_code == 400


def test_a_left_date_before_the_start_is_refused_and_nothing_changes():
    staff = user_with_role("network_staff")
    membership = Membership.objects.get(champion__country__iso2="GH")
    with pytest.raises(ValidationError):
        services.membership_fact_create(actor=staff, membership=membership, kind="left", date=date(2019, 1, 1))
    assert not membership.facts.filter(kind="left").exists()


def test_only_staff_correct_facts():
    membership = Membership.objects.get(champion__country__iso2="GH")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.membership_fact_create(
            actor=focal_point("GH"), membership=membership, kind="left", date=date(2030, 1, 1)
        )
    fact = membership.facts.first()
    with pytest.raises(StaleVersion):
        services.membership_fact_update(fact=fact, actor=user_with_role("network_staff"), expected_version=99, note="x")


def test_admin_edits_keep_the_period_in_step_with_its_facts(client):
    admin = user_with_role("admin")
    client.force_login(admin)
    membership = Membership.objects.get(champion__country__iso2="NP")
    page = client.get(f"/admin/champions/membership/{membership.pk}/change/")
    assert page.status_code == 200
    from champions.admin import MembershipAdmin

    MembershipFact.objects.create(membership=membership, kind="left", date=date(2029, 1, 1), source_title="Test")
    MembershipAdmin(Membership, None).save_related(
        None, type("F", (), {"instance": membership, "save_m2m": lambda self: None})(), [], True
    )
    membership.refresh_from_db()
    assert membership.left_on == date(2029, 1, 1)
