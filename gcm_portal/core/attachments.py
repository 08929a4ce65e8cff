"""Documents attached to a record: one declaration, one pair of services, one set of pages.

An app declares how one of its records keeps documents::

    REPORT_DOCUMENTS = Attachments(
        model=ReportDocument,               # a PrivateFile with a foreign key to the record
        parent_field="report",
        parent_queryset=selectors.report_detail,       # user -> the records they may see
        may_manage=permissions.can_see_working_copy,   # who may use the upload / remove pages at all
        may_change=permissions.can_edit_report,        # ... and whether the record accepts changes now
        visible=selectors.documents_visible_to,        # (user, record) -> the documents they may download
        keep=published_document_reason,                # (document, record) -> why it cannot go, or None
    )

Optional: ``fields`` (what the upload form asks besides the file: ``"language"`` and any model field,
such as a ``"category"`` with choices) and ``check`` (``(record, values)``, raising ``ValidationError`` to
refuse an upload before anything is stored, e.g. "one file per language").

It mounts the pages with ``*REPORT_DOCUMENTS.urls("reports/<int:pk>/documents/", name="document")``.
The services check permission against the locked record (a submission racing an upload waits for it),
validate the file against the declared kinds, store it privately, queue its text extraction and write
the audit row; removal deletes the stored file only after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

from .audit import audit_record
from .errors import messages_of
from .files import DOCUMENT_KINDS, FILE_KINDS, FileRejected, PrivateFile, file_response, human_size, validate_upload

__all__ = ["AttachmentForm", "Attachments", "attachment_add", "attachment_remove"]


@dataclass(frozen=True)
class Attachments:
    model: type[PrivateFile]
    parent_field: str
    parent_queryset: Callable[..., models.QuerySet]
    may_change: Callable[..., bool]
    may_manage: Callable[..., bool] | None = None
    visible: Callable[..., list] | None = None
    keep: Callable[..., str | None] | None = None
    kinds: tuple[str, ...] = DOCUMENT_KINDS
    # model fields the upload form asks for besides the file: "language", and any other model field (e.g.
    # a "category" with choices; not "kind", a PrivateFile property), asked with its own form field
    fields: tuple[str, ...] = ("language",)
    # model field values every document of this declaration has (e.g. {"confidential": True}): set on
    # upload, and only such documents are listed, downloaded or removed through it. Two declarations
    # on one model with different defaults keep, say, confidential and public documents apart.
    defaults: dict = field(default_factory=dict)
    # check(parent, values) raises ValidationError to refuse an upload before anything is stored (for
    # example "one file per language"); values are what the form asked for besides the file
    check: Callable[..., None] | None = None
    refusal: str = field(default=gettext_lazy("Documents can only be added or removed while the record can be edited."))
    # at most this many documents per record (None: no limit), each at most ``max_bytes`` (None: the
    # site-wide UPLOAD_MAX_BYTES, which also caps a smaller declared limit)
    max_count: int | None = None
    max_bytes: int | None = None

    @property
    def related_name(self) -> str:
        return self.model._meta.get_field(self.parent_field).remote_field.get_accessor_name()

    def documents_of(self, parent) -> list:
        documents = getattr(parent, self.related_name).all()  # prefetched documents are read once
        return [d for d in documents if self.declares(d)]

    def declares(self, document) -> bool:
        """Whether ``document`` belongs to this declaration (has its ``defaults``)."""
        return all(getattr(document, name) == value for name, value in self.defaults.items())

    def visible_to(self, user, parent) -> list:
        if self.visible is None:
            return self.documents_of(parent)
        return [d for d in self.visible(user, parent) if self.declares(d)]

    def manages(self, user, parent) -> bool:
        return (self.may_manage or self.may_change)(user, parent)

    def accepted_label(self) -> str:
        return ", ".join(FILE_KINDS[k].label for k in self.kinds)

    def urls(self, prefix: str, *, name: str) -> list:
        """Upload (``<name>-upload``), download (``<name>-download``) and removal (``<name>-delete``)
        pages under ``prefix``, which captures the record's ``pk``."""
        return [
            path(prefix, AttachmentUploadView.as_view(attachments=self), name=f"{name}-upload"),
            path(
                f"{prefix}<int:document_pk>/",
                AttachmentDownloadView.as_view(attachments=self),
                name=f"{name}-download",
            ),
            path(
                f"{prefix}<int:document_pk>/delete/",
                AttachmentRemoveView.as_view(attachments=self),
                name=f"{name}-delete",
            ),
        ]


# ---------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------


def _locked(attachments: Attachments, parent):
    # Lock only the record's row (PostgreSQL refuses FOR UPDATE on the nullable side of an outer join).
    return type(parent)._default_manager.select_for_update(of=("self",)).get(pk=parent.pk)


