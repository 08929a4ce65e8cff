"""The issue's journey in a real Chromium: a member submits a practice; staff assign three suggested
reviewers (one UN, two external); one declares a conflict of interest and is replaced; the reviews
disagree, so a fourth reviewer is required and added; staff publish; the public sees the practice with
its peer-review status."""

from __future__ import annotations

import pytest

from gcm_portal.taxonomy.models import Country, GuidingPrinciple, Objective
from knowledge.choices import AssignmentStatus, PracticeStatus
from knowledge.models import Practice, ReviewAssignment
from tests.factories.accounts import PASSWORD, UserFactory, user_with_role
from tests.factories.knowledge import roster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Zero-fee recruitment for domestic workers"


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def sign_out(page):
    with page.expect_navigation():
        page.click(".account-state form button")


def click(page, locator):
    with page.expect_navigation():
        locator.click()


def open_review(page, live_server, expert):
    sign_in(page, live_server, expert.user)
    page.goto(live_server.url + "/hub/reviews/")
    click(page, page.locator(f"main a:has-text('{TITLE}')"))


def declare(page, *, conflict: str | None = None):
    page.check(f"input[name=has_conflict][value={'yes' if conflict else 'no'}]")
    if conflict:
        page.fill("textarea[name=note]", conflict)
    click(page, page.locator("form.declaration-form button[type=submit]"))


def review(page, recommendation: str):
    for name in ("objectives", "principles", "results", "innovation", "replicability"):
        page.check(f"input[name=score_{name}][value='4']")
    page.check(f"input[name=recommendation][value={recommendation}]")
    click(page, page.locator("form.review-form button[type=submit]"))
    assert "your review is with Network staff" in page.content()


def ask_suggested(page, group: int):
    """Click "Ask to review" for the first expert suggested in the UN (0) or external (1) list."""
    click(page, page.locator("ul.suggestion-list").nth(group).locator("button").first)


def test_peer_review_journey_from_submission_to_the_public(page, live_server):
    staff = user_with_role("network_staff", full_name="Sami Staff")
    member = UserFactory(full_name="Maria Costa", organisation="Ghana Immigration Service")
    experts = roster(staff)
    confirmations = []
    page.on("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))

    # 1. A member submits a practice against the Hub's criteria.
    sign_in(page, live_server, member)
    page.goto(live_server.url + "/hub/practices/new/")
    page.fill("input[name=title]", TITLE)
    page.check(f"input[name=objectives][value='{Objective.objects.get(number=6).pk}']")
    for letter in ("a", "c"):
        page.check(f"input[name=principles][value='{GuidingPrinciple.objects.get(letter=letter).pk}']")
    page.fill("input[name=implementation_start]", "2019")
    page.fill("input[name=implementation_end]", "2022")
    page.select_option("select[name=geographic_scope]", "national")
    page.select_option("select[name=countries]", str(Country.objects.get(iso2="GH").pk))
    page.select_option("select[name=practice_type]", "policy")
    page.fill("textarea[name=description]", "Recruitment agencies are licensed and may not charge workers.")
    page.fill("textarea[name=results]", "Fees paid by workers fell to zero in licensed agencies.")
    page.fill("textarea[name=lessons]", "Inspections make the licence count.")
    page.fill("textarea[name=replicability]", "Any country of origin with an agency register.")
    page.fill("input[name=contacts-0-name]", "Ama Owusu")
    click(page, page.locator("form.hub-form button[type=submit]"))
    assert "Network staff will check your practice" in page.content()
    practice = Practice.objects.get(title=TITLE)
    assert practice.status == PracticeStatus.SUBMITTED
    sign_out(page)

    # 2. Staff send it to peer review and assign three suggested reviewers: one UN, two external.
    sign_in(page, live_server, staff)
    page.goto(live_server.url + practice.get_absolute_url())
    click(page, page.locator(".workbench button:has-text('Send to peer review')"))
    click(page, page.locator("a:has-text('Reviewers and peer review')"))
    assert "Sam Same: works for the submitting organisation" in page.content()  # left out, with the reason
    ask_suggested(page, 0)
    ask_suggested(page, 1)
    ask_suggested(page, 1)
    assigned = {a.expert for a in ReviewAssignment.objects.filter(practice=practice)}
    assert assigned == {experts["un2"], experts["ext1"], experts["ext3"]}
    assert "The peer review is complete" not in page.content()
    sign_out(page)

    # 3. One declares a conflict of interest and is replaced.
    open_review(page, live_server, experts["ext1"])
    assert "Recruitment agencies are licensed" not in page.content()  # not before the declaration
    declare(page, conflict="I advised the ministry on this programme.")
    assert "Network staff will ask another reviewer" in page.content()
    sign_out(page)
    sign_in(page, live_server, staff)
    page.goto(live_server.url + f"/hub/practices/{practice.pk}/reviewers/")
    assert "I advised the ministry on this programme." in page.content()
    assert "Assign 1 more external reviewer(s)." in page.content()
    ask_suggested(page, 1)
    replacement = ReviewAssignment.objects.filter(practice=practice).latest("pk").expert
    assert replacement == experts["ext2"]
    sign_out(page)

    # 4. The reviews disagree, so a fourth reviewer is required and added.
    for key, recommendation in (("un2", "publish"), ("ext3", "publish"), ("ext2", "decline")):
        open_review(page, live_server, experts[key])
        declare(page)
        assert "Recruitment agencies are licensed" in page.content()
        review(page, recommendation)
        sign_out(page)
    sign_in(page, live_server, staff)
    page.goto(live_server.url + f"/hub/practices/{practice.pk}/reviewers/")
    assert "The reviews disagree: a further reviewer is required." in page.content()
    assert page.locator(".workbench button:has-text('Publish')").is_disabled()
    ask_suggested(page, 0)
    fourth = ReviewAssignment.objects.filter(practice=practice).latest("pk")
    assert fourth.expert == experts["un1"]
    sign_out(page)
    open_review(page, live_server, experts["un1"])
    declare(page)
    review(page, "publish")
    sign_out(page)

    # 5. Staff publish, with a message to the submitter.
    sign_in(page, live_server, staff)
    page.goto(live_server.url + f"/hub/practices/{practice.pk}/reviewers/")
    assert "The peer review is complete: you can decide." in page.content()
    page.fill(f"#comment-{practice.pk}-publish", "Published after peer review: thank you.")
    click(page, page.locator(".workbench button:has-text('Publish')"))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert ReviewAssignment.objects.filter(practice=practice, status=AssignmentStatus.REVIEWED).count() == 4
    sign_out(page)

    # 6. The public finds the practice with its peer-review status.
    page.goto(live_server.url + "/hub/practices/")
    click(page, page.locator(f"main a:has-text('{TITLE}')"))
    status = page.inner_text(".peer-review")
    assert "Peer reviewed" in status
    assert "Reviewed by 4 experts from the Hub's roster (2 UN, 2 external)." in status
    assert "Sami Staff" not in page.content() and str(experts["ext2"].user) not in page.content()
    assert confirmations, "publishing asks for confirmation first"
