import re

import pytest
from django.core import mail
from django.urls import reverse

from gcm_portal.accounts.models import User
from tests.factories.accounts import PASSWORD, UserFactory, focal_point

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_and_land_on_profile_in_preferred_language(client):
    user = focal_point("GH", preferred_language="fr")
    response = client.post(reverse("accounts:login"), {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/profile/"
    assert response.cookies["django_language"].value == "fr"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Ghana" in page.content.decode()


def test_wrong_password_is_refused_with_a_message(client):
    user = UserFactory()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "do not match an active account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_profile_lists_every_role_and_scope(client):
    user = focal_point("MX")
    from gcm_portal.accounts.services import role_grant

    role_grant(user=user, role="entity_focal_point", entity="UNICEF")
    role_grant(user=user, role="expert_reviewer")
    client.force_login(user)
    body = client.get(reverse("accounts:profile")).content.decode()
    for text in ("Focal point", "Mexico", "Entity focal point", "UNICEF", "Expert reviewer"):
        assert text in body
    # each role says what it lets its holder do
    assert "Review the items assigned to you and declare conflicts of interest." in body


def test_profile_edit_saves_and_switches_language(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "New Name", "organisation": "Org", "preferred_language": "es"}
    )
    assert response.status_code == 302 and response["Location"] == "/es/accounts/profile/"
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language) == ("New Name", "es")


def test_sign_out_needs_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_registration_waits_for_email_confirmation_then_makes_a_member(
    client, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:register"),
            {
                "email": "new.member@example.org",
                "full_name": "New Member",
                "organisation": "Civil society",
                "preferred_language": "es",
                "password1": "a-strong-passphrase-2026",
                "password2": "a-strong-passphrase-2026",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.org")
    assert not user.is_active
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.member@example.org"]
    assert "Confirm" in message.subject or "Confirme" in message.subject or "cuenta" in message.subject.lower()
    link = re.search(r"https?://\S+", message.body).group(0)
    assert (
        client.post(
            reverse("accounts:login"), {"username": user.email, "password": "a-strong-passphrase-2026"}
        ).status_code
        == 200
    )

    response = client.get(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert list(user.memberships.values_list("role", flat=True)) == ["member"]


def test_registration_rejects_bad_input_and_creates_nothing(client):
    UserFactory(email="taken@example.org")
    response = client.post(
        reverse("accounts:register"),
        {"email": "taken@example.org", "preferred_language": "en", "password1": "short", "password2": "other"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "already exists" not in body  # registration never says which addresses have accounts
    assert "do not match" in body
    assert User.objects.count() == 1


def test_confirmation_link_that_was_tampered_with_is_refused(client):
    response = client.get(reverse("accounts:confirm", args=["not-a-token"]))
    assert response.status_code == 200
    assert "not valid" in response.content.decode()


def test_old_confirmation_link_does_not_reenable_a_disabled_account(client):
    from django.utils import timezone

    from gcm_portal.accounts.services import account_confirmation_token

    user = UserFactory(is_active=False)
    token = account_confirmation_token(user)
    user.last_login = timezone.now()
    user.save()
    response = client.get(reverse("accounts:confirm", args=[token]))
    assert "already been used" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_password_reset_sends_a_working_link_in_the_users_language(
    client, eager_tasks, django_capture_on_commit_callbacks
):
    user = UserFactory(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert "/fr/accounts/password/reset/" in link
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-strong-pass-77", "new_password2": "another-strong-pass-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-strong-pass-77")


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
