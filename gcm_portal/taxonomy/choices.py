from django.db import models
from django.utils.translation import gettext_lazy as _


class M49Level(models.TextChoices):
    WORLD = "world", _("World")
    REGION = "region", _("Region")
    SUBREGION = "subregion", _("Sub-region")
    INTERMEDIATE = "intermediate", _("Intermediate region")


class CountryStatus(models.TextChoices):
    MEMBER_STATE = "member_state", _("UN Member State")
    OBSERVER_STATE = "observer_state", _("Non-member observer State")
    TERRITORY = "territory", _("Territory or area")
    OTHER = "other", _("Other")


class MembershipKind(models.TextChoices):
    """How a State belongs to a regional commission. Regional members are invited to report to its
    regional reviews by default; non-regional members (e.g. France in ESCAP, Japan in ECLAC) are not."""

    MEMBER = "member", _("Regional member")
    NON_REGIONAL = "non_regional", _("Non-regional member")
    ASSOCIATE = "associate", _("Associate member")


class EntityKind(models.TextChoices):
    AGENCY = "agency", _("Specialized agency or related organization")
    FUND_PROGRAMME = "fund_programme", _("Fund or programme")
    DEPARTMENT = "department", _("Secretariat department or office")
    REGIONAL_COMMISSION = "regional_commission", _("Regional commission")
    OTHER = "other", _("Other")


class ContentLanguage(models.TextChoices):
    """The language of something people wrote or uploaded (the six UN languages, or another)."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other language")


CONTENT_LANGUAGE_CHOICES = ContentLanguage.choices
