"""The kernel's access policy rows: home, search, accounts, taxonomy, the pages apps fill with panels,
the API root and the Django admin.

Codes: 200 ok, 302 redirect (to sign-in for pages that need an account), 401 API without
credentials, 403 signed in but not allowed, 404 not visible, 405 wrong method.
"""

from __future__ import annotations

from tests.policy.base import ADMIN_SITE, API_SIGNED_IN, PUBLIC, Expect, everyone, only, signed_in

STAFF_PAGE = only({"network_staff": 200, "admin": 200}, others=404) | {"anonymous": 302}

KERNEL_POLICY: dict[str, list[Expect]] = {
    # kernel pages
    "home": [Expect(PUBLIC)],
    "search": [Expect(PUBLIC)],
    "my-country": [Expect(signed_in())],
    "curation": [Expect(STAFF_PAGE)],
    "notifications": [Expect(signed_in())],
    "notification-open": [Expect(signed_in(404), kwargs={"pk": 999999})],
    "audit-log": [Expect(STAFF_PAGE)],
    "healthz": [Expect(PUBLIC)],
    "set_language": [
        Expect(everyone(302), method="post", data={"language": "fr", "next": "/"}),
        Expect(everyone(302), data={"language": "fr", "next": "/"}),
    ],
    # accounts
    "accounts:login": [Expect(signed_in(302, anonymous=200))],
    "accounts:logout": [Expect(everyone(405)), Expect(everyone(302), method="post")],
    "accounts:register": [Expect(PUBLIC)],
    "accounts:register-sent": [Expect(PUBLIC)],
    "accounts:confirm": [Expect(PUBLIC, kwargs={"token": "not-a-token"})],
    "accounts:profile": [Expect(signed_in())],
    "accounts:password-change": [Expect(signed_in())],
    "accounts:two-factor-setup": [Expect(signed_in())],
    "accounts:two-factor-verify": [Expect(signed_in())],
    "accounts:two-factor-disable": [Expect(signed_in(405)), Expect(signed_in(404), method="post")],
    # No account here has an authenticator app: each is sent to set one up (anonymous: to sign in).
    "accounts:two-factor-recovery-codes": [
        Expect(signed_in(302)),
        Expect(signed_in(302), method="post", data={"token": "123456"}),
    ],
    "accounts:token-create": [
        Expect(signed_in(405)),
        Expect(everyone(302), method="post", data={"name": "script", "days": 30}),
    ],
    "accounts:token-revoke": [
        Expect(signed_in(405), kwargs={"pk": 999999}),
        Expect(signed_in(404), method="post", kwargs={"pk": 999999}),
    ],
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
