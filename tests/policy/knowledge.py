"""Access policy rows for the knowledge hub's pages (merged into tests/policy).

Object rows take ``kwargs=lambda w: ...`` on the lazy world of tests/factories/knowledge.py (each row
builds only the records it names): a member (no matrix role) submitted the practices, suggested the
pending resource and wrote the comments; the matrix's focal_point is Ghana's focal point, who made
``request_own``; another Ghana focal point made ``request_other``. The matrix's expert_reviewer holds
the role but was asked to review nothing."""

from tests.policy.base import PUBLIC, Expect, everyone, only, signed_in

W = "knowledge"
STAFF = {"network_staff": 200, "admin": 200}
STAFF_VISIBLE = only(STAFF, others=404)
STAFF_PAGE = STAFF_VISIBLE | {"anonymous": 302}


def staff_post(code: int = 302, *, others: int = 404) -> dict[str, int]:
    """A POST that staff may make (``code``); the others get ``others``; anonymous visitors sign in."""
    return only({"network_staff": code, "admin": code}, others=others) | {"anonymous": 302}


def pk(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


def action(attribute: str, name: str):
    return lambda w: {"pk": getattr(w, attribute).pk, "action": name}


def document(attribute: str, related: str = "documents"):
    def kwargs(w):
        parent = getattr(w, attribute)
        return {"pk": parent.pk, "document_pk": getattr(parent, related).first().pk}

    return kwargs


def expert_cv(w):
    return {"pk": w.expert_pending.pk, "document_pk": w.expert_pending.cvs.first().pk}


COMMENT = {"comment": "Thank you."}
# Ghana's focal point made request_own; staff see every request.
REQUESTER = only({**STAFF, "focal_point": 200}, others=404)

KNOWLEDGE_POLICY: dict[str, list[Expect]] = {
    "knowledge:index": [Expect(PUBLIC)],
    # practices
    "knowledge:practice-list": [Expect(PUBLIC)],
    "knowledge:practice-create": [Expect(signed_in())],
    "knowledge:practice-export": [Expect(PUBLIC)],
    "knowledge:practice-detail": [
        Expect(PUBLIC, kwargs=pk("published"), world=W),
        # a submission: its submitter (no matrix role) and staff
        Expect(STAFF_VISIBLE, kwargs=pk("submitted"), world=W),
        Expect(everyone(404), kwargs={"pk": 999999}),
    ],
    "knowledge:practice-edit": [
        Expect(STAFF_PAGE, kwargs=pk("submitted"), world=W),
        Expect(STAFF_PAGE, kwargs=pk("published"), world=W),
    ],
    "knowledge:practice-action": [
        Expect(staff_post(), method="post", kwargs=action("submitted", "send_to_review"), world=W),
        # visible to all, but only staff decide: 403 before anything about its state
        Expect(staff_post(others=403), method="post", kwargs=action("published", "reopen"), data=COMMENT, world=W),
        # not in the table
        Expect(everyone(404) | {"anonymous": 302}, method="post", kwargs=action("published", "bogus"), world=W),
    ],
    "knowledge:practice-reviewers": [Expect(STAFF_PAGE, kwargs=pk("in_review"), world=W)],
    "knowledge:practice-document-upload": [
        # staff may attach: the empty form answers 400
        Expect(staff_post(400), method="post", kwargs=pk("submitted"), data={"language": "en"}, world=W),
    ],
    "knowledge:practice-document-download": [Expect(PUBLIC, kwargs=document("published"), world=W)],
    "knowledge:practice-document-delete": [
        Expect(staff_post(), method="post", kwargs=document("published"), world=W),
    ],
    # peer review
    "knowledge:assignment-list": [Expect(signed_in())],
    "knowledge:assignment-detail": [Expect(STAFF_PAGE, kwargs=pk("assignment"), world=W)],
    "knowledge:assignment-declare": [
        # only the expert asked declares: staff see the assignment but may not (403)
        Expect(staff_post(403), method="post", kwargs=pk("assignment"), data={"has_conflict": "no"}, world=W),
    ],
    "knowledge:assignment-review": [
        Expect(staff_post(403), method="post", kwargs=pk("assignment"), data={"recommendation": "publish"}, world=W),
    ],
    "knowledge:assignment-action": [
        Expect(staff_post(), method="post", kwargs=action("assignment", "withdraw"), world=W),
        # declaring and reviewing are forms of their own, never a button
        Expect(
            everyone(404) | {"anonymous": 302},
            method="post",
            kwargs=action("assignment", "submit_review"),
            world=W,
        ),
    ],
    "knowledge:call-list": [Expect(PUBLIC)],
    "knowledge:call-create": [Expect(STAFF_PAGE)],
    "knowledge:call-detail": [Expect(PUBLIC, kwargs=pk("call"), world=W)],
    "knowledge:call-edit": [Expect(STAFF_PAGE, kwargs=pk("call"), world=W)],
    "knowledge:call-action": [
        Expect(staff_post(others=403), method="post", kwargs=action("call", "reopen"), world=W),
    ],
    "knowledge:theme-detail": [
        Expect(PUBLIC, kwargs={"slug": "covid-19"}),
        Expect(everyone(404), kwargs={"slug": "no-such-theme"}),
    ],
    # expert roster
    "knowledge:expert-list": [Expect(STAFF_PAGE)],
    "knowledge:expert-apply": [Expect(signed_in())],
    "knowledge:roster-balance": [Expect(STAFF_PAGE)],
    "knowledge:roster-export": [Expect(STAFF_PAGE)],
    "knowledge:expert-detail": [Expect(STAFF_VISIBLE, kwargs=pk("expert_pending"), world=W)],
    "knowledge:expert-action": [
        Expect(staff_post(), method="post", kwargs=action("expert_pending", "approve"), world=W),
    ],
    "knowledge:expert-cv-upload": [
        Expect(staff_post(400), method="post", kwargs=pk("expert_pending"), data={"language": "en"}, world=W),
    ],
    "knowledge:expert-cv-download": [Expect(STAFF_VISIBLE, kwargs=expert_cv, world=W)],
    "knowledge:expert-cv-delete": [Expect(staff_post(), method="post", kwargs=expert_cv, world=W)],
    # resources
    "knowledge:resource-list": [Expect(PUBLIC)],
    "knowledge:resource-create": [Expect(signed_in())],
    "knowledge:resource-detail": [
        Expect(PUBLIC, kwargs=pk("resource_published"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("resource_pending"), world=W),
    ],
    "knowledge:resource-edit": [Expect(STAFF_PAGE, kwargs=pk("resource_published"), world=W)],
    "knowledge:resource-action": [
        Expect(staff_post(), method="post", kwargs=action("resource_pending", "publish"), world=W),
        Expect(staff_post(others=403), method="post", kwargs=action("resource_published", "reopen"), world=W),
    ],
    "knowledge:resource-file-upload": [
        Expect(staff_post(400), method="post", kwargs=pk("resource_published"), data={"language": "fr"}, world=W),
    ],
    "knowledge:resource-file-download": [Expect(PUBLIC, kwargs=document("resource_published", "files"), world=W)],
    "knowledge:resource-file-delete": [
        Expect(staff_post(), method="post", kwargs=document("resource_published", "files"), world=W),
    ],
    # events
    "knowledge:event-list": [Expect(PUBLIC)],
    "knowledge:event-past": [Expect(PUBLIC)],
    "knowledge:event-calendar": [Expect(PUBLIC)],
    "knowledge:event-create": [Expect(STAFF_PAGE)],
    "knowledge:event-detail": [
        Expect(PUBLIC, kwargs=pk("event"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("event_pending"), world=W),
    ],
    "knowledge:event-edit": [Expect(STAFF_PAGE, kwargs=pk("event"), world=W)],
    "knowledge:event-action": [
        Expect(staff_post(others=403), method="post", kwargs=action("event", "reopen"), world=W),
    ],
    # working groups
    "knowledge:group-list": [Expect(PUBLIC)],
    "knowledge:group-create": [Expect(STAFF_PAGE)],
    "knowledge:group-detail": [
        Expect(PUBLIC, kwargs=pk("group"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("group_pending"), world=W),
    ],
    "knowledge:group-edit": [Expect(STAFF_PAGE, kwargs=pk("group"), world=W)],
    "knowledge:group-action": [
        Expect(staff_post(others=403), method="post", kwargs=action("group", "reopen"), world=W),
    ],
    "knowledge:group-join": [
        Expect(signed_in(), kwargs=pk("group"), world=W),
        Expect(
            signed_in(302),
            method="post",
            kwargs=pk("group"),
            data={"organisation": "An NGO", "motivation": "We work on it."},
            world=W,
        ),
        # no open call: no page
        Expect(everyone(404) | {"anonymous": 302}, kwargs=pk("group_pending"), world=W),
    ],
    "knowledge:group-document-upload": [
        Expect(staff_post(400), method="post", kwargs=pk("group"), data={"language": "fr"}, world=W),
    ],
    "knowledge:group-document-download": [Expect(PUBLIC, kwargs=document("group"), world=W)],
    "knowledge:group-document-delete": [Expect(staff_post(), method="post", kwargs=document("group"), world=W)],
    "knowledge:join-action": [
        Expect(staff_post(), method="post", kwargs=action("join", "accept"), data=COMMENT, world=W),
    ],
    # networks
    "knowledge:network-list": [Expect(PUBLIC)],
    "knowledge:network-create": [Expect(STAFF_PAGE)],
    "knowledge:network-detail": [
        Expect(PUBLIC, kwargs=pk("network"), world=W),
        Expect(STAFF_VISIBLE, kwargs=pk("network_pending"), world=W),
    ],
    "knowledge:network-edit": [Expect(STAFF_PAGE, kwargs=pk("network"), world=W)],
    "knowledge:network-action": [
        Expect(staff_post(others=403), method="post", kwargs=action("network", "reopen"), world=W),
    ],
    "knowledge:network-document-upload": [
        Expect(staff_post(400), method="post", kwargs=pk("network"), data={"language": "en"}, world=W),
    ],
    "knowledge:network-document-download": [Expect(PUBLIC, kwargs=document("network"), world=W)],
    "knowledge:network-document-delete": [Expect(staff_post(), method="post", kwargs=document("network"), world=W)],
    # discussion spaces
    "knowledge:space-list": [Expect(PUBLIC)],
    "knowledge:space-create": [Expect(STAFF_PAGE)],
    "knowledge:moderation": [Expect(STAFF_PAGE)],
    "knowledge:space-detail": [
        Expect(PUBLIC, kwargs=pk("space"), world=W),
        Expect(PUBLIC, kwargs=pk("space_closed"), world=W),
    ],
    "knowledge:space-edit": [Expect(STAFF_PAGE, kwargs=pk("space"), world=W)],
    "knowledge:space-action": [
        Expect(staff_post(others=403), method="post", kwargs=action("space", "reopen"), world=W),
    ],
    "knowledge:comment-post": [
        Expect(signed_in(302), method="post", kwargs=pk("space"), data={"body": "My view.", "language": "en"}, world=W),
        # a closed space is read-only
        Expect(
            signed_in(403), method="post", kwargs=pk("space_closed"), data={"body": "Late.", "language": "en"}, world=W
        ),
    ],
    "knowledge:comment-report": [
        Expect(signed_in(), kwargs=pk("comment"), world=W),
        # a hidden comment exists only for moderators
        Expect(STAFF_PAGE, kwargs=pk("hidden_comment"), world=W),
    ],
    "knowledge:comment-moderate": [
        # visible to everyone, moderated by staff (and the space's moderator)
        Expect(staff_post(others=403), method="post", kwargs=action("comment", "hide"), world=W),
        Expect(staff_post(), method="post", kwargs=action("hidden_comment", "restore"), world=W),
        Expect(everyone(404) | {"anonymous": 302}, method="post", kwargs=action("comment", "delete"), world=W),
    ],
    # Connection Hub: only the requester and staff see a request (404 for other focal points)
    "knowledge:connection-hub": [Expect(PUBLIC)],
    "knowledge:request-list": [Expect(signed_in())],
    "knowledge:request-create": [Expect(only({"focal_point": 200}, others=404) | {"anonymous": 302})],
    "knowledge:request-detail": [
        Expect(REQUESTER | {"anonymous": 302}, kwargs=pk("request_own"), world=W),
        Expect(STAFF_PAGE, kwargs=pk("request_other"), world=W),
    ],
    "knowledge:request-edit": [Expect(REQUESTER | {"anonymous": 302}, kwargs=pk("request_own"), world=W)],
    "knowledge:request-action": [
        Expect(staff_post() | {"focal_point": 403}, method="post", kwargs=action("request_own", "discuss"), world=W),
        Expect(staff_post(), method="post", kwargs=action("request_other", "discuss"), world=W),
    ],
    "knowledge:request-match": [
        # staff: the empty form answers 400; the requester may not match
        Expect(staff_post(400) | {"focal_point": 403}, method="post", kwargs=pk("request_own"), world=W),
    ],
    "knowledge:request-message": [
        Expect(
            staff_post() | {"focal_point": 302},
            method="post",
            kwargs=pk("request_own"),
            data={"body": "Any news?"},
            world=W,
        ),
        Expect(staff_post(), method="post", kwargs=pk("request_other"), data={"body": "Any news?"}, world=W),
    ],
    # one hub over everything: search, the matrix, follows
    "knowledge:search": [Expect(PUBLIC)],
    "knowledge:matrix": [Expect(PUBLIC), Expect(everyone(404), kwargs={}, data={"country": "QQ"})],
    "knowledge:follow-list": [Expect(signed_in())],
    "knowledge:follow-create": [
        Expect(signed_in(405)),
        Expect(signed_in(302), method="post", data={"country": "GH", "frequency": "daily"}),
    ],
    "knowledge:follow-delete": [Expect(signed_in(404), method="post", kwargs={"pk": 999999})],
}
