"""Writes on reviews, reports, pledges and contributions. Each owns its transaction; side effects
(notifications, e-mail, text extraction) are queued to run after commit."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gcm_portal import permissions as roles
from gcm_portal.accounts.choices import Role
from gcm_portal.accounts.selectors import users_with_role
from gcm_portal.core.audit import audit_record
from gcm_portal.core.concurrency import version_claim
from gcm_portal.core.files import validate_upload
from gcm_portal.core.notifications import notify
from gcm_portal.core.workflow import WorkflowError, transition_perform

from . import permissions
from .choices import CommentKind, Curation, ReportStatus
from .models import (
    ObjectiveProgress,
    Pledge,
    ReportComment,
    ReportDocument,
    ReportVersion,
    StakeholderContribution,
    VoluntaryReport,
)
from .workflow import build_workflow

REPORT_FIELDS = (
    "title",
    "review_process",
    "policy_framework",
    "national_plan",
    "means_of_implementation",
    "next_steps",
)
PROGRESS_FIELDS = ("status", "measures", "challenges", "support_needed")

# ---------------------------------------------------------------------------
# Snapshots, versions and fingerprints
# ---------------------------------------------------------------------------


def report_snapshot(report: VoluntaryReport) -> dict:
    """Everything a reader sees of the report, as plain data: what versions store and fingerprints cover."""
    return {
        "id": report.pk,
        "country": {"iso2": report.country.iso2, "name": report.country.name},
        "review": {"id": report.review_id, "title": report.review.title} if report.review_id else None,
        "title": report.title,
        "languages": list(report.languages or []),
        "sections": {name: getattr(report, name) for name in REPORT_FIELDS[1:]},
        "objectives": sorted(report.objectives.values_list("number", flat=True)),
        "principles": sorted(report.principles.values_list("letter", flat=True)),
        "progress": [
            {"objective": p.objective.number, **{f: getattr(p, f) for f in PROGRESS_FIELDS}}
            for p in report.progress.select_related("objective").order_by("objective__number")
        ],
        "documents": [
            {"id": d.pk, "name": d.original_name, "language": d.language, "sha256": d.sha256, "size": d.size}
            for d in report.documents.order_by("pk")
        ],
        "received_by_email": report.received_by_email,
    }


def published_document_ids(version: ReportVersion) -> set[int]:
    return {d["id"] for d in version.snapshot["documents"]}


def canonical_json(snapshot: dict) -> bytes:
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def fingerprint_of(snapshot: dict) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def report_version_create(*, report: VoluntaryReport, actor, note: str, published: bool = False) -> ReportVersion:
    snapshot = report_snapshot(report)
    last = report.versions.aggregate(n=Max("number"))["n"] or 0
    version = ReportVersion.objects.create(
        report=report,
        number=last + 1,
        snapshot=snapshot,
        fingerprint=fingerprint_of(snapshot),
        published=published,
        note=note[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        title=snapshot["title"],
        review_id=report.review_id,
        languages=snapshot["languages"],
    )
    version.objectives.set(report.objectives.all())
    return version


# ---------------------------------------------------------------------------
# Workflow side effects
# ---------------------------------------------------------------------------


def _focal_points_of(report):
    return users_with_role(Role.FOCAL_POINT, country=report.country)


def _after_transition(report: VoluntaryReport, transition, actor, comment: str) -> None:
    target = transition.target
    context = {"report_title": report.title, "country": report.country.name, "comment": comment}
    path = report.get_absolute_url()
    if target in (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED):
        report_version_create(report=report, actor=actor, note=_("Submitted"))
        notify(
            event="report_submitted",
            recipients=users_with_role(Role.NETWORK_STAFF),
            context=context,
            path=path,
            actor=actor,
        )
    elif target == ReportStatus.RETURNED:
        ReportComment.objects.create(report=report, author=actor, kind=CommentKind.RETURN, body=comment)
        notify(event="report_returned", recipients=_focal_points_of(report), context=context, path=path, actor=actor)
    elif target == ReportStatus.PUBLISHED:
        if transition.action == "publish_on_behalf":
            VoluntaryReport.objects.filter(pk=report.pk).update(received_by_email=True)
            report.received_by_email = True
        version = report_version_create(report=report, actor=actor, note=_("Published"), published=True)
        VoluntaryReport.objects.filter(pk=report.pk).update(public_version=version)
        report.public_version = version
        notify(event="report_published", recipients=_focal_points_of(report), context=context, path=path, actor=actor)
    elif transition.action == "unpublish":
        # Only staff take a published report offline; withdrawing a correction draft leaves the published
        # version public.
        VoluntaryReport.objects.filter(pk=report.pk).update(public_version=None)
        report.public_version = None


REPORT_WORKFLOW = build_workflow(_after_transition)


def report_transition(*, report: VoluntaryReport, action: str, actor, comment: str = "") -> VoluntaryReport:
    return transition_perform(workflow=REPORT_WORKFLOW, obj=report, action=action, actor=actor, comment=comment)


@dataclass
class BulkResult:
    done: list[VoluntaryReport]
    refused: list[tuple[VoluntaryReport, str]]


def report_bulk_transition(*, reports: Iterable[VoluntaryReport], action: str, actor) -> BulkResult:
    """Apply one action to many reports; each succeeds or fails on its own and says why."""
    result = BulkResult(done=[], refused=[])
    for report in reports:
        try:
            result.done.append(report_transition(report=report, action=action, actor=actor))
        except WorkflowError as error:
            result.refused.append((report, str(error)))
    return result


# ---------------------------------------------------------------------------
# Creating and editing reports
# ---------------------------------------------------------------------------


def _check_review_fits_country(review, country) -> None:
    if review is not None and not review.commission.memberships.filter(country=country).exists():
        raise ValidationError(
            {"review": _("%(country)s does not take part in %(review)s.") % {"country": country, "review": review}}
        )


@transaction.atomic
def report_create(*, actor, country, title: str, review=None, languages: list[str] | None = None) -> VoluntaryReport:
    if not permissions.can_create_report_for(actor, country):
        raise PermissionDenied(_("You may not create reports for this country."))
    _check_review_fits_country(review, country)
    report = VoluntaryReport(
        country=country, review=review, title=title.strip(), languages=languages or [], created_by=actor
    )
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="create", target=report, to_state=report.status)
    report_version_create(report=report, actor=actor, note=_("Created"))
    return report


@transaction.atomic
def report_update(
    *,
    report: VoluntaryReport,
    actor,
    expected_version: int,
    data: dict,
    progress: list[dict] | None = None,
    objectives=None,
    principles=None,
) -> VoluntaryReport:
    """Save an edit made from ``expected_version``. Raises StaleVersion when someone saved in between
    (nothing is written), PermissionDenied when the report is not editable by ``actor``."""
    report = VoluntaryReport.objects.select_related("country", "review").get(pk=report.pk)
    if not permissions.can_edit_report(actor, report):
        raise PermissionDenied(_("This report cannot be edited in its current state."))
    forbidden = set(data) - {*REPORT_FIELDS, "languages", "review"}
    if forbidden:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(forbidden))}
        )
    if "review" in data:
        if report.public_version_id and data["review"] != report.review:
            raise ValidationError(
                {
                    "review": _(
                        "A published report stays attached to its regional review; corrections change its content."
                    )
                }
            )
        _check_review_fits_country(data["review"], report.country)
    version_claim(report, expected_version)
    before = report_snapshot(report)
    for name, value in data.items():
        setattr(report, name, value)
    report.full_clean(exclude=["public_version", "created_by"])
    report.save()
    if objectives is not None:
        report.objectives.set(objectives)
    if principles is not None:
        report.principles.set(principles)
    if progress is not None:
        _replace_progress(report, progress)
    after = report_snapshot(report)
    changed = sorted(k for k in after if after[k] != before[k])
    audit_record(actor=actor, action="edit", target=report, changes={"fields": changed})
    report_version_create(
        report=report, actor=actor, note=_("Edited: %(fields)s") % {"fields": ", ".join(changed) or "-"}
    )
    return report


def _replace_progress(report: VoluntaryReport, rows: list[dict]) -> None:
    numbers = [row["objective"].number for row in rows]
    if len(numbers) != len(set(numbers)):
        raise ValidationError(_("Each objective can have only one section."))
    report.progress.exclude(objective__in=[row["objective"] for row in rows]).delete()
    for row in rows:
        ObjectiveProgress.objects.update_or_create(
            report=report, objective=row["objective"], defaults={f: row.get(f, "") for f in PROGRESS_FIELDS}
        )
    report.objectives.add(*[row["objective"] for row in rows])


@transaction.atomic
def report_document_add(*, report: VoluntaryReport, actor, upload, language: str) -> ReportDocument:
    # Lock the row: a submission racing this upload waits, then sees the document (or the upload sees
    # the new state and is refused).
    report = VoluntaryReport.objects.select_for_update(of=("self",)).select_related("country").get(pk=report.pk)
    if not permissions.can_edit_report(actor, report):
        raise PermissionDenied(_("Documents can only be added while the report can be edited."))
    kind = validate_upload(upload)
    document = ReportDocument(report=report, language=language, uploaded_by=actor)
    document.fill_from_upload(upload, kind)
    document.save()
    document.schedule_text_extraction()
    audit_record(actor=actor, action="document_add", target=report, changes={"document": document.original_name})
    return document


@transaction.atomic
def report_document_remove(*, document: ReportDocument, actor) -> None:
    report = (
        VoluntaryReport.objects.select_for_update(of=("self",))
        .select_related("public_version")
        .get(pk=document.report_id)
    )
    if not permissions.can_edit_report(actor, report):
        raise PermissionDenied(_("Documents can only be removed while the report can be edited."))
    if report.public_version_id and document.pk in published_document_ids(report.public_version):
        raise ValidationError(
            _("“%(name)s” belongs to the published version and stays available. Attach a corrected document instead.")
            % {"name": document.original_name}
        )
    name = document.original_name
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    audit_record(actor=actor, action="document_remove", target=report, changes={"document": name})
    transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def report_comment_add(*, report: VoluntaryReport, actor, body: str) -> ReportComment:
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Only Network staff comment on reports."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    comment = ReportComment.objects.create(report=report, author=actor, body=body)
    audit_record(actor=actor, action="comment", target=report, comment=body)
    notify(
        event="report_comment",
        recipients=_focal_points_of(report),
        context={"report_title": report.title, "country": report.country.name, "comment": body},
        path=report.get_absolute_url(),
        actor=actor,
    )
    return comment


# ---------------------------------------------------------------------------
# Pledges
# ---------------------------------------------------------------------------


def _check_pledge(objectives, countries, actor, *, joint_with=()) -> None:
    """One to three objectives; a focal point names only countries they represent (or that were already
    on the joint pledge they are editing)."""
    if not 1 <= len(objectives) <= 3:
        raise ValidationError({"objectives": _("Choose one to three main objectives.")})
    if not roles.is_network_staff(actor):
        allowed = roles.country_ids_represented(actor) | {c.pk for c in joint_with}
        if not countries or any(c.pk not in allowed for c in countries):
            raise ValidationError({"countries": _("Focal points pledge for the countries they represent.")})


def _pledge_countries_after_edit(pledge: Pledge, chosen, actor) -> list:
    """A focal point edits only their own countries on a joint pledge: the others stay as they are."""
    if roles.is_network_staff(actor):
        return list(chosen)
    represented = roles.country_ids_represented(actor)
    others = [c for c in pledge.countries.all() if c.pk not in represented]
    return [c for c in chosen if c.pk in represented] + others


@transaction.atomic
def pledge_create(*, actor, data: dict, countries, objectives) -> Pledge:
    if not permissions.can_create_pledges(actor):
        raise PermissionDenied(_("Only focal points and Network staff record pledges."))
    _check_pledge(objectives, countries, actor)
    pledge = Pledge(**data, created_by=actor)
    pledge.full_clean()
    pledge.save()
    pledge.countries.set(countries)
    pledge.objectives.set(objectives)
    audit_record(actor=actor, action="create", target=pledge, to_state=pledge.curation)
    notify(
        event="pledge_submitted",
        recipients=users_with_role(Role.NETWORK_STAFF),
        context={"title": pledge.title, "entity": pledge.submitting_entity},
        path=pledge.get_absolute_url(),
        actor=actor,
    )
    return pledge


@transaction.atomic
def pledge_update(
    *, pledge: Pledge, actor, expected_version: int, data: dict, countries=None, objectives=None
) -> Pledge:
    if not permissions.can_edit_pledge(actor, pledge):
        raise PermissionDenied(_("You may not edit this pledge."))
    if countries is not None:
        countries = _pledge_countries_after_edit(pledge, countries, actor)
    if objectives is not None or countries is not None:
        _check_pledge(
            objectives if objectives is not None else list(pledge.objectives.all()),
            countries if countries is not None else list(pledge.countries.all()),
            actor,
            joint_with=list(pledge.countries.all()),
        )
    version_claim(pledge, expected_version)
    before = {k: getattr(pledge, k) for k in data}
    countries_before = {c.pk for c in pledge.countries.all()}
    objectives_before = {o.pk for o in pledge.objectives.all()}
    for name, value in data.items():
        setattr(pledge, name, value)
    changed = {k: [str(before[k]), str(v)] for k, v in data.items() if before[k] != v}
    content_changed = (
        set(changed) - {"status"}
        or (countries is not None and {c.pk for c in countries} != countries_before)
        or (objectives is not None and {o.pk for o in objectives} != objectives_before)
    )
    back_to_curation = content_changed and pledge.curation == Curation.PUBLISHED and not roles.is_network_staff(actor)
    if back_to_curation:
        # A focal point updates progress freely; a changed text waits for curation again.
        pledge.curation = Curation.PENDING
        changed["curation"] = [Curation.PUBLISHED, Curation.PENDING]
    pledge.full_clean()
    pledge.save()
    if countries is not None:
        pledge.countries.set(countries)
    if objectives is not None:
        pledge.objectives.set(objectives)
    if back_to_curation:
        notify(
            event="pledge_submitted",
            recipients=users_with_role(Role.NETWORK_STAFF),
            context={"title": pledge.title, "entity": pledge.submitting_entity},
            path=pledge.get_absolute_url(),
            actor=actor,
        )
    audit_record(
        actor=actor,
        action="edit",
        target=pledge,
        changes=changed,
        from_state=changed.get("status", [""])[0],
        to_state=changed.get("status", ["", ""])[1],
    )
    return pledge


@transaction.atomic
def curation_set(*, item: Pledge | StakeholderContribution, actor, curation: str, comment: str = ""):
    """Staff publish or decline a pledge or contribution (a conditional update: one decision wins)."""
    if not permissions.can_curate(actor):
        raise PermissionDenied(_("Only Network staff curate."))
    if curation not in (Curation.PUBLISHED, Curation.DECLINED, Curation.PENDING):
        raise ValidationError(_("Unknown curation decision."))
    previous = item.curation
    if previous == curation:
        return item
    if not type(item).objects.filter(pk=item.pk, curation=previous).update(curation=curation):
        raise ValidationError(_("Someone else curated this first. Reload to see the decision."))
    item.curation = curation
    author = getattr(item, "created_by", None) or getattr(item, "author", None)
    if author is not None and curation != Curation.PENDING:
        notify(
            event="curation_decided",
            recipients=[author],
            context={"title": item.title, "published": curation == Curation.PUBLISHED, "comment": comment},
            path=item.get_absolute_url() if curation == Curation.PUBLISHED else "",
            actor=actor,
        )
    audit_record(
        actor=actor, action=f"curation_{curation}", target=item, from_state=previous, to_state=curation, comment=comment
    )
    return item


# ---------------------------------------------------------------------------
# Stakeholder contributions
# ---------------------------------------------------------------------------


@transaction.atomic
def contribution_submit(
    *,
    actor,
    title: str,
    body: str,
    review=None,
    report=None,
    organisation: str = "",
    language: str = "en",
    objectives=(),
) -> StakeholderContribution:
    if not permissions.can_contribute(actor):
        raise PermissionDenied(_("Sign in to contribute."))
    if report is not None and report.public_version_id is None:
        raise ValidationError(_("Contributions can only be made about a published report."))
    contribution = StakeholderContribution(
        author=actor,
        title=title.strip(),
        body=body.strip(),
        review=review,
        report=report,
        organisation=organisation,
        language=language,
    )
    contribution.full_clean()
    contribution.save()
    contribution.objectives.set(objectives)
    audit_record(actor=actor, action="create", target=contribution, to_state=contribution.curation)
    notify(
        event="contribution_submitted",
        recipients=users_with_role(Role.NETWORK_STAFF),
        context={"title": contribution.title},
        path="",
        actor=actor,
    )
    return contribution


# ---------------------------------------------------------------------------
# Deadline reminders
# ---------------------------------------------------------------------------

REMINDER_DAYS = (30, 7, 1)


def _states_without_submission(review):
    from gcm_portal.taxonomy.models import Country

    done = (
        VoluntaryReport.objects.filter(review=review)
        .exclude(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.WITHDRAWN])
        .values("country_id")
    )
    return (
        Country.objects.filter(
            commission_memberships__commission=review.commission_id, commission_memberships__kind="member"
        )
        .exclude(pk__in=done)
        .order_by("sort_name")
    )


@transaction.atomic
def review_reminders_send(*, today) -> list[str]:
    """Remind focal points of States without a submitted report 30, 7 and 1 days before a review's
    deadline, and tell staff which States are late the day after. Idempotent per review and kind."""
    from django.urls import reverse

    from .models import RegionalReview, ReviewReminder

    sent = []
    reviews = RegionalReview.objects.filter(submission_deadline__isnull=False).select_related("commission")
    for review in reviews:
        days_left = (review.submission_deadline - today).days
        kind = str(days_left) if days_left in REMINDER_DAYS else ("late" if days_left < 0 else None)
        if kind is None or ReviewReminder.objects.filter(review=review, kind=kind).exists():
            continue
        if kind == "late" and days_left < -7:
            continue
        ReviewReminder.objects.create(review=review, kind=kind)
        states = list(_states_without_submission(review))
        if kind == "late":
            if states:
                notify(
                    event="late_states",
                    recipients=users_with_role(Role.NETWORK_STAFF),
                    context={
                        "review_title": review.title,
                        "deadline": review.submission_deadline,
                        "countries": [c.name for c in states],
                        "count": len(states),
                    },
                    path=review.get_absolute_url(),
                )
        else:
            for country in states:
                notify(
                    event="deadline_reminder",
                    recipients=users_with_role(Role.FOCAL_POINT, country=country),
                    context={
                        "review_title": review.title,
                        "deadline": review.submission_deadline,
                        "country": country.name,
                        "days": days_left,
                    },
                    path=reverse("reviews:dashboard"),
                )
        sent.append(f"{review.pk}:{kind}")
    return sent
