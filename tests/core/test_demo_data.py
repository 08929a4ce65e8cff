import pytest
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from gcm_portal.accounts.models import Membership, User
from gcm_portal.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_data_refuses_to_load_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only loaded with DEBUG"):
        call_command("load_demo_data")
    assert not User.objects.exists()


def test_demo_data_is_idempotent_and_prints_the_accounts(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_data")
    first = (User.objects.count(), Membership.objects.count())
    call_command("load_demo_data")
    assert (User.objects.count(), Membership.objects.count()) == first
    # the demo accounts and their roles (apps' demo content may add accounts of its own, e.g. experts)
    accounts = [account[0] for account in DEMO_ACCOUNTS]
    assert User.objects.filter(email__in=accounts).count() == len(DEMO_ACCOUNTS)
    assert Membership.objects.filter(user__email__in=accounts).count() == 14
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "focal.ghana@example.org" in out


def test_each_demo_account_signs_in_and_sees_its_roles(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data")
    expectations = {
        "admin@example.org": "Administrator",
        "staff@example.org": "Network staff",
        "focal.ghana@example.org": "Ghana",
        "focal.mexico@example.org": "Mexico",
        "entity.iom@example.org": "IOM",
        "reviewer@example.org": "Expert reviewer",
        "fund@example.org": "Fund manager",
        "member@example.org": "Member",
    }
    for email, text in expectations.items():
        assert client.login(request=HttpRequest(), username=email, password=DEMO_PASSWORD), email
        body = client.get("/accounts/profile/").content
        assert text in body.decode(), email
        client.logout()
