from django.conf import settings

from gcm_portal import permissions
from gcm_portal.core.notifications import unread_count


def portal(request):
    """Navigation state the base layout needs: who is signed in and as what."""
    user = getattr(request, "user", None)
    return {
        "PORTAL_LANGUAGES": settings.LANGUAGES,
        "is_network_staff": permissions.is_network_staff(user),
        "represents_a_country": bool(permissions.country_ids_represented(user)),
        "unread_notifications": unread_count(user),
    }
