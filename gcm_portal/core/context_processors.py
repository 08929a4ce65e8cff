from django.conf import settings

from gcm_portal import permissions


def portal(request):
    """Navigation state the base layout needs: who is signed in and as what."""
    user = getattr(request, "user", None)
    return {
        "PORTAL_LANGUAGES": settings.LANGUAGES,
        "is_network_staff": permissions.is_network_staff(user),
    }
