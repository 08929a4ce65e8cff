from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("review-cycles", views.ReviewCycleViewSet, basename="review-cycle")
router.register("review-forums", views.ReviewForumViewSet, basename="review-forum")
router.register("regional-reviews", views.RegionalReviewViewSet, basename="regional-review")
router.register("review-events", views.ReviewEventViewSet, basename="review-event")
router.register("voluntary-reports", views.VoluntaryReportViewSet, basename="voluntary-report")
router.register("pledges", views.PledgeViewSet, basename="pledge")
router.register("stakeholder-contributions", views.StakeholderContributionViewSet, basename="stakeholder-contribution")

urlpatterns = router.urls
