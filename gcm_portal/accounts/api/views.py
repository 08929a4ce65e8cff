from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from gcm_portal.api.throttling import ClientScopedRateThrottle

from .. import services
from ..models import ApiToken
from .serializers import MeSerializer, TokenRequestSerializer, TokenSerializer


class TokenView(APIView):
    """Exchange an e-mail address and password for a new named API token (POST; the key is shown once),
    or revoke the token this request uses (DELETE). Accounts that must use a second factor create their
    tokens on their profile page, after signing in with it."""

    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "auth"

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer})
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        from gcm_portal.accounts.twofactor import second_factor_required

        if second_factor_required(user):
            raise exceptions.PermissionDenied(
                _("This account signs in with a second factor: create API tokens on your profile page.")
            )
        token, key = services.api_token_create(
            user=user, name=serializer.validated_data.get("name", ""), days=serializer.validated_data.get("days")
        )
        return Response({"token": key, "name": token.name, "expires_at": token.expires_at})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if isinstance(request.auth, ApiToken):
            services.api_token_revoke(user=request.user, token_id=request.auth.pk)
        else:
            for token_id in ApiToken.objects.filter(user=request.user).values_list("pk", flat=True):
                services.api_token_revoke(user=request.user, token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(generics.RetrieveAPIView):
    """The signed-in account and the roles it holds."""

    serializer_class = MeSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return self.request.user
