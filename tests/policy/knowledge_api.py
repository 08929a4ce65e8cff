"""Access policy rows for the knowledge hub's API (``/api/v1/hub/...``); the world is the lazy one of
tests/factories/knowledge.py (see tests/policy/knowledge.py)."""

from tests.policy.base import API_SIGNED_IN, PUBLIC, Expect, everyone, only, signed_in

W = "knowledge"
ANON = {"anonymous": 401}
STAFF_VISIBLE = only({"network_staff": 200, "admin": 200}, others=404)
STAFF_ONLY_API = only({"network_staff": 200, "admin": 200}, others=403) | ANON
MISSING = {"pk": 999999}
COMMENT = {"comment": "Thank you."}


def staff(code: int, *, others: int = 404) -> dict[str, int]:
    return only({"network_staff": code, "admin": code}, others=others) | ANON


def pk(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


def curation_rows(basename: str, pending: str, published: str) -> dict:
    """The kernel's curation actions on a staff-kept record: staff publish or decline what waits (others
    do not see it) and reopen what is public (others see it but may not)."""
    return {
        f"api:{basename}-publish": [Expect(staff(200), method="post", kwargs=pk(pending), world=W)],
        f"api:{basename}-decline": [Expect(staff(200), method="post", kwargs=pk(pending), world=W)],
        f"api:{basename}-reopen": [Expect(staff(200, others=403), method="post", kwargs=pk(published), world=W)],
    }


PRACTICE = {
    "title": "A practice from the API",
    "objectives": [6],
    "principles": ["a"],
    "implementation_start": 2020,
    "geographic_scope": "national",
    "countries": ["GH"],
    "practice_type": "programme",
    "description": "D",
    "results": "R",
    "lessons": "L",
    "replicability": "Re",
    "organisation": "An NGO",
    "contacts": [{"name": "Ama Owusu"}],
}
EVENT = {"title": "Webinar", "kind": "webinar", "format": "online", "starts_at": "2031-05-04T14:00:00+02:00"}
REQUEST = {
    "country": "GH",
    "title": "Help",
    "objectives": [23],
    "support_kinds": ["peer"],
    "description": "We need it.",
}

KNOWLEDGE_API_POLICY: dict[str, list[Expect]] = {
    # practices
    "api:hub-practice-list": [
        Expect(PUBLIC),
        Expect(signed_in(400, anonymous=401), method="post", data={}),
        Expect(signed_in(201, anonymous=401), method="post", data=PRACTICE),
        Expect(signed_in(400, anonymous=401), method="post", data={**PRACTICE, "status": "published"}),
    ],
    "api:hub-practice-detail": [
        Expect(PUBLIC, kwargs=pk("published"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("submitted"), world=W),
        Expect(everyone(404), kwargs=MISSING),
        # an edit without If-Match: 428 for who may edit, 404 for who may not see the submission
        Expect(staff(428), method="patch", kwargs=pk("submitted"), data={"title": "Edited"}, world=W),
        # a published practice: only staff edit it
        Expect(staff(428, others=403), method="patch", kwargs=pk("published"), data={"title": "Edited"}, world=W),
        Expect(everyone(405) | ANON, method="delete", kwargs=pk("published"), world=W),
    ],
    "api:hub-practice-send-to-review": [Expect(staff(200), method="post", kwargs=pk("submitted"), world=W)],
    "api:hub-practice-request-info": [
        Expect(staff(400), method="post", kwargs=pk("submitted"), world=W),
        Expect(staff(200), method="post", kwargs=pk("submitted"), data=COMMENT, world=W),
    ],
    # only the submitter resubmits
    "api:hub-practice-resubmit": [Expect(staff(403), method="post", kwargs=pk("info_requested"), world=W)],
    "api:hub-practice-publish": [
        # the peer review is not complete: the guard refuses (409)
        Expect(staff(409), method="post", kwargs=pk("in_review"), data=COMMENT, world=W),
        Expect(staff(409, others=403), method="post", kwargs=pk("published"), data=COMMENT, world=W),
    ],
    "api:hub-practice-decline": [Expect(staff(200), method="post", kwargs=pk("submitted"), data=COMMENT, world=W)],
    "api:hub-practice-reopen": [
        Expect(staff(200, others=403), method="post", kwargs=pk("published"), data=COMMENT, world=W),
    ],
    "api:hub-practice-documents": [
        Expect(PUBLIC, kwargs=pk("published"), world=W),
        Expect(staff(415), method="post", kwargs=pk("submitted"), data={"language": "en"}, world=W),
        Expect(everyone(404) | ANON, method="post", kwargs=MISSING, data={"language": "en"}),
    ],
    # resources: members suggest, staff curate
    "api:hub-resource-list": [
        Expect(PUBLIC),
        Expect(signed_in(400, anonymous=401), method="post", data={}),
        Expect(
            signed_in(201, anonymous=401),
            method="post",
            data={"title": "A report", "resource_type": "publication", "publisher": "A university"},
        ),
    ],
    "api:hub-resource-detail": [
        Expect(PUBLIC, kwargs=pk("resource_published"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("resource_pending"), world=W),
        Expect(everyone(404), kwargs=MISSING),
        Expect(staff(428, others=403), method="patch", kwargs=pk("resource_published"), data={"title": "E"}, world=W),
    ],
    **curation_rows("hub-resource", "resource_pending", "resource_published"),
    "api:hub-resource-return": [Expect(staff(400), method="post", kwargs=pk("resource_pending"), world=W)],
    # only the member who suggested it resubmits
    "api:hub-resource-resubmit": [Expect(staff(403), method="post", kwargs=pk("resource_pending"), world=W)],
    "api:hub-resource-documents": [
        Expect(PUBLIC, kwargs=pk("resource_published"), world=W),
        Expect(staff(415), method="post", kwargs=pk("resource_pending"), data={"language": "en"}, world=W),
    ],
    # events: staff announce them
    "api:hub-event-list": [
        Expect(PUBLIC),
        Expect(staff(400, others=403), method="post", data={}),
        Expect(staff(201, others=403), method="post", data=EVENT),
    ],
    "api:hub-event-detail": [
        Expect(PUBLIC, kwargs=pk("event"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("event_pending"), world=W),
        Expect(staff(428, others=403), method="patch", kwargs=pk("event"), data={"title": "E"}, world=W),
    ],
    **curation_rows("hub-event", "event_pending", "event"),
    # working groups
    "api:hub-working-group-list": [
        Expect(PUBLIC),
        Expect(staff(201, others=403), method="post", data={"name": "A workstream"}),
    ],
    "api:hub-working-group-detail": [
        Expect(PUBLIC, kwargs=pk("group"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("group_pending"), world=W),
        Expect(staff(428, others=403), method="patch", kwargs=pk("group"), data={"name": "E"}, world=W),
    ],
    **curation_rows("hub-working-group", "group_pending", "group"),
    "api:hub-working-group-documents": [
        Expect(PUBLIC, kwargs=pk("group"), world=W),
        Expect(staff(415), method="post", kwargs=pk("group_pending"), data={"language": "en"}, world=W),
    ],
    # networks
    "api:hub-network-list": [
        Expect(PUBLIC),
        Expect(
            staff(201, others=403),
            method="post",
            data={"kind": "regional", "name": "A regional network", "un_team": "A region"},
        ),
        # a country network names its country
        Expect(staff(400, others=403), method="post", data={"kind": "country", "name": "N", "un_team": "UNCT"}),
    ],
    "api:hub-network-detail": [
        Expect(PUBLIC, kwargs=pk("network"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("network_pending"), world=W),
        Expect(staff(428, others=403), method="patch", kwargs=pk("network"), data={"name": "E"}, world=W),
    ],
    **curation_rows("hub-network", "network_pending", "network"),
    "api:hub-network-documents": [
        Expect(PUBLIC, kwargs=pk("network"), world=W),
        Expect(staff(415), method="post", kwargs=pk("network_pending"), data={"language": "en"}, world=W),
    ],
    "api:hub-network-count-list": [Expect(PUBLIC), Expect(everyone(403) | ANON, method="post", data={})],
    # discussion spaces
    "api:hub-discussion-list": [Expect(PUBLIC), Expect(staff(400, others=403), method="post", data={})],
    "api:hub-discussion-detail": [
        Expect(PUBLIC, kwargs=pk("space"), world=W),
        Expect(staff(428, others=403), method="patch", kwargs=pk("space"), data={"title": "E"}, world=W),
    ],
    "api:hub-discussion-publish": [Expect(staff(409, others=403), method="post", kwargs=pk("space"), world=W)],
    "api:hub-discussion-decline": [Expect(staff(409, others=403), method="post", kwargs=pk("space"), world=W)],
    "api:hub-discussion-reopen": [Expect(staff(200, others=403), method="post", kwargs=pk("space"), world=W)],
    "api:hub-discussion-comments": [
        Expect(PUBLIC, kwargs=pk("space"), world=W),
        Expect(signed_in(201, anonymous=401), method="post", kwargs=pk("space"), data={"body": "Hi"}, world=W),
        # a closed space is read-only
        Expect(signed_in(403, anonymous=401), method="post", kwargs=pk("space_closed"), data={"body": "Hi"}, world=W),
    ],
    # the expert roster: Network staff only
    "api:hub-expert-list": [Expect(STAFF_ONLY_API)],
    "api:hub-expert-detail": [
        Expect(STAFF_ONLY_API, kwargs=pk("expert_pending"), world=W),
        Expect(staff(404, others=403), kwargs=MISSING),
    ],
    "api:hub-expert-approve": [Expect(STAFF_ONLY_API, method="post", kwargs=pk("expert_pending"), world=W)],
    "api:hub-expert-decline": [Expect(staff(400, others=403), method="post", kwargs=pk("expert_pending"), world=W)],
    "api:hub-expert-remove": [
        Expect(staff(200, others=403), method="post", kwargs=pk("expert_approved"), data=COMMENT, world=W),
    ],
    "api:hub-expert-reconsider": [Expect(staff(409, others=403), method="post", kwargs=pk("expert_pending"), world=W)],
    # Connection Hub requests: the requester and staff only; 404 for everyone else, other focal points too
    "api:hub-support-request-list": [
        Expect(API_SIGNED_IN),
        Expect(only({"focal_point": 201}, others=403) | ANON, method="post", data=REQUEST),
        # Ghana's focal point asks only for Ghana
        Expect(only({}, others=403) | ANON, method="post", data={**REQUEST, "country": "MX"}),
    ],
    "api:hub-support-request-detail": [
        Expect(
            only({"network_staff": 200, "admin": 200, "focal_point": 200}, others=404) | ANON,
            kwargs=pk("request_own"),
            world=W,
        ),
        Expect(staff(200), kwargs=pk("request_other"), world=W),
        Expect(
            only({"network_staff": 428, "admin": 428, "focal_point": 428}, others=404) | ANON,
            method="patch",
            kwargs=pk("request_own"),
            data={"title": "Edited"},
            world=W,
        ),
    ],
    "api:hub-support-request-discuss": [
        Expect(staff(200) | {"focal_point": 403}, method="post", kwargs=pk("request_own"), world=W),
        Expect(staff(200), method="post", kwargs=pk("request_other"), world=W),
    ],
    # no match recorded yet: the guard refuses
    "api:hub-support-request-match": [
        Expect(staff(409) | {"focal_point": 403}, method="post", kwargs=pk("request_own"), world=W)
    ],
    "api:hub-support-request-start": [
        Expect(staff(409) | {"focal_point": 403}, method="post", kwargs=pk("request_own"), world=W)
    ],
    "api:hub-support-request-close": [
        Expect(staff(400) | {"focal_point": 400}, method="post", kwargs=pk("request_own"), world=W),
        Expect(staff(200) | {"focal_point": 200}, method="post", kwargs=pk("request_own"), data=COMMENT, world=W),
    ],
    "api:hub-support-request-reopen": [
        Expect(staff(409) | {"focal_point": 403}, method="post", kwargs=pk("request_own"), world=W)
    ],
    # the unified index
    "api:search-list": [Expect(PUBLIC)],
    "api:country-overview-list": [Expect(PUBLIC, kwargs={"code": "GH"}), Expect(everyone(404), kwargs={"code": "QQ"})],
    "api:matrix-list": [Expect(PUBLIC), Expect(everyone(404), data={"commission": "NOPE"})],
}
