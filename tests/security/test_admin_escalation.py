"""Defect 1: Network staff could take over the superuser through the admin and grant themselves roles."""

from __future__ import annotations

import pytest
from django.contrib import admin as django_admin

from gcm_portal.accounts.models import Membership, User
from gcm_portal.core.models import AuditEntry
from tests.factories.accounts import PASSWORD, UserFactory, user_with_role
from tests.factories.reviews import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _change_data(user: User, **overrides) -> dict:
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "organisation": user.organisation,
        "preferred_language": user.preferred_language,
        "is_active": "on" if user.is_active else "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.parametrize("target_kind", ["superuser", "other_staff", "fund_manager", "self"])
def test_staff_cannot_take_over_a_privileged_account(staff_client, staff_user, target_kind):
    target = {
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True, email="root@example.org"),
        "other_staff": lambda: user_with_role("network_staff"),
        "fund_manager": lambda: user_with_role("fund_manager"),
        "self": lambda: staff_user,
    }[target_kind]()
    url = f"/admin/accounts/user/{target.pk}/"
    # Set a password: refused.
    response = staff_client.post(
        f"{url}password/", {"password1": "taken-over-2026!", "password2": "taken-over-2026!", "usable_password": "true"}
    )
    assert response.status_code == 403
    # Change the e-mail address or deactivate: refused (the page is read-only, a forged post is refused).
    response = staff_client.post(f"{url}change/", _change_data(target, email="attacker@example.org", is_active=""))
    assert response.status_code == 403
    # Delete: refused.
    response = staff_client.post(f"{url}delete/", {"post": "yes"})
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.email != "attacker@example.org"
    assert target.is_active
    assert target.check_password(PASSWORD)


def test_staff_still_manage_ordinary_accounts(staff_client):
    member = UserFactory()
    response = staff_client.post(
        f"/admin/accounts/user/{member.pk}/change/", _change_data(member, organisation="New organisation")
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.organisation == "New organisation"


@pytest.mark.parametrize("role", ["fund_manager", "network_staff"])
def test_staff_cannot_grant_privileged_roles_through_the_membership_admin(staff_client, role):
    member = UserFactory()
    response = staff_client.post("/admin/accounts/membership/add/", {"user": member.pk, "role": role})
    assert response.status_code == 200  # the form is shown again with the error
    assert not Membership.objects.filter(user=member, role=role).exists()


def test_staff_cannot_grant_themselves_a_role(staff_client, staff_user):
    response = staff_client.post("/admin/accounts/membership/add/", {"user": staff_user.pk, "role": "expert_reviewer"})
    assert response.status_code == 200
    assert not Membership.objects.filter(user=staff_user, role="expert_reviewer").exists()
    # Nor through the inline on their own user page (read-only for them).
    response = staff_client.post(
        f"/admin/accounts/user/{staff_user.pk}/change/",
        _change_data(
            staff_user,
            **{
                "memberships-TOTAL_FORMS": "1",
                "memberships-0-role": "fund_manager",
                "memberships-0-user": str(staff_user.pk),
            },
        ),
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=staff_user, role="fund_manager").exists()


def test_staff_cannot_revoke_another_staff_members_role(staff_client):
    other = user_with_role("network_staff")
    membership = other.memberships.get()
    response = staff_client.post(f"/admin/accounts/membership/{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_role_grants_and_revocations_are_audited(staff_client, staff_user):
    member = UserFactory()
    response = staff_client.post(
        "/admin/accounts/membership/add/", {"user": member.pk, "role": "focal_point", "country": _ghana().pk}
    )
    assert response.status_code == 302, response.content[:2000]
    membership = Membership.objects.get(user=member, role="focal_point")
    assert membership.granted_by == staff_user
    response = staff_client.post(f"/admin/accounts/membership/{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    actions = list(
        AuditEntry.objects.filter(object_id=str(member.pk), actor=staff_user)
        .order_by("pk")
        .values_list("action", "changes")
    )
    assert actions == [
        ("role_granted", {"role": {"before": None, "after": "focal_point:GH"}}),
        ("role_revoked", {"role": {"before": "focal_point:GH", "after": None}}),
    ]


def _ghana():
    from gcm_portal.taxonomy.models import Country

    return Country.objects.get(iso2="GH")


def test_voluntary_report_change_page_answers_and_reports_cannot_be_deleted(staff_client, admin_user, client):
    world = build_world()
    report = world.published_gh
    response = staff_client.get(f"/admin/reviews/voluntaryreport/{report.pk}/change/")
    assert response.status_code == 200
    response = staff_client.post(f"/admin/reviews/voluntaryreport/{report.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert type(report).objects.filter(pk=report.pk).exists()
    client.force_login(admin_user)
    assert client.get(f"/admin/reviews/voluntaryreport/{report.pk}/change/").status_code == 200


def test_staff_cannot_delete_a_published_curated_record(staff_client):
    from reviews.models import Pledge

    pledge = build_world().published_pledge_gh
    response = staff_client.post(f"/admin/reviews/pledge/{pledge.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    # The bulk action refuses too.
    staff_client.post(
        "/admin/reviews/pledge/", {"action": "delete_selected", "_selected_action": [pledge.pk], "post": "yes"}
    )
    assert Pledge.objects.filter(pk=pledge.pk).exists()


def test_every_admin_page_answers_for_staff_and_superusers(client, staff_user, admin_user):
    """No change page of a registered model fails (the voluntary report page used to answer 500)."""
    build_world()
    for user in (staff_user, admin_user):
        client.force_login(user)
        for model in list(django_admin.site._registry):
            opts = model._meta
            changelist = f"/admin/{opts.app_label}/{opts.model_name}/"
            response = client.get(changelist)
            assert response.status_code in (200, 403), (changelist, response.status_code)
            obj = model._default_manager.order_by("pk").first()
            if obj is not None and response.status_code == 200:
                change = f"{changelist}{obj.pk}/change/"
                assert client.get(change).status_code in (200, 302, 403), change
