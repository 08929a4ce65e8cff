"""How hub records keep documents (the kernel's attachments): practice documents, one resource file
per language, CVs, and the terms of reference and workplans of working groups and networks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_portal.core.attachments import Attachments
from gcm_portal.core.curation import CurationState

from .. import permissions, selectors
from ..models import ExpertCV, NetworkDocument, PracticeDocument, ResourceFile, WorkingGroupDocument

__all__ = ["EXPERT_CVS", "GROUP_DOCUMENTS", "NETWORK_DOCUMENTS", "PRACTICE_DOCUMENTS", "RESOURCE_FILES"]


def one_file_per_language(parent, values) -> None:
    language = values.get("language", "en")
    if parent.files.filter(language=language).exists():
        raise ValidationError(
            {"language": _("This resource already has a file in this language: remove it first to replace it.")}
        )


def one_document_per_language(parent, values) -> None:
    language = values.get("language", "en")
    if parent.documents.filter(language=language).exists():
        raise ValidationError(
            {"language": _("There is already a document in this language: remove it first to replace it.")}
        )


def _suggester_or_curator(user, resource) -> bool:
    if permissions.can_curate(user):
        return True
    return resource.is_owned_by(user) and resource.curation in (CurationState.PENDING, CurationState.RETURNED)


PRACTICE_DOCUMENTS = Attachments(
    model=PracticeDocument,
    parent_field="practice",
    parent_queryset=selectors.practice_detail,
    may_change=permissions.can_edit_practice,
    refusal=gettext_lazy("Documents can only be added or removed while the practice can be edited."),
)

RESOURCE_FILES = Attachments(
    model=ResourceFile,
    parent_field="resource",
    parent_queryset=selectors.resource_detail,
    may_change=_suggester_or_curator,
    check=one_file_per_language,
    kinds=("pdf", "docx", "odt", "xlsx", "ods", "csv"),
    refusal=gettext_lazy(
        "Files are added by Network staff, or by the person who suggested the resource while it waits."
    ),
)

GROUP_DOCUMENTS = Attachments(
    model=WorkingGroupDocument,
    parent_field="group",
    parent_queryset=selectors.group_detail,
    may_change=permissions.can_curate,
    check=one_document_per_language,
    refusal=gettext_lazy("Network staff keep a working group's terms of reference."),
)

NETWORK_DOCUMENTS = Attachments(
    model=NetworkDocument,
    parent_field="network",
    parent_queryset=selectors.network_detail,
    may_change=permissions.can_curate,
    fields=("category", "language"),
    refusal=gettext_lazy("Network staff keep a network's terms of reference and workplan."),
)

EXPERT_CVS = Attachments(
    model=ExpertCV,
    parent_field="expert",
    parent_queryset=selectors.expert_detail,
    may_manage=permissions.can_see_cv,
    may_change=permissions.can_manage_cv,
    refusal=gettext_lazy("A CV can be changed while the application waits for a decision."),
)
