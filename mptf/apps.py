from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MptfConfig(AppConfig):
    name = "mptf"
    verbose_name = _("Migration MPTF")
