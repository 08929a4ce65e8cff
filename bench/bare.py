"""The two baselines: a bare WSGI callable, and a bare Django view behind no middleware at all."""

import os

BODY = b"Hello, world"


def wsgi(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]


def django_application():
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY=os.environ.get("SECRET_KEY", "bench-bare"),
            ALLOWED_HOSTS=["*"],
            ROOT_URLCONF=__name__,
            MIDDLEWARE=[],
            INSTALLED_APPS=[],
            DATABASES={},
        )
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def constant(request):
    from django.http import HttpResponse

    return HttpResponse(BODY, content_type="text/plain")


def _urlpatterns():
    from django.urls import path

    return [path("", constant)]


def __getattr__(name):
    if name == "urlpatterns":
        return _urlpatterns()
    if name == "django":
        return django_application()
    raise AttributeError(name)
