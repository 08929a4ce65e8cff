"""The Hub's peer review, rule by rule: who may review (conflicts of interest), who is suggested, the
declaration before the content, the "one UN and two external reviewers, and a further one when they
disagree" rule, and staff decisions with a message to the submitter."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gcm_portal.core.models import Notification
from gcm_portal.core.workflow import TransitionForbidden, TransitionNotAllowed
from gcm_portal.taxonomy.models import Country
from knowledge import permissions, selectors, services
from knowledge.choices import AssignmentStatus, PracticeStatus, Recommendation, ReviewerKind
from knowledge.models import Practice, ReviewAssignment
from knowledge.workflow import PeerReview, peer_review_missing, peer_review_of, recommendations_disagree
from tests.factories.accounts import UserFactory, user_with_role
from tests.factories.knowledge import SCORES, make_expert, make_practice, move, review, roster

pytestmark = pytest.mark.django_db

P, R = Recommendation.PUBLISH, Recommendation.REVISE
D = Recommendation.DECLINE


@pytest.fixture
def staff():
    return user_with_role("network_staff")


@pytest.fixture
def author():
    return UserFactory(full_name="Ama Author", organisation="Ghana Immigration Service")


@pytest.fixture
def experts(staff):
    return roster(staff)


@pytest.fixture
def practice(author):
    return make_practice(author)


def in_review(practice, staff):
    return move(practice, staff, "send_to_review")


def assign(practice, staff, expert):
    return services.reviewer_assign(practice=practice, expert=expert, actor=staff)


# ---------------------------------------------------------------------------
# Disagreement
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recommendations", "disagree"),
    [
        ([], False),
        ([P, P, P], False),
        ([P, R, P], False),  # publishing as it is or after changes is a nuance, not a disagreement
        ([D, D, D], False),
        ([P, P, D], True),
        ([R, D], True),
    ],
)
def test_reviews_disagree_when_some_recommend_publishing_and_some_not(recommendations, disagree):
    assert recommendations_disagree(recommendations) is disagree


# ---------------------------------------------------------------------------
# The panel: one UN and two external, and a further reviewer on disagreement
# ---------------------------------------------------------------------------


def state(**counts) -> PeerReview:
    return PeerReview(**counts)


def test_three_agreeing_reviews_one_un_two_external_complete_the_review():
    review = state(un_assigned=1, external_assigned=2, un_reviewed=1, external_reviewed=2, recommendations=[P, P, R])
    assert review.complete and review.missing() == [] and review.assignment_gaps() == []
    assert review.needed == 3


def test_a_un_review_is_required():
    review = state(external_assigned=3, external_reviewed=3, recommendations=[P, P, P])
    assert not review.complete
    assert any("UN" in m for m in review.missing())
    assert any("UN" in g for g in review.assignment_gaps())


def test_two_external_reviews_are_required():
    review = state(un_assigned=2, external_assigned=1, un_reviewed=2, external_reviewed=1, recommendations=[P, P, P])
    assert not review.complete
    assert any("external" in m for m in review.missing())
    assert any("1 more external" in g for g in review.assignment_gaps())


def test_disagreement_requires_a_further_review():
    review = state(un_assigned=1, external_assigned=2, un_reviewed=1, external_reviewed=2, recommendations=[P, P, D])
    assert review.disagree and review.needed == 4
    assert review.further_reviewer_needed and not review.complete
    assert any("further" in g for g in review.assignment_gaps())
    review = state(un_assigned=1, external_assigned=3, un_reviewed=1, external_reviewed=3, recommendations=[P, P, D, P])
    assert review.complete and not review.further_reviewer_needed


def test_conflicted_and_withdrawn_reviewers_do_not_count(practice, staff, experts):
    practice = in_review(practice, staff)
    conflicted = assign(practice, staff, experts["un1"])
    services.assignment_declare(
        assignment=conflicted, actor=experts["un1"].user, has_conflict=True, note="I advised them."
    )
    withdrawn = assign(practice, staff, experts["ext1"])
    services.assignment_withdraw(assignment=withdrawn, actor=staff)
    review = peer_review_of(practice)
    assert (review.un_assigned, review.external_assigned) == (0, 0)


def test_the_guard_names_what_is_missing(practice, staff, experts):
    practice = in_review(practice, staff)
    review(assign(practice, staff, experts["ext1"]))
    reason = peer_review_missing(Practice.objects.get(pk=practice.pk))
    assert "UN" in reason and "two reviews by external" in reason


# ---------------------------------------------------------------------------
# Conflicts of interest: who may not review
# ---------------------------------------------------------------------------


def test_same_organisation_is_a_conflict_whatever_the_spelling(practice, staff):
    expert = make_expert(staff=staff, organisation=" ghana  IMMIGRATION service. ")
    assert permissions.review_conflicts(expert, practice) == ["works for the submitting organisation"]
    assert permissions.same_organisation("I.O.M.", "iom")
    assert permissions.same_organisation("Université de Genève", "Universite de Geneve")
    assert not permissions.same_organisation("", "")
    assert not permissions.same_organisation("IOM", "ILO")


def test_the_submitters_country_is_a_conflict_only_when_the_practice_asks(author, staff):
    ghanaian = make_expert(staff=staff, name="Kwame", organisation="University of Ghana", country="GH")
    open_practice = make_practice(author, exclude_same_country_reviewers=False)
    flagged = make_practice(author, exclude_same_country_reviewers=True)
    assert permissions.review_conflicts(ghanaian, open_practice) == []
    assert permissions.review_conflicts(ghanaian, flagged) == ["comes from the submitting organisation's country"]
    # no submitter country: nothing to compare
    unknown = make_practice(author, exclude_same_country_reviewers=True, submitter_country=None)
    assert permissions.review_conflicts(ghanaian, unknown) == []


def test_the_submitter_never_reviews_their_own_practice(staff):
    expert = make_expert(staff=staff, organisation="Some NGO")
    practice = make_practice(expert.user, organisation="Another NGO")
    assert permissions.review_conflicts(expert, practice) == ["submitted this practice"]


# ---------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------


def test_suggestions_match_objectives_and_language_and_leave_out_conflicts(practice, staff, experts):
    suggestions = selectors.reviewer_suggestions(practice)
    un = [s.expert for s in suggestions.un]
    external = [s.expert for s in suggestions.external]
    assert set(un) == {experts["un1"], experts["un2"]}
    assert set(external) == {experts["ext1"], experts["ext2"], experts["ext3"]}
    # a French-speaking expert does not match an English practice
    assert experts["french"] not in un + external
    # same organisation: left out, with the reason
    assert (experts["same_org"], ["works for the submitting organisation"]) in suggestions.excluded
    for s in suggestions.un + suggestions.external:
        assert 6 in s.objectives and s.language


def test_suggestions_put_the_practices_region_first(practice, staff, experts):
    # the practice is in Ghana (Africa): the UN expert in Senegal comes before the one in Switzerland,
    # and the Europe-based external expert comes last
    suggestions = selectors.reviewer_suggestions(practice)
    assert [s.expert for s in suggestions.un] == [experts["un2"], experts["un1"]]
    assert suggestions.un[0].region and not suggestions.un[1].region
    assert suggestions.external[-1].expert == experts["ext2"]


def test_experts_without_a_common_objective_or_not_on_the_roster_are_not_suggested(practice, staff):
    outsider = make_expert(staff=staff, name="Other topic", organisation="X", objective_numbers=(9,))
    pending = make_expert(name="Pending", organisation="Y")  # not approved
    suggested = {s.expert for s in selectors.reviewer_suggestions(practice).external}
    assert outsider not in suggested and pending not in suggested


def test_experts_already_asked_are_not_suggested_again(practice, staff, experts):
    practice = in_review(practice, staff)
    assign(practice, staff, experts["un1"])
    assert experts["un1"] not in {s.expert for s in selectors.reviewer_suggestions(practice).un}


def test_suggestions_run_a_fixed_number_of_queries(practice, staff, experts, django_assert_max_num_queries):
    practice = Practice.objects.get(pk=practice.pk)
    with django_assert_max_num_queries(6):
        selectors.reviewer_suggestions(practice)
    for n in range(5):
        make_expert(staff=staff, name=f"More {n}", organisation=f"Org {n}")
    practice = Practice.objects.get(pk=practice.pk)
    with django_assert_max_num_queries(6):
        selectors.reviewer_suggestions(practice)


# ---------------------------------------------------------------------------
# Assigning
# ---------------------------------------------------------------------------


def test_staff_assign_and_the_expert_is_told(practice, staff, experts):
    practice = in_review(practice, staff)
    assignment = assign(practice, staff, experts["un1"])
    assert assignment.kind == ReviewerKind.UN and assignment.status == AssignmentStatus.ASSIGNED
    assert assign(practice, staff, experts["ext1"]).kind == ReviewerKind.EXTERNAL
    notice = Notification.objects.get(recipient=experts["un1"].user, event="hub_review_assigned")
    assert notice.url == assignment.get_absolute_url()


def test_assigning_is_refused_for_conflicts_twice_and_outside_the_roster(practice, staff, experts):
    practice = in_review(practice, staff)
    with pytest.raises(ValidationError, match="may not review this practice"):
        assign(practice, staff, experts["same_org"])
    assign(practice, staff, experts["un1"])
    with pytest.raises(ValidationError, match="already asked"):
        assign(practice, staff, experts["un1"])
    with pytest.raises(ValidationError, match="not on the expert roster"):
        assign(practice, staff, make_expert(name="Pending", organisation="Z"))
    assert ReviewAssignment.objects.filter(practice=practice).count() == 1


def test_only_staff_assign_and_not_once_decided(practice, staff, experts):
    with pytest.raises(PermissionDenied):
        services.reviewer_assign(practice=practice, expert=experts["un1"], actor=experts["un2"].user)
    declined = move(practice, staff, "decline")
    with pytest.raises(PermissionDenied):
        assign(declined, staff, experts["un1"])


# ---------------------------------------------------------------------------
# Declaring conflicts of interest, then reviewing
# ---------------------------------------------------------------------------


def test_the_expert_sees_the_practice_only_after_declaring_no_conflict(practice, staff, experts):
    practice = in_review(practice, staff)
    assignment = assign(practice, staff, experts["un1"])
    reviewer = experts["un1"].user
    assert not Practice.objects.visible_to(reviewer).filter(pk=practice.pk).exists()
    services.assignment_declare(assignment=assignment, actor=reviewer, has_conflict=False)
    assert Practice.objects.visible_to(reviewer).filter(pk=practice.pk).exists()


def test_a_declared_conflict_closes_the_assignment_and_tells_staff(practice, staff, experts):
    practice = in_review(practice, staff)
    assignment = assign(practice, staff, experts["un1"])
    reviewer = experts["un1"].user
    assignment = services.assignment_declare(
        assignment=assignment, actor=reviewer, has_conflict=True, note="I evaluated this programme."
    )
    assert assignment.status == AssignmentStatus.CONFLICT and assignment.conflict_note == "I evaluated this programme."
    assert assignment.declared_at is not None
    assert not Practice.objects.visible_to(reviewer).filter(pk=practice.pk).exists()
    notice = Notification.objects.get(recipient=staff, event="hub_review_conflict")
    assert "I evaluated this programme." in notice.body
    # a conflict needs its explanation
    other = assign(practice, staff, experts["un2"])
    with pytest.raises(TransitionNotAllowed):
        services.assignment_declare(assignment=other, actor=experts["un2"].user, has_conflict=True, note=" ")


def test_only_the_expert_asked_declares_and_reviews(practice, staff, experts):
    practice = in_review(practice, staff)
    assignment = assign(practice, staff, experts["un1"])
    with pytest.raises(TransitionForbidden):
        services.assignment_declare(assignment=assignment, actor=staff, has_conflict=False)
    with pytest.raises(TransitionForbidden):
        services.assignment_declare(assignment=assignment, actor=experts["un2"].user, has_conflict=False)


def test_a_review_scores_each_criterion_from_one_to_five(practice, staff, experts):
    practice = in_review(practice, staff)
    assignment = assign(practice, staff, experts["un1"])
    reviewer = experts["un1"].user
    with pytest.raises(TransitionNotAllowed):  # no review before the declaration
        services.review_submit(assignment=assignment, actor=reviewer, scores=SCORES, recommendation=P)
    assignment = services.assignment_declare(assignment=assignment, actor=reviewer, has_conflict=False)
    with pytest.raises(ValidationError):
        services.review_submit(assignment=assignment, actor=reviewer, scores={**SCORES, "results": 6}, recommendation=P)
    with pytest.raises(ValidationError):
        services.review_submit(assignment=assignment, actor=reviewer, scores={"results": 3}, recommendation=P)
    with pytest.raises(ValidationError):
        services.review_submit(assignment=assignment, actor=reviewer, scores=SCORES, recommendation="maybe")
    assignment = services.review_submit(assignment=assignment, actor=reviewer, scores=SCORES, recommendation=P)
    assert assignment.status == AssignmentStatus.REVIEWED and assignment.scores == SCORES
    assert assignment.reviewed_at is not None
    assert Notification.objects.filter(recipient=staff, event="hub_review_submitted").exists()


def test_reviews_are_taken_only_while_the_practice_is_in_review(practice, staff, experts):
    practice = in_review(practice, staff)
    assignment = assign(practice, staff, experts["un1"])
    reviewer = experts["un1"].user
    assignment = services.assignment_declare(assignment=assignment, actor=reviewer, has_conflict=False)
    move(Practice.objects.get(pk=practice.pk), staff, "request_info")
    assignment = ReviewAssignment.objects.get(pk=assignment.pk)
    with pytest.raises(TransitionNotAllowed, match="not in peer review"):
        services.review_submit(assignment=assignment, actor=reviewer, scores=SCORES, recommendation=P)


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------


def test_publishing_waits_for_the_whole_panel(practice, staff, experts):
    practice = in_review(practice, staff)
    review(assign(practice, staff, experts["un1"]))
    review(assign(practice, staff, experts["ext1"]))
    with pytest.raises(TransitionNotAllowed, match="peer review is not complete"):
        move(Practice.objects.get(pk=practice.pk), staff, "publish")
    review(assign(practice, staff, experts["ext2"]))
    published = move(Practice.objects.get(pk=practice.pk), staff, "publish")
    assert published.status == PracticeStatus.PUBLISHED and published.published_at is not None


def test_disagreement_blocks_the_decision_until_a_further_review(practice, staff, experts):
    practice = in_review(practice, staff)
    review(assign(practice, staff, experts["un1"]), P)
    review(assign(practice, staff, experts["ext1"]), P)
    review(assign(practice, staff, experts["ext2"]), D)
    assert Notification.objects.filter(recipient=staff, event="hub_review_submitted", body__contains="further").exists()
    practice = Practice.objects.get(pk=practice.pk)
    with pytest.raises(TransitionNotAllowed, match="reviews disagree"):
        move(practice, staff, "publish")
    with pytest.raises(TransitionNotAllowed, match="reviews disagree"):
        move(practice, staff, "decline")
    review(assign(practice, staff, experts["ext3"]), P)
    assert move(Practice.objects.get(pk=practice.pk), staff, "publish").status == PracticeStatus.PUBLISHED


def test_staff_decide_with_a_message_to_the_submitter(practice, staff, experts, author):
    practice = in_review(practice, staff)
    for key in ("un1", "ext1", "ext2"):
        review(assign(practice, staff, experts[key]))
    practice = Practice.objects.get(pk=practice.pk)
    with pytest.raises(TransitionNotAllowed):  # a decision needs its message
        services.practice_transition(practice=practice, action="publish", actor=staff, comment="")
    mail.outbox.clear()
    services.practice_transition(practice=practice, action="publish", actor=staff, comment="Congratulations.")
    notice = Notification.objects.filter(recipient=author, event="hub_practice_status").latest("pk")
    assert "Congratulations." in notice.body and "Published" in notice.title


def test_a_submission_outside_the_criteria_is_declined_without_review(practice, staff, author):
    declined = move(practice, staff, "decline", comment="Not implemented yet.")
    assert declined.status == PracticeStatus.DECLINED
    assert "Not implemented yet." in Notification.objects.filter(recipient=author).latest("pk").body


def test_a_withdrawn_reviewer_loses_the_practice_and_can_be_replaced(practice, staff, experts):
    practice = in_review(practice, staff)
    assignment = assign(practice, staff, experts["un1"])
    services.assignment_declare(assignment=assignment, actor=experts["un1"].user, has_conflict=False)
    services.assignment_withdraw(assignment=ReviewAssignment.objects.get(pk=assignment.pk), actor=staff)
    assert not Practice.objects.visible_to(experts["un1"].user).filter(pk=practice.pk).exists()
    assert assign(practice, staff, experts["un2"]).status == AssignmentStatus.ASSIGNED


def test_the_public_reads_counts_never_names(practice, staff, experts, client):
    practice = in_review(practice, staff)
    for key in ("un1", "ext1", "ext2"):
        review(assign(practice, staff, experts[key]))
    practice = move(Practice.objects.get(pk=practice.pk), staff, "publish")
    body = client.get(practice.get_absolute_url()).content.decode()
    assert "Peer reviewed" in body and "(1 UN, 2 external)" in body
    for key in ("un1", "ext1", "ext2"):
        assert str(experts[key].user) not in body
    assert "Check" not in body


def test_suggestions_for_a_country_flagged_practice(author, staff):
    ghanaian = make_expert(staff=staff, name="Kwame", organisation="University of Ghana", country="GH")
    flagged = make_practice(
        author, exclude_same_country_reviewers=True, submitter_country=Country.objects.get(iso2="GH")
    )
    suggestions = selectors.reviewer_suggestions(flagged)
    assert ghanaian not in {s.expert for s in suggestions.external}
    assert (ghanaian, ["comes from the submitting organisation's country"]) in suggestions.excluded
