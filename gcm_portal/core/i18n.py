"""Switching language keeps the visitor on the page they were reading.

The switcher is a GET form with no CSRF token, so the pages that carry it stay free of anything personal
and can be cached for every anonymous visitor; choosing a language changes nothing but the visitor's own
preference cookie (the worst a forged link can do is show a page in another language)."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
@csrf_exempt
def language_switch(request):
    """Like Django's ``set_language``, but it reads the page's language from its own URL, so switching
    from ``/es/...`` works whatever the language cookie says."""
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language", "")
    next_url = data.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    current = translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE
    with translation.override(current):
        target = translate_url(next_url, language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response
