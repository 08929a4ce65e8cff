from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles a user holds through memberships. "public" is everyone not signed in and
    "admin" is a superuser: neither is granted through a membership."""

    MEMBER = "member", _("Member")
    FOCAL_POINT = "focal_point", _("Focal point")
    ENTITY_FOCAL_POINT = "entity_focal_point", _("Entity focal point")
    EXPERT_REVIEWER = "expert_reviewer", _("Expert reviewer")
    NETWORK_STAFF = "network_staff", _("Network staff")
    FUND_MANAGER = "fund_manager", _("Fund manager")


COUNTRY_SCOPED_ROLES = frozenset({Role.FOCAL_POINT})
ENTITY_SCOPED_ROLES = frozenset({Role.ENTITY_FOCAL_POINT})

ROLE_DESCRIPTIONS = {
    Role.MEMBER: _("Post in discussion spaces and submit contributions for curation."),
    Role.FOCAL_POINT: _("Draft and submit your country's voluntary reports, pledges and requests."),
    Role.ENTITY_FOCAL_POINT: _("Submit concept notes and progress reports for your UN entity's programmes."),
    Role.EXPERT_REVIEWER: _("Review the items assigned to you and declare conflicts of interest."),
    Role.NETWORK_STAFF: _("Curate, publish or return anything; run regional reviews."),
    Role.FUND_MANAGER: _("Record Migration MPTF contributions, decisions, transfers and expenditure."),
}
