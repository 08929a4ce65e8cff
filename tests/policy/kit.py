"""Access policy rows for the kernel's test app (``tests/kit``): what the kit gives a new app's pages and
API without writing any permission code. The world is tests/factories/kit.py; the focal_point role is
Ghana's focal point, and the notes' author is a member who holds none of the matrix's roles."""

from tests.policy.base import PUBLIC, Expect, everyone, only, signed_in

STAFF = {"network_staff": 200, "admin": 200}
STAFF_ONLY = only(STAFF, others=404)
# Notes are about Ghana: its focal point owns them too.
OWNERS = only({**STAFF, "focal_point": 200}, others=404)
GH_DOSSIER = only({**STAFF, "focal_point": 200}, others=404)
ANON_WRITE = {"anonymous": 401}


def pk(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


def action(attribute: str, name: str):
    return lambda w: {"pk": getattr(w, attribute).pk, "action": name}


KIT_POLICY: dict[str, list[Expect]] = {
    "kit:note-list": [Expect(PUBLIC)],
    "kit:note-detail": [
        Expect(PUBLIC, kwargs=pk("published"), world="kit"),
        Expect(OWNERS, kwargs=pk("pending"), world="kit"),
    ],
    "kit:note-action": [
        # only curators publish: the owner sees the note but may not publish it (403)
        Expect(
            OWNERS | {"anonymous": 302, "network_staff": 302, "admin": 302, "focal_point": 403},
            method="post",
            kwargs=action("pending", "publish"),
            world="kit",
        ),
        # the owner resubmits a returned note; staff may not
        Expect(
            OWNERS | {"anonymous": 302, "network_staff": 403, "admin": 403, "focal_point": 302},
            method="post",
            kwargs=action("returned", "resubmit"),
            world="kit",
        ),
        # "revise" is internal: never a button or a page, whoever asks
        Expect(everyone(404) | {"anonymous": 302}, method="post", kwargs=action("published", "revise"), world="kit"),
    ],
    "kit:dossier-detail": [
        Expect(PUBLIC, kwargs=pk("accepted"), world="kit"),
        Expect(GH_DOSSIER, kwargs=pk("draft"), world="kit"),
    ],
    "kit:dossier-action": [
        Expect(
            GH_DOSSIER | {"anonymous": 302, "focal_point": 302, "network_staff": 403, "admin": 403},
            method="post",
            kwargs=action("draft", "submit"),
            world="kit",
        ),
    ],
    "kit:dossier-document-upload": [
        Expect(
            GH_DOSSIER | {"anonymous": 302, "focal_point": 400, "network_staff": 400, "admin": 400},
            method="post",
            kwargs=pk("draft"),
            data={"language": "en"},
            world="kit",
        ),
    ],
    "kit:dossier-document-download": [
        Expect(
            GH_DOSSIER,
            kwargs=lambda w: {"pk": w.draft.pk, "document_pk": w.draft.documents.get().pk},
            world="kit",
        ),
    ],
    "kit:dossier-document-delete": [
        Expect(
            GH_DOSSIER | {"anonymous": 302, "focal_point": 302, "network_staff": 302, "admin": 302},
            method="post",
            kwargs=lambda w: {"pk": w.draft.pk, "document_pk": w.draft.documents.get().pk},
            world="kit",
        ),
    ],
    "api:kit-note-list": [
        Expect(PUBLIC),
        Expect(signed_in(201, anonymous=401), method="post", data={"title": "New", "countries": ["GH"]}),
        Expect(signed_in(400, anonymous=401), method="post", data={"title": "New", "curation": "published"}),
    ],
    "api:kit-note-detail": [
        Expect(PUBLIC, kwargs=pk("published"), world="kit"),
        Expect(OWNERS, kwargs=pk("pending"), world="kit"),
        Expect(everyone(404), kwargs={"pk": 999999}),
        Expect(
            OWNERS | {"focal_point": 428, "network_staff": 428, "admin": 428} | ANON_WRITE,
            method="patch",
            kwargs=pk("pending"),
            data={"title": "Edited"},
            world="kit",
        ),
    ],
    "api:kit-note-publish": [
        Expect(OWNERS | {"focal_point": 403} | ANON_WRITE, method="post", kwargs=pk("pending"), world="kit"),
    ],
    "api:kit-note-decline": [
        Expect(OWNERS | {"focal_point": 403} | ANON_WRITE, method="post", kwargs=pk("pending"), world="kit"),
    ],
    "api:kit-note-reopen": [
        Expect(
            PUBLIC
            | {"anonymous": 401}
            | dict.fromkeys(["member", "entity_focal_point", "expert_reviewer", "fund_manager", "focal_point"], 403),
            method="post",
            kwargs=pk("published"),
            world="kit",
        ),
    ],
    "api:kit-note-return": [
        Expect(
            OWNERS | {"focal_point": 403, "network_staff": 400, "admin": 400} | ANON_WRITE,
            method="post",
            kwargs=pk("pending"),
            world="kit",
        ),
    ],
    "api:kit-note-resubmit": [
        Expect(
            OWNERS | {"network_staff": 403, "admin": 403} | ANON_WRITE,
            method="post",
            kwargs=pk("returned"),
            world="kit",
        ),
    ],
}
