"""Access policy rows for the Migration MPTF API (merged into tests/policy/__init__.py).

The world is tests/factories/mptf.py; the matrix's entity focal point represents IOM. Public reads;
fund managers and staff (and administrators) write money; fund managers write programmes (others 403, anonymous 401); concept
notes follow their visibility (404 for what you may not see, 403 for an action that is not yours, 409
for one the state does not allow, 428 for an edit without If-Match)."""

from tests.policy.base import PUBLIC, Expect, everyone, only

W = "mptf"
ANON_WRITE = {"anonymous": 401}
MISSING = {"pk": 999999}
COMMENT = {"comment": "Please explain the budget."}


def fm(code: int, others: int = 403) -> dict[str, int]:
    return only({"fund_manager": code, "admin": code}, others=others) | ANON_WRITE


def money(code: int, others: int = 403) -> dict[str, int]:
    """Money records: fund managers and Network staff (and administrators)."""
    return only({"fund_manager": code, "network_staff": code, "admin": code}, others=others) | ANON_WRITE


def pk(attribute: str):
    return lambda w: {"pk": getattr(w, attribute).pk}


def visible_to(allowed: dict[str, int], others: int = 404) -> dict[str, int]:
    return only(allowed, others=others) | ANON_WRITE


STAFF_FM = {"network_staff": 200, "fund_manager": 200, "admin": 200}
PUBLIC_WRITE_REFUSED = everyone(403) | ANON_WRITE

