import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from gcm_portal import permissions
from gcm_portal.accounts.models import Membership, User
from gcm_portal.accounts.services import role_grant, role_revoke
from gcm_portal.taxonomy.models import Country, UnEntity
from tests.factories.accounts import UserFactory, focal_point, user_with_role

pytestmark = pytest.mark.django_db


def test_create_user_works_like_djangos():
    user = User.objects.create_user(email="Someone@Example.ORG", password="s3cret-pass-word")
    assert user.email == "someone@example.org"
    assert user.check_password("s3cret-pass-word")
    assert user.is_active and not user.is_staff and not user.is_superuser
    admin = User.objects.create_superuser(email="root@example.org", password="x-long-password")
    assert admin.is_superuser and admin.is_staff


def test_email_is_unique_whatever_its_case():
    User.objects.create_user(email="a@example.org", password="x")
    with pytest.raises(ValidationError):
        User.objects.create_user(email="A@EXAMPLE.org", password="x")


def test_role_primitives_follow_memberships():
    ghana = Country.objects.get(iso2="GH")
    mexico = Country.objects.get(iso2="MX")
    fp = focal_point("GH")
    assert permissions.represents_country(fp, ghana)
    assert not permissions.represents_country(fp, mexico)
    assert not permissions.is_network_staff(fp)

    staff = user_with_role("network_staff")
    assert permissions.is_network_staff(staff)
    assert not permissions.represents_country(staff, ghana)

    iom = UnEntity.objects.get(code="IOM")
    efp = user_with_role("entity_focal_point", entity="IOM")
    assert permissions.represents_entity(efp, iom)
    assert permissions.entity_ids_represented(efp) == {iom.pk}


def test_one_person_holds_several_roles():
    user = focal_point("GH")
    role_grant(user=user, role="focal_point", country="MX")
    role_grant(user=user, role="member")
    assert permissions.country_ids_represented(user) == set(
        Country.objects.filter(iso2__in=["GH", "MX"]).values_list("pk", flat=True)
    )
    assert permissions.has_role(user, "member")


def test_inactive_and_anonymous_users_hold_nothing():
    from django.contrib.auth.models import AnonymousUser

    user = user_with_role("network_staff")
    user.is_active = False
    assert not permissions.is_network_staff(user)
    assert permissions.roles_of(AnonymousUser()) == frozenset()


def test_superuser_counts_as_every_role():
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert permissions.is_network_staff(admin) and permissions.is_fund_manager(admin) and permissions.is_admin(admin)


def test_roles_are_read_once_per_user_object(django_assert_num_queries):
    user = focal_point("GH")
    fresh = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        permissions.is_network_staff(fresh)
        permissions.country_ids_represented(fresh)
        permissions.is_expert_reviewer(fresh)


@pytest.mark.parametrize(
    ("role", "country", "entity", "message"),
    [
        ("focal_point", None, None, "needs a country"),
        ("entity_focal_point", None, None, "needs a UN entity"),
        ("network_staff", "GH", None, "not scoped to a country"),
        ("member", None, "IOM", "not scoped to a UN entity"),
        ("focal_point", "QQ", None, "No country"),
        ("wizard", None, None, "Unknown role"),
    ],
)
def test_bad_grants_are_refused_with_a_reason(role, country, entity, message):
    user = UserFactory()
    with pytest.raises(ValidationError, match=message):
        role_grant(user=user, role=role, country=country, entity=entity)
    assert not Membership.objects.filter(user=user).exists()


def test_database_refuses_a_scope_that_does_not_fit_the_role():
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role="focal_point")


def test_granting_twice_changes_nothing_and_revoke_removes():
    user = UserFactory()
    _, created = role_grant(user=user, role="focal_point", country="GH")
    _, again = role_grant(user=user, role="focal_point", country="GH")
    assert created and not again
    assert Membership.objects.filter(user=user).count() == 1
    assert role_revoke(user=user, role="focal_point", country="GH") == 1
    assert not permissions.represents_country(user, Country.objects.get(iso2="GH"))


def test_grant_and_revoke_commands():
    user = UserFactory(email="fp@example.org")
    call_command("grant_role", "fp@example.org", "focal_point", "--country", "sn")
    assert user.memberships.get().country.iso2 == "SN"
    call_command("grant_role", "FP@example.org", "entity_focal_point", "--entity", "unicef")
    assert user.memberships.count() == 2
    call_command("revoke_role", "fp@example.org", "focal_point", "--country", "SN")
    assert list(user.memberships.values_list("role", flat=True)) == ["entity_focal_point"]


@pytest.mark.parametrize(
    "args",
    [
        ["nobody@example.org", "member"],
        ["fp2@example.org", "focal_point"],
        ["fp2@example.org", "network_staff", "--country", "GH"],
    ],
)
def test_commands_explain_bad_input(args):
    UserFactory(email="fp2@example.org")
    with pytest.raises(CommandError):
        call_command("grant_role", *args)


def test_revoking_a_role_not_held_is_an_error():
    UserFactory(email="fp3@example.org")
    with pytest.raises(CommandError, match="does not hold"):
        call_command("revoke_role", "fp3@example.org", "network_staff")
