"""The portal's own settings for the benchmark: the same middleware and templates, served by gunicorn
over plain HTTP on loopback, with a query counter in a response header and the floor page."""

from gcm_portal.settings import *  # noqa: F403
from gcm_portal.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
