"""What every seeded record carries: the public source it comes from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 16, "decimal_places": 2}


class Sourced(models.Model):
    """The public source of a record (title, address, date) and what it does or does not confirm.
    Records a fund manager enters leave these empty; seeded facts always fill them."""

    source_title = models.CharField(_("source title"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    source_note = models.TextField(
        _("source note"), blank=True, help_text=_("What the source confirms, and what it does not.")
    )

    class Meta:
        abstract = True

    @property
    def has_source(self) -> bool:
        return bool(self.source_url)
