"""Where a fact comes from. Reference records (dates, names, figures) carry their public sources, so
readers can check them and staff can correct them.

``SourcesField`` is a JSON list of ``{"title", "url", "date", "note"}`` (title required, the rest
optional; ``date`` as YYYY-MM-DD). Pages show them with ``templates/includes/sources.html``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SourcesField", "validate_sources"]

KEYS = {"title", "url", "date", "note"}


def validate_sources(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Sources are a list of {title, url, date, note}."))
    url_valid = URLValidator(schemes=["http", "https"])
    for item in value:
        if not isinstance(item, dict) or not str(item.get("title", "")).strip():
            raise ValidationError(_("Each source needs at least a title."))
        unknown = set(item) - KEYS
        if unknown:
            raise ValidationError(_("Unknown source keys: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
        if item.get("url"):
            url_valid(item["url"])
        if item.get("date"):
            try:
                date.fromisoformat(item["date"])
            except (TypeError, ValueError):
                raise ValidationError(_("A source date is written YYYY-MM-DD.")) from None


class SourcesField(models.JSONField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("verbose_name", _("sources"))
        kwargs.setdefault(
            "help_text", _('Public sources, e.g. [{"title": "...", "url": "https://...", "date": "2022-05-20"}].')
        )
        super().__init__(*args, **kwargs)
        if validate_sources not in self.validators:
            self.validators.append(validate_sources)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("default", list), ("blank", True)):
            if kwargs.get(key) is value:
                kwargs.pop(key)
        return name, path, args, kwargs
