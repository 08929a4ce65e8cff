"""Access policy rows for the reviews API (merged into tests/policy.py).

Object rows take ``kwargs=lambda w: ...`` on the world of tests/factories/reviews.py: Ghana has a report
in every state, Mexico a draft and a published report; the focal_point role is Ghana's. The API answers
401 to anonymous writes, 404 for what the user may not see, 403 for what they see but may not do, 409
for an action not possible in the report's state and 428 for an edit without If-Match (the matrix sends
no If-Match; tests/reviews/test_api.py covers the ETag paths)."""

from tests.policy.base import PUBLIC, Expect, everyone, only, signed_in

ANON_WRITE = {"anonymous": 401}
# Ghana's working copy: Ghana's focal point and staff.
GH_WORKING = only({"focal_point": 200, "network_staff": 200, "admin": 200}, others=404)
STAFF_ONLY_VISIBLE = only({"network_staff": 200, "admin": 200}, others=404)
NOT_FOUND_WRITE = everyone(404) | ANON_WRITE
CREATORS = ("focal_point", "network_staff", "admin")


def creators(code: int) -> dict[str, int]:
    """Focal points and staff get ``code``; other signed-in roles 403; anonymous 401."""
    return only(dict.fromkeys(CREATORS, code), others=403) | ANON_WRITE


def on_gh(fp: int, staff: int, others: int = 404) -> dict[str, int]:
    """A write on one of Ghana's reports: Ghana's focal point, staff (and admin), everyone else."""
    return only({"focal_point": fp, "network_staff": staff, "admin": staff}, others=others) | ANON_WRITE


