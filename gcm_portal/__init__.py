"""GCM Portal kernel: settings, accounts, taxonomy, shared mechanisms and the API root."""

from .celery import app as celery_app

__all__ = ["celery_app"]
