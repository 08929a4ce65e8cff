from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("champions", views.ChampionViewSet, basename="champion")
router.register("champion-membership-facts", views.MembershipFactViewSet, basename="champion-membership-fact")
router.register("champion-commitments", views.CommitmentViewSet, basename="champion-commitment")
router.register("champion-activities", views.ActivityViewSet, basename="champion-activity")

urlpatterns = router.urls
