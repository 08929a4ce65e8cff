from django.conf import settings

from gcm_portal.core.notifications import unread_count
from gcm_portal.core.registry import nav_links, personal_links


def portal(request):
    """What the base layout needs: the navigation apps registered, the user's own links and notices."""
    user = getattr(request, "user", None)
    links = nav_links(user)
    return {
        "PORTAL_LANGUAGES": settings.LANGUAGES,
        "nav_links": links,
        # The shared shell's navigation is remembered per path and set of links shown (base.html).
        "nav_key": f"{request.path}|{','.join(link.key for link in links)}",
        "personal_links": personal_links(user),
        "unread_notifications": unread_count(user),
    }
