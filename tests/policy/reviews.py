"""Access policy rows for the reviews app's pages (merged into tests/policy.py).

Object rows take ``kwargs=lambda w: ...`` on a world built by tests/factories/reviews.py: Ghana has a
report in every state, Mexico a draft and a published report; the focal_point role is Ghana's."""

from django.utils import timezone

from gcm_portal.taxonomy.models import Country
from tests.policy.base import PUBLIC, Expect, everyone, only, signed_in

# Staff pages are invisible (404) to other signed-in users; anonymous visitors are sent to sign in.
STAFF_PAGE = only({"network_staff": 200, "admin": 200}, others=404) | {"anonymous": 302}
STAFF_POST = only({"network_staff": 302, "admin": 302}, others=404) | {"anonymous": 302}
# Ghana's working copy: Ghana's focal point and staff.
GH_WORKING = only({"focal_point": 200, "network_staff": 200, "admin": 200}, others=404)
GH_WORKING_LOGIN = GH_WORKING | {"anonymous": 302}
STAFF_ONLY_VISIBLE = only({"network_staff": 200, "admin": 200}, others=404)
CREATORS = only({"focal_point": 200, "network_staff": 200, "admin": 200}, others=404) | {"anonymous": 302}


def review_pk(w):
    return {"pk": w.draft_gh.review_id}


def invitation(w, iso2="NG"):
    """An invitation to the ECA review of a State without a report to it."""
    return w.draft_gh.review.invitations.get(country__iso2=iso2)


SOURCE = {"source_title": "Concept note of the review", "source_url": "https://example.org/concept-note"}
# Ghana's pending pledge: its owners and staff see it; everyone else gets a 404.
GH_PLEDGE_POST = GH_WORKING_LOGIN | {"focal_point": 302, "network_staff": 302, "admin": 302}


