"""Role gates for any role: one page mixin and one API permission."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views import View
from rest_framework.test import APIRequestFactory

from gcm_portal.accounts.choices import Role
from gcm_portal.api.permissions import HasRole, PublicReadRoleWrite
from gcm_portal.core.generic import RoleRequiredMixin
from tests.factories.accounts import user_with_role

pytestmark = pytest.mark.django_db


class FundPage(RoleRequiredMixin, View):
    required_role = Role.FUND_MANAGER

    def get(self, request):
        return HttpResponse("fund")


def page(user):
    request = RequestFactory().get("/fund/")
    request.user = user
    return FundPage.as_view()(request)


def test_a_role_page_admits_its_role_and_administrators():
    assert page(user_with_role("fund_manager")).status_code == 200
    assert page(user_with_role("admin")).status_code == 200


def test_a_role_page_is_not_found_for_other_roles_and_sends_visitors_to_sign_in():
    for role in ("member", "focal_point", "network_staff"):
        with pytest.raises(Http404):
            page(user_with_role(role))
    response = page(AnonymousUser())
    assert response.status_code == 302 and "sign-in" in response["Location"]


def _allows(permission_class, method, user) -> bool:
    request = getattr(APIRequestFactory(), method)("/api/v1/anything/")
    request.user = user
    return permission_class().has_permission(request, view=None)


def test_has_role_permission_for_any_role():
    fund = HasRole.of(Role.FUND_MANAGER)
    assert fund.roles == (Role.FUND_MANAGER,) and issubclass(fund, HasRole)
    assert _allows(fund, "post", user_with_role("fund_manager"))
    assert not _allows(fund, "get", user_with_role("network_staff"))
    assert not _allows(fund, "get", AnonymousUser())
    either = HasRole.of(Role.FUND_MANAGER, Role.NETWORK_STAFF)
    assert _allows(either, "post", user_with_role("network_staff")) and _allows(
        either, "post", user_with_role("fund_manager")
    )
    assert not _allows(either, "post", user_with_role("entity_focal_point"))


def test_public_read_role_write():
    fund = PublicReadRoleWrite.of(Role.FUND_MANAGER)
    assert _allows(fund, "get", AnonymousUser())
    assert not _allows(fund, "post", user_with_role("member"))
    assert _allows(fund, "post", user_with_role("fund_manager"))
