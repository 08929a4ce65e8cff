from rest_framework.authentication import TokenAuthentication


class BearerOrTokenAuthentication(TokenAuthentication):
    """Accepts ``Authorization: Token <key>`` and ``Authorization: Bearer <key>``."""

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Bearer "):
            request.META["HTTP_AUTHORIZATION"] = "Token " + header[len("Bearer ") :]
        return super().authenticate(request)