MPTF_API_POLICY: dict[str, list[Expect]] = {
    # money: public reads, fund managers and staff write
    "api:mptf-contribution-list": [
        Expect(PUBLIC),
        Expect(money(400), method="post", data={}),
        Expect(
            money(201),
            method="post",
            data=lambda w: {"donor": w.contribution.donor_id, "pledged_amount": "2500.00", "pledged_on": "2024-01-02"},
            world=W,
        ),
    ],
    "api:mptf-contribution-detail": [
        Expect(PUBLIC, kwargs=pk("contribution"), world=W),
        Expect(everyone(404), kwargs=MISSING),
        Expect(money(428), method="patch", kwargs=pk("contribution"), data={"reference": "Edited"}, world=W),
    ],
    "api:mptf-deposit-list": [
        Expect(PUBLIC),
        Expect(
            money(201),
            method="post",
            data=lambda w: {"contribution": w.contribution.pk, "deposited_on": "2024-02-01", "amount": "100.00"},
            world=W,
        ),
    ],
    "api:mptf-deposit-detail": [Expect(PUBLIC, kwargs=pk("deposit"), world=W), Expect(everyone(404), kwargs=MISSING)],
    "api:mptf-transfer-list": [
        Expect(PUBLIC),
        Expect(
            money(201),
            method="post",
            data=lambda w: {
                "programme": w.programme.code,
                "organisation": "IOM",
                "transferred_on": "2024-03-01",
                "amount_usd": "1000.00",
            },
            world=W,
        ),
    ],
    "api:mptf-transfer-detail": [Expect(PUBLIC, kwargs=pk("transfer"), world=W), Expect(everyone(404), kwargs=MISSING)],
    "api:mptf-expenditure-list": [
        Expect(PUBLIC),
        Expect(
            money(201),
            method="post",
            data=lambda w: {
                "programme": w.programme.code,
                "organisation": "IOM",
                "year": 2024,
                "kind": "interim",
                "amount_usd": "1000.00",
            },
            world=W,
        ),
        # the same final figure twice is refused
        Expect(
            money(400),
            method="post",
            data=lambda w: {
                "programme": w.programme.code,
                "organisation": "IOM",
                "year": 2023,
                "kind": "final",
                "amount_usd": "1.00",
            },
            world=W,
        ),
    ],
    "api:mptf-expenditure-detail": [
        Expect(PUBLIC, kwargs=pk("expenditure"), world=W),
        Expect(everyone(404), kwargs=MISSING),
    ],
    "api:mptf-donor-list": [Expect(PUBLIC), Expect(PUBLIC_WRITE_REFUSED, method="post", data={})],
    "api:mptf-donor-detail": [
        Expect(PUBLIC, kwargs=lambda w: {"pk": w.contribution.donor_id}, world=W),
        Expect(everyone(404), kwargs=MISSING),
    ],
    "api:mptf-fund-summary-list": [Expect(PUBLIC)],
    # concept notes
    "api:mptf-concept-note-list": [
        Expect(PUBLIC),
        Expect(
            only({"entity_focal_point": 201}, others=403) | ANON_WRITE,
            method="post",
            data={"lead_entity": "IOM", "title": "A new note"},
        ),
    ],
    "api:mptf-concept-note-detail": [
        Expect(PUBLIC, kwargs=pk("pipeline"), world=W),
        Expect(only({"entity_focal_point": 200}, others=404), kwargs=pk("draft_iom"), world=W),
        Expect(everyone(404), kwargs=pk("draft_undp"), world=W),
        Expect(only(STAFF_FM, others=404), kwargs=pk("submitted"), world=W),
        Expect(everyone(404), kwargs=MISSING),
        Expect(
            visible_to({"entity_focal_point": 428}),
            method="patch",
            kwargs=pk("draft_iom"),
            data={"title": "Edited"},
            world=W,
        ),
        # a note in the pipeline is visible to all and editable by none
        Expect(everyone(403) | ANON_WRITE, method="patch", kwargs=pk("pipeline"), data={"title": "Edited"}, world=W),
    ],
    "api:mptf-concept-note-documents": [
        Expect(only({"entity_focal_point": 200}, others=404), kwargs=pk("draft_iom"), world=W),
        Expect(PUBLIC, kwargs=pk("pipeline"), world=W),
        Expect(
            visible_to({"entity_focal_point": 415}),
            method="post",
            kwargs=pk("draft_iom"),
            data={"language": "en"},
            world=W,
        ),
    ],
    "api:mptf-concept-note-submit": [
        Expect(visible_to({"entity_focal_point": 200}), method="post", kwargs=pk("draft_iom"), world=W),
    ],
    "api:mptf-concept-note-start-assessment": [
        Expect(
            visible_to({"network_staff": 200, "admin": 200, "fund_manager": 403}),
            method="post",
            kwargs=pk("submitted"),
            world=W,
        ),
    ],
    "api:mptf-concept-note-return": [
        Expect(
            visible_to({"network_staff": 200, "admin": 200, "fund_manager": 403}),
            method="post",
            kwargs=pk("under_assessment"),
            data=COMMENT,
            world=W,
        ),
        Expect(
            visible_to({"network_staff": 400, "admin": 400, "fund_manager": 403}),
            method="post",
            kwargs=pk("under_assessment"),
            world=W,
        ),
    ],
    "api:mptf-concept-note-to-pipeline": [
        # not yet assessed: the guard refuses (409)
        Expect(
            visible_to({"network_staff": 409, "admin": 409, "fund_manager": 403}),
            method="post",
            kwargs=pk("under_assessment"),
            world=W,
        ),
    ],
    "api:mptf-concept-note-decline": [
        Expect(
            visible_to({"network_staff": 200, "admin": 200, "fund_manager": 403}),
            method="post",
            kwargs=pk("under_assessment"),
            data=COMMENT,
            world=W,
        ),
    ],
    "api:mptf-concept-note-withdraw": [
        Expect(visible_to({"entity_focal_point": 200}), method="post", kwargs=pk("draft_iom"), world=W),
        # another entity's note in the pipeline: visible, not yours to withdraw
        Expect(everyone(403) | ANON_WRITE, method="post", kwargs=pk("pipeline"), world=W),
    ],
    # joint programmes
    "api:mptf-joint-programme-list": [
        Expect(PUBLIC),
        Expect(PUBLIC, data={"country": "GH", "status": "under_implementation", "organisation": "IOM", "year": "2024"}),
        Expect(everyone(400), data={"thematic_area": "99"}),
        Expect(fm(400), method="post", data={}),
        # the selected note already has its programme
        Expect(fm(400), method="post", data=lambda w: {"concept_note": w.selected.pk}, world=W),
    ],
    "api:mptf-joint-programme-detail": [
        Expect(PUBLIC, kwargs=pk("programme"), world=W),
        Expect(everyone(404), kwargs=MISSING),
        Expect(fm(428), method="patch", kwargs=pk("programme"), data={"title": "Edited"}, world=W),
    ],
    "api:mptf-joint-programme-documents": [
        Expect(PUBLIC, kwargs=pk("programme"), world=W),
        Expect(fm(415), method="post", kwargs=pk("programme"), data={"language": "en"}, world=W),
    ],
    "api:mptf-joint-programme-start": [Expect(fm(409), method="post", kwargs=pk("programme"), world=W)],
    "api:mptf-joint-programme-close-operationally": [Expect(fm(200), method="post", kwargs=pk("programme"), world=W)],
    "api:mptf-joint-programme-close-financially": [Expect(fm(409), method="post", kwargs=pk("programme"), world=W)],
}
