"""Writes on the expert roster: applications and staff decisions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcm_portal.accounts.choices import Role
from gcm_portal.core.attachments import attachment_add
from gcm_portal.core.audit import audit_record
from gcm_portal.core.notifications import notify_role
from gcm_portal.core.workflow import transition_perform

from .. import permissions
from ..choices import OrganisationType
from ..models import Expert
from ..models.experts import UN_LANGUAGE_CHOICES
from ..workflow import EXPERT_WORKFLOW
from .documents import EXPERT_CVS

__all__ = ["EXPERT_FIELDS", "expert_apply", "expert_transition"]

EXPERT_FIELDS = (
    "application_language",
    "gender",
    "country",
    "region",
    "years_of_experience",
    "organisation",
    "organisation_type",
    "un_entity",
    "expertise",
    "publications",
)
UN_LANGUAGES = {code for code, _label in UN_LANGUAGE_CHOICES}


@transaction.atomic
def expert_apply(*, actor, data: dict, objectives, languages, cv=None, cv_language: str = "en") -> Expert:
    """A member applies to the roster, in any of the six languages, with their expertise by objective,
    working languages, region, experience, organisation and a CV. Staff are told."""
    if not permissions.can_apply_as_expert(actor):
        raise PermissionDenied(_("Sign in to apply to the expert roster."))
    if Expert.objects.filter(user=actor).exists():
        raise ValidationError(_("You have already applied to the roster."))
    unknown = set(data) - set(EXPERT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    objectives, languages = list(objectives), list(dict.fromkeys(languages))
    errors = {}
    if not objectives:
        errors["objectives"] = _("Choose the objectives you have expertise in.")
    if not languages or not set(languages) <= UN_LANGUAGES:
        errors["languages"] = _("Choose your working languages among the six UN languages.")
    if data.get("organisation_type") != OrganisationType.UN and data.get("un_entity") is not None:
        errors["un_entity"] = _("Name a UN entity only if you work for the UN system.")
    if errors:
        raise ValidationError(errors)
    expert = Expert(user=actor, languages=languages, **data)
    expert.full_clean()
    expert.save()
    expert.objectives.set(objectives)
    if cv is not None:
        attachment_add(attachments=EXPERT_CVS, parent=expert, actor=actor, upload=cv, language=cv_language)
    audit_record(actor=actor, action="create", target=expert, to_state=expert.status)
    notify_role(
        Role.NETWORK_STAFF,
        event="curation_requested",
        context={"title": str(actor), "kind": str(_("application to the expert roster")), "by": str(actor)},
        target=expert,
        actor=actor,
    )
    return expert


def expert_transition(*, expert: Expert, action: str, actor, comment: str = "", expected_version=None) -> Expert:
    """Staff approve (the expert becomes an expert reviewer), decline, remove or reconsider."""
    return transition_perform(
        workflow=EXPERT_WORKFLOW,
        obj=expert,
        action=action,
        actor=actor,
        comment=comment,
        expected_version=expected_version,
    )