@transaction.atomic
def attachment_add(*, attachments: Attachments, parent, actor, upload, **values) -> PrivateFile:
    """Attach ``upload`` to ``parent``; refused (nothing stored) when the file or the actor is not right."""
    parent = _locked(attachments, parent)
    if not attachments.may_change(actor, parent):
        raise PermissionDenied(attachments.refusal)
    if attachments.check is not None:
        attachments.check(parent, values)
    if attachments.max_count is not None:
        current = getattr(parent, attachments.related_name).filter(**attachments.defaults).count()
        if current >= attachments.max_count:
            raise ValidationError(
                ngettext(
                    "This record takes at most %(count)d document: remove it before attaching another.",
                    "This record takes at most %(count)d documents: remove one before attaching another.",
                    attachments.max_count,
                )
                % {"count": attachments.max_count}
            )
    kind = validate_upload(upload, kinds=attachments.kinds, max_bytes=attachments.max_bytes)
    document = attachments.model(
        **{attachments.parent_field: parent}, uploaded_by=actor, **{**values, **attachments.defaults}
    )
    document.fill_from_upload(upload, kind)
    document.full_clean(exclude=["file", "sha256", "size", "content_type", "original_name", attachments.parent_field])
    document.save()
    document.schedule_text_extraction()
    audit_record(
        actor=actor,
        action="document_add",
        target=parent,
        changes={"documents": {"before": None, "after": document.original_name}},
    )
    return document


@transaction.atomic
def attachment_remove(*, attachments: Attachments, document: PrivateFile, actor) -> None:
    parent = _locked(attachments, getattr(document, attachments.parent_field))
    if not attachments.declares(document):
        raise PermissionDenied(attachments.refusal)
    if not attachments.may_change(actor, parent):
        raise PermissionDenied(attachments.refusal)
    if attachments.keep and (reason := attachments.keep(document, parent)):
        raise ValidationError(reason)
    name, stored, storage = document.original_name, document.file.name, document.file.storage
    document.delete()
    audit_record(
        actor=actor, action="document_remove", target=parent, changes={"documents": {"before": name, "after": None}}
    )
    transaction.on_commit(lambda: storage.delete(stored))


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Document"))
    language = forms.ChoiceField(choices=CONTENT_LANGUAGE_CHOICES, label=gettext_lazy("Language of the document"))

    def __init__(self, *args, attachments: Attachments, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" not in attachments.fields:
            del self.fields["language"]
        for name in attachments.fields:
            if name != "language":
                self.fields[name] = attachments.model._meta.get_field(name).formfield()
        limit = min(settings.UPLOAD_MAX_BYTES, attachments.max_bytes or settings.UPLOAD_MAX_BYTES)
        self.fields["file"].help_text = " ".join(
            [
                _("Accepted: %(kinds)s.") % {"kinds": attachments.accepted_label()},
                _("At most %(size)s.") % {"size": human_size(limit)},
            ]
        )

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "file"}


class _AttachmentView(View):
    attachments: Attachments = None

    def parent(self, request, pk):
        return get_object_or_404(self.attachments.parent_queryset(request.user), pk=pk)

    def managed_parent(self, request, pk):
        parent = self.parent(request, pk)
        if not self.attachments.manages(request.user, parent):
            raise Http404
        return parent


class AttachmentUploadView(LoginRequiredMixin, _AttachmentView):
    template_name = "includes/attachment_refused.html"

    def post(self, request, pk):
        parent = self.managed_parent(request, pk)
        form = AttachmentForm(request.POST, request.FILES, attachments=self.attachments)
        if form.is_valid():
            try:
                attachment_add(
                    attachments=self.attachments,
                    parent=parent,
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    **form.values(),
                )
            except FileRejected as error:
                form.add_error("file", error)
            except (PermissionDenied, ValidationError) as error:
                form.add_error(None, " ".join(messages_of(error)))
        if form.errors:
            return render(request, self.template_name, {"form": form, "parent": parent}, status=400)
        messages.success(request, _("The document is attached."))
        return HttpResponseRedirect(parent.get_absolute_url() + "#documents")


class AttachmentDownloadView(_AttachmentView):
    def get(self, request, pk, document_pk):
        parent = self.parent(request, pk)
        document = next(
            (
                d
                for d in self.attachments.visible_to(request.user, parent)
                if d.pk == document_pk and self.attachments.declares(d)
            ),
            None,
        )
        if document is None:
            raise Http404
        return file_response(document)


class AttachmentRemoveView(LoginRequiredMixin, _AttachmentView):
    def post(self, request, pk, document_pk):
        parent = self.managed_parent(request, pk)
        document = get_object_or_404(
            self.attachments.model,
            pk=document_pk,
            **{self.attachments.parent_field: parent},
            **self.attachments.defaults,
        )
        try:
            attachment_remove(attachments=self.attachments, document=document, actor=request.user)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(messages_of(error)))
        else:
            messages.success(request, _("The document is removed."))
        return HttpResponseRedirect(parent.get_absolute_url() + "#documents")
