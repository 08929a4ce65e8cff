"""Access policy rows for the champions app, pages and API (merged into tests/policy).

Object rows take ``kwargs=lambda w: ...`` on the world of tests/factories/champions.py: Ghana (a
champion) has commitments, activities and profile updates in every curation state; Jamaica (not a
champion) sent a letter of confirmation. The matrix's focal_point role is Ghana's focal point."""

from tests.policy.base import PUBLIC, Expect, everyone, only

W = "champions"
STAFF = {"network_staff": 200, "admin": 200}
ANON_LOGIN = {"anonymous": 302}
ANON_API = {"anonymous": 401}
# Ghana's items waiting for curation: Ghana's focal point (an owner) and staff.
OWNERS = only({**STAFF, "focal_point": 200}, others=404)
OWNER_PAGE = OWNERS | ANON_LOGIN
STAFF_PAGE = only(STAFF, others=404) | ANON_LOGIN
STAFF_ONLY = only(STAFF, others=404)
# Champions' focal points (Ghana's) and staff: the closed consultations.
CHAMPIONS_AND_STAFF = OWNER_PAGE


def redirect(codes: dict, *roles) -> dict:
    return codes | dict.fromkeys(roles, 302)


def pk(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


def action(attribute: str, name: str):
    return lambda w: {"pk": getattr(w, attribute).pk, "action": name}


def document(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk, "document_pk": getattr(w, attribute).documents.get().pk}


def fact(w):
    from champions.models import MembershipFact

    return {"pk": MembershipFact.objects.filter(membership__champion__country__iso2="GH").order_by("-date").first().pk}


def ghana_membership(w):
    from champions.models import Membership

    return {
        "membership": Membership.objects.get(champion__country__iso2="GH").pk,
        "kind": "confirmed",
        "date": "2022-01-01",
        "source_title": "A source",
    }


def curated_pages(prefix: str, pending: str, published: str, returned: str) -> dict:
    """Rows shared by commitments and activities: detail, edit, actions and documents."""
    return {
        f"champions:{prefix}-detail": [
            Expect(PUBLIC, kwargs=pk(published), world=W),
            Expect(OWNERS, kwargs=pk(pending), world=W),
            Expect(everyone(404), kwargs={"pk": 999999}),
        ],
        f"champions:{prefix}-edit": [Expect(OWNER_PAGE, kwargs=pk(pending), world=W)],
        f"champions:{prefix}-action": [
            # only curators publish: the owner sees the item but may not publish it (403)
            Expect(
                redirect(OWNER_PAGE, "network_staff", "admin") | {"focal_point": 403},
                method="post",
                kwargs=action(pending, "publish"),
                world=W,
            ),
            # the owner resubmits a returned item; staff may not
            Expect(
                redirect(OWNER_PAGE, "focal_point") | {"network_staff": 403, "admin": 403},
                method="post",
                kwargs=action(returned, "resubmit"),
                world=W,
            ),
            # "revise" is internal: never a button
            Expect(everyone(404) | ANON_LOGIN, method="post", kwargs=action(published, "revise"), world=W),
        ],
        f"champions:{prefix}-document-upload": [
            Expect(
                OWNER_PAGE | {"focal_point": 400, "network_staff": 400, "admin": 400},
                method="post",
                kwargs=pk(pending),
                data={"language": "en"},
                world=W,
            ),
        ],
        f"champions:{prefix}-document-download": [Expect(OWNERS, kwargs=document(pending), world=W)],
        f"champions:{prefix}-document-delete": [
            Expect(
                redirect(OWNER_PAGE, "focal_point", "network_staff", "admin"),
                method="post",
                kwargs=document(pending),
                world=W,
            ),
        ],
    }


def curated_api(basename: str, pending: str, published: str, returned: str, create: dict) -> dict:
    creators = only({**dict.fromkeys(("focal_point", "network_staff", "admin"), 201)}, others=403) | ANON_API
    return {
        f"api:{basename}-list": [
            Expect(PUBLIC),
            Expect(creators, method="post", data=create),
            Expect(
                only(dict.fromkeys(("focal_point", "network_staff", "admin"), 400), others=403) | ANON_API,
                method="post",
                data={},
            ),
        ],
        f"api:{basename}-detail": [
            Expect(PUBLIC, kwargs=pk(published), world=W),
            Expect(OWNERS, kwargs=pk(pending), world=W),
            Expect(everyone(404), kwargs={"pk": 999999}),
            # an edit without If-Match: 428 for who may edit, 404 for who may not see it
            Expect(
                OWNERS | {"focal_point": 428, "network_staff": 428, "admin": 428} | ANON_API,
                method="patch",
                kwargs=pk(pending),
                data={"title": "Edited"},
                world=W,
            ),
        ],
        f"api:{basename}-publish": [
            Expect(OWNERS | {"focal_point": 403} | ANON_API, method="post", kwargs=pk(pending), world=W),
        ],
        f"api:{basename}-decline": [
            Expect(OWNERS | {"focal_point": 403} | ANON_API, method="post", kwargs=pk(pending), world=W),
        ],
        f"api:{basename}-return": [
            Expect(
                OWNERS | {"focal_point": 403, "network_staff": 400, "admin": 400} | ANON_API,
                method="post",
                kwargs=pk(pending),
                world=W,
            ),
        ],
        f"api:{basename}-resubmit": [
            Expect(
                OWNERS | {"network_staff": 403, "admin": 403} | ANON_API, method="post", kwargs=pk(returned), world=W
            ),
        ],
        f"api:{basename}-reopen": [
            Expect(
                everyone(403) | STAFF | ANON_API,
                method="post",
                kwargs=pk(published),
                world=W,
            ),
        ],
        f"api:{basename}-documents": [
            Expect(OWNERS, kwargs=pk(pending), world=W),
            # uploads are multipart: a JSON body is refused as such by those who may see the item
            Expect(
                OWNERS | {"focal_point": 415, "network_staff": 415, "admin": 415} | ANON_API,
                method="post",
                kwargs=pk(pending),
                data={"language": "en"},
                world=W,
            ),
        ],
    }


CHAMPIONS_POLICY: dict[str, list[Expect]] = {
    # public pages
    "champions:index": [Expect(PUBLIC)],
    "champions:directory": [Expect(PUBLIC)],
    "champions:map": [Expect(PUBLIC)],
    "champions:champion-detail": [
        Expect(PUBLIC, kwargs={"iso2": "gh"}),
        Expect(everyone(404), kwargs={"iso2": "fr"}),
    ],
    "champions:champion-version": [
        Expect(PUBLIC, kwargs=lambda w: {"iso2": "gh", "number": 1}, world=W),
        Expect(everyone(404), kwargs={"iso2": "gh", "number": 99}),
    ],
    # profile updates
    "champions:profile-update-create": [Expect(OWNER_PAGE, kwargs={"iso2": "gh"})],
    "champions:profile-update-detail": [
        Expect(PUBLIC, kwargs=pk("profile_published"), world=W),
        Expect(OWNERS, kwargs=pk("profile_pending"), world=W),
    ],
    "champions:profile-update-edit": [
        Expect(OWNER_PAGE, kwargs=pk("profile_pending"), world=W),
        # an approved update is history: propose a new one
        Expect(everyone(404) | ANON_LOGIN, kwargs=pk("profile_published"), world=W),
    ],
    "champions:profile-update-action": [
        Expect(
            redirect(OWNER_PAGE, "network_staff", "admin") | {"focal_point": 403},
            method="post",
            kwargs=action("profile_pending", "publish"),
            world=W,
        ),
    ],
    "champions:profile-document-upload": [
        Expect(
            OWNER_PAGE | {"focal_point": 400, "network_staff": 400, "admin": 400},
            method="post",
            kwargs=pk("profile_pending"),
            data={"language": "en"},
            world=W,
        ),
    ],
    "champions:profile-document-download": [Expect(OWNERS, kwargs=document("profile_pending"), world=W)],
    "champions:profile-document-delete": [
        Expect(
            redirect(OWNER_PAGE, "focal_point", "network_staff", "admin"),
            method="post",
            kwargs=document("profile_pending"),
            world=W,
        ),
    ],
    # commitments and activities
    "champions:commitment-list": [Expect(PUBLIC)],
    "champions:commitment-create": [Expect(OWNER_PAGE)],
    "champions:commitment-progress": [
        Expect(
            redirect(OWNER_PAGE, "focal_point", "network_staff", "admin"),
            method="post",
            kwargs=pk("commitment_pending"),
            data={},
            world=W,
        ),
    ],
    **curated_pages("commitment", "commitment_pending", "commitment_published", "commitment_returned"),
    "champions:activity-list": [Expect(PUBLIC)],
    "champions:activity-calendar": [Expect(PUBLIC)],
    "champions:activity-create": [Expect(OWNER_PAGE)],
    **curated_pages("activity", "activity_pending", "activity_published", "activity_returned"),
    # joining: Jamaica's letter (the matrix's focal point is Ghana's, already a champion)
    "champions:confirmation-create": [Expect(everyone(404) | ANON_LOGIN)],
    "champions:confirmation-detail": [Expect(STAFF_ONLY, kwargs=pk("confirmation_pending"), world=W)],
    "champions:confirmation-action": [
        Expect(
            redirect(STAFF_PAGE, "network_staff", "admin"),
            method="post",
            kwargs=action("confirmation_pending", "publish"),
            world=W,
        ),
    ],
    "champions:confirmation-document-upload": [
        Expect(
            STAFF_PAGE | {"network_staff": 400, "admin": 400},
            method="post",
            kwargs=pk("confirmation_pending"),
            data={"language": "en"},
            world=W,
        ),
    ],
    "champions:confirmation-document-download": [Expect(STAFF_ONLY, kwargs=document("confirmation_pending"), world=W)],
    "champions:confirmation-document-delete": [
        Expect(
            redirect(STAFF_PAGE, "network_staff", "admin"),
            method="post",
            kwargs=document("confirmation_pending"),
            world=W,
        ),
    ],
    # tool piloting: closed to champions' focal points and staff
    "champions:consultation-list": [Expect(CHAMPIONS_AND_STAFF)],
    "champions:consultation-detail": [
        Expect(CHAMPIONS_AND_STAFF, kwargs=pk("consultation"), world=W),
        # Ghana's focal point answers; staff answer for no champion
        Expect(
            redirect(CHAMPIONS_AND_STAFF, "focal_point") | {"network_staff": 404, "admin": 404},
            method="post",
            kwargs=pk("consultation"),
            data={"answer_0": "Yes.", "answer_1": "No."},
            world=W,
        ),
    ],
    "champions:consultation-answers": [Expect(STAFF_PAGE, kwargs=pk("consultation"), world=W)],
    "champions:consultation-export": [
        Expect(STAFF_PAGE, kwargs=lambda w: {"pk": w.consultation.pk, "fmt": "csv"}, world=W),
        Expect(STAFF_PAGE, kwargs=lambda w: {"pk": w.consultation.pk, "fmt": "xlsx"}, world=W),
        Expect(
            STAFF_PAGE | {"network_staff": 404, "admin": 404},
            kwargs=lambda w: {"pk": w.consultation.pk, "fmt": "pdf"},
            world=W,
        ),
    ],
    "champions:consultation-document-upload": [
        Expect(
            STAFF_PAGE | {"network_staff": 400, "admin": 400},
            method="post",
            kwargs=pk("consultation"),
            data={"language": "en"},
            world=W,
        ),
    ],
    "champions:consultation-document-download": [Expect(OWNERS, kwargs=document("consultation"), world=W)],
    "champions:consultation-document-delete": [
        Expect(redirect(STAFF_PAGE, "network_staff", "admin"), method="post", kwargs=document("consultation"), world=W),
    ],
    # peer learning
    "champions:peer-learning": [Expect(PUBLIC), Expect(PUBLIC, data={"champion": "gh"})],
    "champions:pairing-create": [Expect(STAFF_PAGE)],
    "champions:request-create": [Expect(OWNER_PAGE)],
    "champions:request-detail": [
        Expect(OWNER_PAGE, kwargs=pk("request_gh"), world=W),
        Expect(STAFF_PAGE, kwargs=pk("request_jm"), world=W),
    ],
    "champions:request-route": [
        Expect(
            redirect(STAFF_PAGE, "network_staff", "admin"),
            method="post",
            kwargs=pk("request_jm"),
            data=lambda w: {"champion": w.commitment_pending.champion_id},
            world=W,
        ),
    ],
    "champions:request-action": [
        Expect(
            redirect(OWNER_PAGE, "focal_point", "network_staff", "admin"),
            method="post",
            kwargs=action("request_gh", "close"),
            world=W,
        ),
        Expect(everyone(404) | ANON_LOGIN, method="post", kwargs=action("request_gh", "route"), world=W),
    ],
    # API
    "api:champion-list": [
        Expect(PUBLIC),
        Expect(PUBLIC, data={"active_on": "2020-10-19"}),
        Expect(everyone(400), data={"active_on": "not-a-date"}),
        Expect(everyone(403) | ANON_API, method="post", data={}),
    ],
    "api:champion-detail": [Expect(PUBLIC, kwargs={"iso2": "GH"}), Expect(everyone(404), kwargs={"iso2": "FR"})],
    "api:champion-membership-fact-list": [
        Expect(PUBLIC),
        Expect(
            everyone(403) | {"network_staff": 201, "admin": 201} | ANON_API,
            method="post",
            data=ghana_membership,
            world=W,
        ),
    ],
    "api:champion-membership-fact-detail": [
        Expect(PUBLIC, kwargs=fact, world=W),
        Expect(
            everyone(403) | {"network_staff": 428, "admin": 428} | ANON_API,
            method="patch",
            kwargs=fact,
            data={"note": "x"},
            world=W,
        ),
        Expect(everyone(403) | {"network_staff": 204, "admin": 204} | ANON_API, method="delete", kwargs=fact, world=W),
    ],
    **curated_api(
        "champion-commitment",
        "commitment_pending",
        "commitment_published",
        "commitment_returned",
        {"champion": "GH", "title": "A new commitment"},
    ),
    **curated_api(
        "champion-activity",
        "activity_pending",
        "activity_published",
        "activity_returned",
        {"kind": "peer_exchange", "title": "An exchange", "start_date": "2030-01-15", "hosts": ["GH"]},
    ),
}
