"""Access policy rows for the Migration MPTF's pages (merged into tests/policy/__init__.py).

Object rows take ``kwargs=lambda w: ...`` on the world of tests/factories/mptf.py: UNDP's notes in every
state, IOM's draft and IOM's selected note with its programme (IOM and UNDP take part). The matrix's
entity focal point represents IOM; committee members are not a matrix role (tests/mptf/test_permissions.py
covers them). Fund managers and Network staff (and administrators, who hold every role) write money; Network
staff assess notes."""

from tests.policy.base import PUBLIC, Expect, everyone, only, signed_in

W = "mptf"
ANON = {"anonymous": 302}
FM = {"fund_manager": 200, "admin": 200}


def gate(allowed: dict[str, int], *, others: int = 404) -> dict[str, int]:
    """A signed-in page: ``allowed`` roles get their code, other users ``others``, anonymous sign in."""
    return only(allowed, others=others) | ANON


def fm(code: int) -> dict[str, int]:
    return gate({"fund_manager": code, "admin": code})


def money(code: int) -> dict[str, int]:
    """Money records: fund managers and Network staff (and administrators)."""
    return gate({"fund_manager": code, "network_staff": code, "admin": code})


def pk(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


def action(attribute: str, name: str):
    return lambda w: {"pk": getattr(w, attribute).pk, "action": name}


def document(parent: str, document: str):
    return lambda w: {"pk": getattr(w, parent).pk, "document_pk": getattr(w, document).pk}


MISSING = {"pk": 999999}
CONFIDENTIAL = only({"network_staff": 200, "fund_manager": 200, "admin": 200}, others=404)
STAFF_FM = only({"network_staff": 200, "fund_manager": 200, "admin": 200}, others=404)
IOM_ONLY = only({"entity_focal_point": 200}, others=404)

MPTF_POLICY: dict[str, list[Expect]] = {
    # the fund and its dashboards: public
    "mptf:index": [Expect(PUBLIC), Expect(PUBLIC, data={"format": "csv", "table": "sources-and-uses"})],
    "mptf:funding": [Expect(PUBLIC), Expect(PUBLIC, data={"format": "xlsx", "table": "donors"})],
    "mptf:pipeline": [Expect(PUBLIC), Expect(everyone(404), data={"format": "csv", "table": "nothing"})],
    "mptf:allocations": [Expect(PUBLIC)],
    "mptf:desk": [Expect(signed_in(200))],
    # the Steering Committee: public, except its review and confidential documents
    "mptf:committee": [Expect(PUBLIC)],
    "mptf:committee-review": [Expect(gate({"network_staff": 200, "fund_manager": 200, "admin": 200}))],
    "mptf:meeting-create": [Expect(fm(200)), Expect(fm(400), method="post", data={})],
    "mptf:meeting-detail": [Expect(PUBLIC, kwargs=pk("meeting"), world=W), Expect(everyone(404), kwargs=MISSING)],
    "mptf:decision-create": [Expect(fm(400), method="post", kwargs=pk("meeting"), data={}, world=W)],
    "mptf:meeting-document-download": [
        Expect(PUBLIC, kwargs=document("meeting", "public_document"), world=W),
        # a confidential document is not served through the public declaration
        Expect(everyone(404), kwargs=document("meeting", "confidential_document"), world=W),
    ],
    "mptf:meeting-document-upload": [
        Expect(fm(400), method="post", kwargs=pk("meeting"), data={"language": "en"}, world=W)
    ],
    "mptf:meeting-document-delete": [
        Expect(fm(302), method="post", kwargs=document("meeting", "public_document"), world=W)
    ],
    "mptf:meeting-confidential-download": [
        Expect(CONFIDENTIAL, kwargs=document("meeting", "confidential_document"), world=W)
    ],
    "mptf:meeting-confidential-upload": [
        Expect(fm(400), method="post", kwargs=pk("meeting"), data={"language": "en"}, world=W)
    ],
    "mptf:meeting-confidential-delete": [
        Expect(fm(302), method="post", kwargs=document("meeting", "confidential_document"), world=W)
    ],
    # money: public reads; fund managers and staff write
    "mptf:contribution-list": [Expect(PUBLIC), Expect(PUBLIC, data={"format": "xlsx"})],
    "mptf:contribution-create": [
        Expect(money(200)),
        Expect(money(400), method="post", data={}),
    ],
    "mptf:contribution-detail": [
        Expect(PUBLIC, kwargs=pk("contribution"), world=W),
        Expect(everyone(404), kwargs=MISSING),
    ],
    "mptf:contribution-edit": [Expect(money(200), kwargs=pk("contribution"), world=W)],
    "mptf:deposit-create": [
        Expect(
            money(302),
            method="post",
            kwargs=pk("contribution"),
            data={"deposited_on": "2021-02-01", "amount": "1000", "currency": "USD"},
            world=W,
        ),
        Expect(money(400), method="post", kwargs=pk("contribution"), data={}, world=W),
    ],
    "mptf:transfer-list": [Expect(PUBLIC), Expect(PUBLIC, data={"format": "csv"})],
    "mptf:transfer-create": [
        Expect(money(200)),
        Expect(
            money(302),
            method="post",
            data=lambda w: {
                "programme": w.programme.pk,
                "organisation": w.transfer.organisation_id,
                "transferred_on": "2024-01-10",
                "amount_usd": "1000",
            },
            world=W,
        ),
    ],
    "mptf:expenditure-list": [Expect(PUBLIC), Expect(PUBLIC, data={"format": "xlsx"})],
    "mptf:expenditure-create": [
        Expect(money(200)),
        Expect(
            money(302),
            method="post",
            data=lambda w: {
                "programme": w.programme.pk,
                "organisation": w.transfer.organisation_id,
                "year": "2024",
                "kind": "interim",
                "amount_usd": "1000",
                "reported_on": "2024-10-01",
            },
            world=W,
        ),
    ],
    "mptf:import-list": [Expect(money(200)), Expect(money(400), method="post", data={"kind": "transfers"})],
    "mptf:import-detail": [Expect(money(200), kwargs=pk("batch"), world=W)],
    "mptf:import-confirm": [
        Expect(money(302), method="post", kwargs=pk("batch"), data=lambda w: {"version": w.batch.version}, world=W)
    ],
    "mptf:import-discard": [Expect(money(302), method="post", kwargs=pk("batch"), world=W)],
    # concept notes
    "mptf:note-list": [Expect(PUBLIC), Expect(PUBLIC, data={"format": "csv"})],
    "mptf:note-create": [
        Expect(gate({"entity_focal_point": 200})),
        Expect(gate({"entity_focal_point": 400}), method="post", data={}),
    ],
    "mptf:note-detail": [
        Expect(PUBLIC, kwargs=pk("pipeline"), world=W),
        # a draft: its own entity's focal points only (IOM's draft), nobody for another entity's draft
        Expect(IOM_ONLY, kwargs=pk("draft_iom"), world=W),
        Expect(everyone(404), kwargs=pk("draft_undp"), world=W),
        Expect(STAFF_FM, kwargs=pk("submitted"), world=W),
        Expect(everyone(404), kwargs=MISSING),
    ],
    "mptf:note-edit": [
        Expect(IOM_ONLY | ANON, kwargs=pk("draft_iom"), world=W),
        # visible but no longer a draft: sent back to the note
        Expect(
            STAFF_FM | ANON | {"network_staff": 302, "fund_manager": 302, "admin": 302}, kwargs=pk("submitted"), world=W
        ),
    ],
    "mptf:note-transition": [
        Expect(
            IOM_ONLY | ANON | {"entity_focal_point": 302}, method="post", kwargs=action("draft_iom", "submit"), world=W
        ),
        # staff assess; fund managers see the note but may not (403)
        Expect(
            STAFF_FM | ANON | {"network_staff": 302, "admin": 302, "fund_manager": 403},
            method="post",
            kwargs=action("under_assessment", "to_pipeline"),
            world=W,
        ),
        # select is internal: only a Steering Committee decision performs it
        Expect(everyone(404) | ANON, method="post", kwargs=action("pipeline", "select"), world=W),
    ],
    "mptf:note-assess": [
        Expect(gate({"network_staff": 200, "admin": 200}), kwargs=pk("under_assessment"), world=W),
        Expect(gate({}), kwargs=pk("pipeline"), world=W),
    ],
    "mptf:programme-create": [
        # the selected note already has its programme: the fund manager is sent to it
        Expect(fm(302), kwargs=pk("selected"), world=W),
        Expect(gate({}), kwargs=pk("pipeline"), world=W),
    ],
    "mptf:note-document-upload": [
        Expect(
            gate({"entity_focal_point": 400}), method="post", kwargs=pk("draft_iom"), data={"language": "en"}, world=W
        )
    ],
    "mptf:note-document-download": [Expect(IOM_ONLY, kwargs=document("draft_iom", "note_document"), world=W)],
    "mptf:note-document-delete": [
        Expect(gate({"entity_focal_point": 302}), method="post", kwargs=document("draft_iom", "note_document"), world=W)
    ],
    # joint programmes and reports
    "mptf:programme-list": [
        Expect(PUBLIC),
        Expect(PUBLIC, data={"format": "csv"}),
        Expect(PUBLIC, data={"year": "2024"}),
    ],
    "mptf:programme-detail": [
        Expect(PUBLIC, kwargs=pk("programme"), world=W),
        Expect(PUBLIC, kwargs=pk("programme"), data={"format": "csv", "table": "money"}, world=W),
        Expect(everyone(404), kwargs=MISSING),
    ],
    "mptf:programme-edit": [Expect(fm(200), kwargs=pk("programme"), world=W)],
    "mptf:programme-transition": [
        Expect(
            everyone(403) | {"anonymous": 302, "fund_manager": 302, "admin": 302},
            method="post",
            kwargs=action("programme", "close_operationally"),
            world=W,
        ),
        Expect(everyone(404) | ANON, method="post", kwargs=action("programme", "bogus"), world=W),
    ],
    "mptf:programme-extend": [Expect(fm(302), method="post", kwargs=pk("programme"), data={}, world=W)],
    "mptf:report-create": [
        Expect(gate({"entity_focal_point": 302}), method="post", kwargs=pk("programme"), data={}, world=W)
    ],
    "mptf:programme-document-download": [Expect(PUBLIC, kwargs=document("programme", "programme_document"), world=W)],
    "mptf:programme-document-upload": [
        Expect(fm(400), method="post", kwargs=pk("programme"), data={"language": "en"}, world=W)
    ],
    "mptf:programme-document-delete": [
        Expect(fm(302), method="post", kwargs=document("programme", "programme_document"), world=W)
    ],
    "mptf:report-detail": [
        Expect(PUBLIC, kwargs=pk("accepted_report"), world=W),
        Expect(
            only({"entity_focal_point": 200, "network_staff": 200, "fund_manager": 200, "admin": 200}, others=404),
            kwargs=pk("draft_report"),
            world=W,
        ),
    ],
    "mptf:report-edit": [Expect(gate({"entity_focal_point": 200}), kwargs=pk("draft_report"), world=W)],
    "mptf:report-transition": [
        # fund managers accept; the programme's focal points and staff see the report but may not (403)
        Expect(
            gate({"fund_manager": 302, "admin": 302, "entity_focal_point": 403, "network_staff": 403}),
            method="post",
            kwargs=action("submitted_report", "accept"),
            world=W,
        ),
    ],
    "mptf:report-document-upload": [
        Expect(
            gate({"entity_focal_point": 400, "fund_manager": 400, "admin": 400}),
            method="post",
            kwargs=pk("draft_report"),
            data={"language": "en"},
            world=W,
        )
    ],
    "mptf:report-document-download": [
        Expect(
            only({"entity_focal_point": 200, "network_staff": 200, "fund_manager": 200, "admin": 200}, others=404),
            kwargs=document("draft_report", "report_document"),
            world=W,
        )
    ],
    "mptf:report-document-delete": [
        Expect(
            gate({"entity_focal_point": 302, "fund_manager": 302, "admin": 302}),
            method="post",
            kwargs=document("draft_report", "report_document"),
            world=W,
        )
    ],
}