def pk(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


MISSING = {"pk": 999999}


def pledge_payload(**fields) -> dict:
    return {
        "submitting_entity": "Government of Ghana",
        "pledge_type": "process",
        "is_global": True,
        "title": "A pledge",
        "objectives": [1],
        "description": "We will do this. " * 20,
        "contact_name": "A Contact",
        "contact_email": "contact@example.org",
        **fields,
    }


COMMENT = {"comment": "Please add data sources."}

REVIEWS_API_POLICY: dict[str, list[Expect]] = {
    # review cycles and regional reviews: public, read-only
    "api:review-cycle-list": [Expect(PUBLIC), Expect(everyone(403) | ANON_WRITE, method="post", data={})],
    "api:review-cycle-detail": [
        Expect(PUBLIC, kwargs={"code": "2024-2025"}),
        Expect(everyone(404), kwargs={"code": "1999-2000"}),
    ],
    "api:review-forum-list": [Expect(PUBLIC), Expect(everyone(403) | ANON_WRITE, method="post", data={})],
    "api:review-forum-detail": [
        Expect(PUBLIC, kwargs={"code": "imrf-2022"}),
        Expect(everyone(404), kwargs={"code": "imrf-1999"}),
    ],
    "api:review-event-list": [Expect(PUBLIC), Expect(everyone(403) | ANON_WRITE, method="post", data={})],
    "api:review-event-detail": [
        Expect(PUBLIC, kwargs=lambda w: {"pk": w.draft_gh.review.events.first().pk}),
        Expect(everyone(404), kwargs=MISSING),
    ],
    "api:regional-review-list": [Expect(PUBLIC), Expect(everyone(403) | ANON_WRITE, method="post", data={})],
    "api:regional-review-detail": [
        Expect(PUBLIC, kwargs=lambda w: {"pk": w.draft_gh.review_id}),
        Expect(everyone(404), kwargs=MISSING),
    ],
    # voluntary reports
    "api:voluntary-report-list": [
        Expect(PUBLIC),
        Expect(creators(400), method="post", data={}),
        Expect(creators(201), method="post", data={"country": "GH", "title": "New draft"}),
        # Ghana's focal point may not create a report for Mexico
        Expect(creators(201) | {"focal_point": 403}, method="post", data={"country": "MX", "title": "New draft"}),
    ],
    "api:voluntary-report-detail": [
        Expect(PUBLIC, kwargs=pk("published_mx")),
        Expect(GH_WORKING, kwargs=pk("draft_gh")),
        Expect(STAFF_ONLY_VISIBLE, kwargs=pk("draft_mx")),
        Expect(everyone(404), kwargs=MISSING),
        # an edit without If-Match: 428 for who may edit, 404 for who may not see the draft
        Expect(on_gh(428, 428), method="patch", kwargs=pk("draft_gh"), data={"title": "Edited"}),
        Expect(on_gh(428, 428), method="put", kwargs=pk("draft_gh"), data={"title": "Edited"}),
        # published reports are read-only for everyone
        Expect(everyone(403) | ANON_WRITE, method="patch", kwargs=pk("published_gh"), data={"title": "Edited"}),
        Expect(NOT_FOUND_WRITE, method="patch", kwargs=MISSING, data={"title": "Edited"}),
        Expect(everyone(405) | ANON_WRITE, method="delete", kwargs=pk("published_mx")),
    ],
    "api:voluntary-report-versions": [
        Expect(PUBLIC, kwargs=pk("published_mx")),
        Expect(GH_WORKING, kwargs=pk("draft_gh")),
        Expect(everyone(404), kwargs=MISSING),
    ],
    "api:voluntary-report-documents": [
        Expect(PUBLIC, kwargs=pk("published_mx")),
        Expect(GH_WORKING, kwargs=pk("draft_gh")),
        Expect(everyone(404), kwargs=MISSING),
        # uploads are multipart: the matrix's JSON body is refused as such by those who may see the draft
        Expect(on_gh(415, 415), method="post", kwargs=pk("draft_gh"), data={"language": "en"}),
        Expect(NOT_FOUND_WRITE, method="post", kwargs=MISSING, data={"language": "en"}),
    ],
    # workflow actions: 403 when the report is visible but the action is not yours, 409 when the state
    # does not allow it
    "api:voluntary-report-submit": [
        Expect(on_gh(200, 403), method="post", kwargs=pk("draft_gh")),
        Expect(NOT_FOUND_WRITE, method="post", kwargs=MISSING),
    ],
    "api:voluntary-report-resubmit": [
        Expect(on_gh(200, 403), method="post", kwargs=pk("returned_gh")),
        # staff may never resubmit: refused without revealing the draft's state
        Expect(on_gh(409, 403), method="post", kwargs=pk("draft_gh")),
    ],
    "api:voluntary-report-return": [
        Expect(on_gh(403, 200), method="post", kwargs=pk("submitted_gh"), data=COMMENT),
        Expect(on_gh(403, 400), method="post", kwargs=pk("submitted_gh"), data={}),
    ],
    "api:voluntary-report-publish": [
        Expect(on_gh(403, 200), method="post", kwargs=pk("submitted_gh")),
        # only staff may publish: others get 403 whatever the state; staff learn it is already published
        Expect(
            only({"network_staff": 409, "admin": 409}, others=403) | ANON_WRITE,
            method="post",
            kwargs=pk("published_mx"),
        ),
    ],
    "api:voluntary-report-publish-on-behalf": [
        Expect(on_gh(403, 200), method="post", kwargs=pk("draft_gh")),
    ],
    "api:voluntary-report-revise": [
        Expect(on_gh(200, 200, others=403), method="post", kwargs=pk("published_gh")),
    ],
    "api:voluntary-report-withdraw": [
        Expect(on_gh(200, 200), method="post", kwargs=pk("draft_gh")),
    ],
    "api:voluntary-report-unpublish": [
        Expect(on_gh(403, 200, others=403), method="post", kwargs=pk("published_gh"), data=COMMENT),
    ],
    "api:voluntary-report-reopen": [
        Expect(on_gh(409, 409), method="post", kwargs=pk("draft_gh")),
        Expect(NOT_FOUND_WRITE, method="post", kwargs=MISSING),
    ],
    # pledges: any member pledges for an organisation; Ghana's focal point and staff pledge in Ghana's
    # name; they are public once staff publish them
    "api:pledge-list": [
        Expect(PUBLIC),
        Expect(signed_in(400, anonymous=401), method="post", data={}),
        Expect(signed_in(201, anonymous=401), method="post", data=pledge_payload(party_type="civil_society")),
        Expect(
            creators(201) | {"member": 400, "entity_focal_point": 400, "expert_reviewer": 400, "fund_manager": 400},
            method="post",
            data=pledge_payload(party_type="member_state", pledging_countries=["GH"]),
        ),
    ],
    # follow-up reports: the pledging State's focal points and staff, on a published pledge
    "api:pledge-progress": [
        Expect(
            on_gh(201, 201, others=403),
            method="post",
            kwargs=pk("published_pledge_gh"),
            data={"status": "fulfilled", "text": "Both desks are open."},
        ),
        Expect(NOT_FOUND_WRITE, method="post", kwargs=MISSING, data={"status": "fulfilled", "text": "Done."}),
    ],
    "api:pledge-documents": [
        Expect(PUBLIC, kwargs=pk("published_pledge_gh")),
        Expect(GH_WORKING, kwargs=pk("pending_pledge_gh")),
        Expect(on_gh(415, 415), method="post", kwargs=pk("pending_pledge_gh"), data={"language": "en"}),
    ],
    # pledge curation: staff only; Ghana's focal point sees Ghana's pending pledge but may not publish it
    "api:pledge-publish": [Expect(on_gh(403, 200), method="post", kwargs=pk("pending_pledge_gh"))],
    "api:pledge-decline": [Expect(on_gh(403, 200), method="post", kwargs=pk("pending_pledge_gh"))],
    "api:pledge-reopen": [Expect(on_gh(403, 200, others=403), method="post", kwargs=pk("published_pledge_gh"))],
    "api:stakeholder-contribution-publish": [Expect(on_gh(404, 200), method="post", kwargs=pk("pending_contribution"))],
    "api:stakeholder-contribution-decline": [Expect(on_gh(404, 200), method="post", kwargs=pk("pending_contribution"))],
    "api:stakeholder-contribution-reopen": [
        Expect(on_gh(403, 200, others=403), method="post", kwargs=pk("published_contribution"))
    ],
    "api:pledge-detail": [
        Expect(everyone(404), kwargs=MISSING),
        Expect(GH_WORKING, kwargs=pk("pending_pledge_gh")),
        Expect(on_gh(428, 428), method="patch", kwargs=pk("pending_pledge_gh"), data={"title": "Edited"}),
        Expect(NOT_FOUND_WRITE, method="patch", kwargs=MISSING, data={"status": "fulfilled"}),
    ],
    # stakeholder contributions: any signed-in member contributes about a published report
    "api:stakeholder-contribution-list": [
        Expect(PUBLIC),
        Expect(
            signed_in(201, anonymous=401),
            method="post",
            data=lambda w: {"report": w.published_mx.pk, "title": "A view", "body": "Text"},
        ),
        Expect(
            signed_in(400, anonymous=401),
            method="post",
            data=lambda w: {"report": w.draft_mx.pk, "title": "A view", "body": "Text"},
        ),
    ],
    "api:stakeholder-contribution-detail": [Expect(everyone(404), kwargs=MISSING)],
}
