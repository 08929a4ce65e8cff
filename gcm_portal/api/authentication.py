from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header


class BearerOrTokenAuthentication(BaseAuthentication):
    """Accepts ``Authorization: Token <key>`` and ``Authorization: Bearer <key>``. Keys are looked up by
    their hash (:func:`gcm_portal.accounts.services.api_token_authenticate`); an expired or revoked
    token, or one of a deactivated account, is refused."""

    keywords = (b"token", b"bearer")

    def authenticate(self, request):
        from gcm_portal.accounts.services import api_token_authenticate

        auth = get_authorization_header(request).split()
        if not auth or auth[0].lower() not in self.keywords:
            return None
        if len(auth) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header: give the keyword and one token."))
        try:
            key = auth[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: the token has invalid characters.")
            ) from None
        found = api_token_authenticate(key)
        if found is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        return found

    def authenticate_header(self, request):
        return "Token"
