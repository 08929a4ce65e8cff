"""The access policy: for every URL pattern, what each role gets. The single source of truth the
permission-matrix test checks; every new URL must appear here or the suite fails. Apps' rows live in
tests/policy_<app>.py and are merged below.

Codes: 200 ok, 302 redirect (to sign-in for pages that need an account), 401 API without
credentials, 403 signed in but not allowed, 404 not visible, 405 wrong method.
"""

from __future__ import annotations

from tests.policy_base import ADMIN_SITE, API_SIGNED_IN, PUBLIC, ROLES, SIGNED_IN, Expect, everyone, only, signed_in
from tests.policy_reviews import REVIEWS_POLICY
from tests.policy_reviews_api import REVIEWS_API_POLICY

__all__ = ["COVERED_BY_PREFIX", "POLICY", "ROLES", "SIGNED_IN"]

POLICY: dict[str, list[Expect]] = {
    # kernel pages
    "home": [Expect(PUBLIC)],
    "search": [Expect(PUBLIC)],
    "healthz": [Expect(PUBLIC)],
    "set_language": [Expect(everyone(302), method="post", data={"language": "fr", "next": "/"})],
    # accounts
    "accounts:login": [Expect(signed_in(302, anonymous=200))],
    "accounts:logout": [Expect(everyone(405)), Expect(everyone(302), method="post")],
    "accounts:register": [Expect(PUBLIC)],
    "accounts:register-sent": [Expect(PUBLIC)],
    "accounts:confirm": [Expect(PUBLIC, kwargs={"token": "not-a-token"})],
    "accounts:profile": [Expect(signed_in())],
    "accounts:password-change": [Expect(signed_in())],
    "accounts:password-reset": [Expect(PUBLIC)],
    "accounts:password-reset-done": [Expect(PUBLIC)],
    "accounts:password-reset-confirm": [Expect(PUBLIC, kwargs={"uidb64": "MQ", "token": "bad-token"})],
    "accounts:password-reset-complete": [Expect(PUBLIC)],
    # taxonomy pages
    "taxonomy:reference-index": [Expect(PUBLIC)],
    "taxonomy:objective-list": [Expect(PUBLIC)],
    "taxonomy:objective-detail": [Expect(PUBLIC, kwargs={"number": 7}), Expect(everyone(404), kwargs={"number": 99})],
    "taxonomy:principle-list": [Expect(PUBLIC)],
    "taxonomy:country-list": [Expect(PUBLIC)],
    "taxonomy:country-detail": [Expect(PUBLIC, kwargs={"iso2": "gh"}), Expect(everyone(404), kwargs={"iso2": "qq"})],
    "taxonomy:commission-list": [Expect(PUBLIC)],
    "taxonomy:commission-detail": [Expect(PUBLIC, kwargs={"code": "ECA"})],
    "taxonomy:thematic-area-list": [Expect(PUBLIC)],
    "taxonomy:sdg-target-list": [Expect(PUBLIC)],
    "taxonomy:entity-list": [Expect(PUBLIC)],
    "champions:index": [Expect(PUBLIC)],
    # API
    "schema": [Expect(PUBLIC)],
    "docs": [Expect(PUBLIC)],
    "api:api-root": [Expect(PUBLIC), Expect(everyone(403) | {"anonymous": 401}, method="post")],
    "api:auth-token": [
        Expect(signed_in(405, anonymous=401)),
        Expect(everyone(400), method="post", data={"email": "nobody@example.org", "password": "x"}),
        Expect(signed_in(204, anonymous=401), method="delete"),
    ],
    "api:me": [Expect(API_SIGNED_IN)],
    "api:country-list": [Expect(PUBLIC), Expect(everyone(403) | {"anonymous": 401}, method="post", data={})],
    "api:country-detail": [Expect(PUBLIC, kwargs={"iso2": "GH"})],
    "api:region-list": [Expect(PUBLIC)],
    "api:region-detail": [Expect(PUBLIC, kwargs={"code": "002"})],
    "api:commission-list": [Expect(PUBLIC)],
    "api:commission-detail": [Expect(PUBLIC, kwargs={"code": "ECA"})],
    "api:objective-list": [Expect(PUBLIC)],
    "api:objective-detail": [
        Expect(PUBLIC, kwargs={"number": 7}),
        Expect(everyone(403) | {"anonymous": 401}, method="delete", kwargs={"number": 7}),
    ],
    "api:principle-list": [Expect(PUBLIC)],
    "api:principle-detail": [Expect(PUBLIC, kwargs={"letter": "a"})],
    "api:thematic-area-list": [Expect(PUBLIC)],
    "api:thematic-area-detail": [Expect(PUBLIC, kwargs={"number": 1})],
    "api:sdg-target-list": [Expect(PUBLIC)],
    "api:sdg-target-detail": [Expect(PUBLIC, kwargs={"code": "10.7"})],
    "api:entity-list": [Expect(PUBLIC)],
    "api:entity-detail": [Expect(PUBLIC, kwargs={"code": "IOM"})],
    # Django admin: staff roles only; each model's permissions follow the role (see accounts/backends.py)
    "admin:index": [Expect(ADMIN_SITE)],
    "admin:accounts_user_changelist": [
        Expect(only({"network_staff": 200, "admin": 200, "fund_manager": 403}, others=302))
    ],
    "admin:taxonomy_country_changelist": [
        Expect(only({"network_staff": 200, "admin": 200, "fund_manager": 403}, others=302))
    ],
}

POLICY.update(REVIEWS_POLICY)
POLICY.update(REVIEWS_API_POLICY)

# Whole URL groups covered by the representative rows above, with the reason.
COVERED_BY_PREFIX = {
    "admin:": "Django admin views: the site admits only staff roles (admin:index row) and each model "
    "checks its own permissions, which follow roles (admin changelist rows).",
}
