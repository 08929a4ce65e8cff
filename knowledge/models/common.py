"""Pieces several hub models share."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sourced(models.Model):
    """Reference data taken from a public source: the source travels with the record, and a record not
    yet checked against it is flagged (and shown as such) instead of being stated as fact."""

    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Tick once the record is checked against its public source.")
    )

    class Meta:
        abstract = True