REVIEWS_POLICY: dict[str, list[Expect]] = {
    "reviews:index": [Expect(PUBLIC)],
    "reviews:review-detail": [Expect(PUBLIC, kwargs=review_pk), Expect(everyone(404), kwargs={"pk": 999999})],
    "reviews:forum-detail": [Expect(PUBLIC, kwargs={"code": "imrf-2022"}), Expect(everyone(404), kwargs={"code": "x"})],
    "reviews:invitations": [
        Expect(STAFF_PAGE, kwargs=review_pk),
        Expect(
            STAFF_POST,
            method="post",
            kwargs=review_pk,
            data=lambda w: SOURCE | {"country": Country.objects.get(iso2="US").pk},
        ),
        # without a source, nothing changes
        Expect(
            STAFF_POST | {"network_staff": 400, "admin": 400},
            method="post",
            kwargs=review_pk,
            data=lambda w: {"country": Country.objects.get(iso2="US").pk},
        ),
    ],
    "reviews:invitation-remove": [
        Expect(
            STAFF_POST,
            method="post",
            kwargs=lambda w: review_pk(w) | {"invitation_pk": invitation(w).pk},
            data=SOURCE,
        ),
        # Ghana has submitted a report to the review: it stays on the list
        Expect(
            STAFF_POST | {"network_staff": 400, "admin": 400},
            method="post",
            kwargs=lambda w: review_pk(w) | {"invitation_pk": invitation(w, "GH").pk},
            data=SOURCE,
        ),
    ],
    "reviews:queue": [Expect(STAFF_PAGE)],
    "reviews:bulk": [
        Expect(STAFF_POST, method="post", data=lambda w: {"action": "publish", "report": [w.submitted_gh.pk]}),
    ],
    "reviews:pledge-action": [
        Expect(everyone(404) | {"anonymous": 302}, method="post", kwargs={"pk": 999999, "action": "publish"}),
        # Ghana's focal point sees the pending pledge but may not publish it
        Expect(
            GH_WORKING_LOGIN | {"focal_point": 403, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.pending_pledge_gh.pk, "action": "publish"},
        ),
        Expect(
            everyone(404) | {"anonymous": 302},
            method="post",
            kwargs=lambda w: {"pk": w.published_pledge_gh.pk, "action": "revise"},
        ),
    ],
    "reviews:contribution-action": [
        Expect(
            STAFF_ONLY_VISIBLE | {"anonymous": 302, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.pending_contribution.pk, "action": "publish"},
        ),
        Expect(
            everyone(403) | {"anonymous": 302, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.published_contribution.pk, "action": "reopen"},
        ),
    ],
    "reviews:report-list": [Expect(PUBLIC)],
    "reviews:report-export": [Expect(PUBLIC)],
    "reviews:report-create": [Expect(CREATORS)],
    "reviews:report-detail": [
        Expect(PUBLIC, kwargs=lambda w: {"pk": w.published_mx.pk}),
        Expect(GH_WORKING, kwargs=lambda w: {"pk": w.draft_gh.pk}),
        Expect(STAFF_ONLY_VISIBLE, kwargs=lambda w: {"pk": w.draft_mx.pk}),
    ],
    "reviews:report-edit": [
        Expect(GH_WORKING_LOGIN, kwargs=lambda w: {"pk": w.draft_gh.pk}),
        # visible but not editable once published: sent back to the report with a message
        Expect(
            GH_WORKING_LOGIN | {"focal_point": 302, "network_staff": 302, "admin": 302},
            kwargs=lambda w: {"pk": w.published_gh.pk},
        ),
        Expect(STAFF_ONLY_VISIBLE | {"anonymous": 302}, kwargs=lambda w: {"pk": w.draft_mx.pk}),
    ],
    "reviews:report-transition": [
        # Ghana's focal point submits; staff see the draft but may not submit for the country (403)
        Expect(
            GH_WORKING_LOGIN | {"focal_point": 302, "network_staff": 403, "admin": 403},
            method="post",
            kwargs=lambda w: {"pk": w.draft_gh.pk, "action": "submit"},
        ),
        Expect(
            GH_WORKING_LOGIN | {"focal_point": 403, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.submitted_gh.pk, "action": "publish"},
        ),
        Expect(
            STAFF_ONLY_VISIBLE | {"anonymous": 302, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.draft_mx.pk, "action": "withdraw"},
        ),
    ],
    "reviews:report-comment": [
        Expect(STAFF_POST, method="post", kwargs=lambda w: {"pk": w.submitted_gh.pk}, data={"body": "Thanks."}),
    ],
    "reviews:report-version": [
        Expect(PUBLIC, kwargs=lambda w: {"pk": w.published_mx.pk, "number": w.published_mx.public_version.number}),
        Expect(STAFF_ONLY_VISIBLE, kwargs=lambda w: {"pk": w.published_mx.pk, "number": 1}),
        Expect(GH_WORKING, kwargs=lambda w: {"pk": w.draft_gh.pk, "number": 1}),
    ],
    "reviews:document-upload": [
        Expect(
            GH_WORKING_LOGIN | {"focal_point": 400, "network_staff": 400, "admin": 400},
            method="post",
            kwargs=lambda w: {"pk": w.draft_gh.pk},
            data={"language": "en"},
        ),
    ],
    "reviews:document-download": [
        Expect(GH_WORKING, kwargs=lambda w: {"pk": w.draft_gh.pk, "document_pk": w.draft_gh.documents.get().pk}),
    ],
    "reviews:document-delete": [
        Expect(
            GH_WORKING_LOGIN | {"focal_point": 302, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.draft_gh.pk, "document_pk": w.draft_gh.documents.get().pk},
        ),
    ],
    "reviews:pledge-list": [Expect(PUBLIC)],
    "reviews:pledge-create": [Expect(signed_in(200))],
    "reviews:pledge-detail": [
        Expect(everyone(404), kwargs={"pk": 999999}),
        Expect(PUBLIC, kwargs=lambda w: {"pk": w.published_pledge_gh.pk}),
        Expect(GH_WORKING, kwargs=lambda w: {"pk": w.pending_pledge_gh.pk}),
    ],
    "reviews:pledge-edit": [
        Expect(everyone(404) | {"anonymous": 302}, kwargs={"pk": 999999}),
        Expect(GH_WORKING_LOGIN, kwargs=lambda w: {"pk": w.pending_pledge_gh.pk}),
    ],
    "reviews:pledge-progress": [
        Expect(
            everyone(404) | {"anonymous": 302, "focal_point": 302, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.published_pledge_gh.pk},
            data=lambda w: {"status": "in_progress", "text": "Two desks open.", "reported_on": timezone.localdate()},
        ),
    ],
    "reviews:pledge-progress-remove": [
        Expect(
            STAFF_POST,
            method="post",
            kwargs=lambda w: {"pk": w.published_pledge_gh.pk, "update_pk": w.pledge_update.pk},
            data={"reason": "Not about this pledge."},
        ),
    ],
    "reviews:pledge-document-upload": [
        # no file sent: refused (400) for who may attach, unseen (404) for everyone else
        Expect(
            GH_WORKING_LOGIN | {"focal_point": 400, "network_staff": 400, "admin": 400},
            method="post",
            kwargs=lambda w: {"pk": w.pending_pledge_gh.pk},
            data={"language": "en"},
        ),
    ],
    "reviews:pledge-document-download": [
        Expect(GH_WORKING, kwargs=lambda w: {"pk": w.pending_pledge_gh.pk, "document_pk": w.pledge_document.pk}),
    ],
    "reviews:pledge-document-delete": [
        Expect(
            GH_PLEDGE_POST,
            method="post",
            kwargs=lambda w: {"pk": w.pending_pledge_gh.pk, "document_pk": w.pledge_document.pk},
        ),
    ],
    "reviews:contribution-create": [
        Expect(signed_in(200), data=lambda w: {"review": w.draft_gh.review_id}),
        Expect(signed_in(200), data={"forum": "imrf-2022"}),
        Expect(signed_in(200), data=lambda w: {"report": w.published_mx.pk}),
        Expect(signed_in(404), data=lambda w: {"report": w.draft_mx.pk}),
    ],
}
