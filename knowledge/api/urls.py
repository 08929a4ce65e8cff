from rest_framework.routers import SimpleRouter

from . import search, views

router = SimpleRouter()
router.register("hub/practices", views.PracticeViewSet, basename="hub-practice")
router.register("hub/resources", views.ResourceViewSet, basename="hub-resource")
router.register("hub/events", views.EventViewSet, basename="hub-event")
router.register("hub/working-groups", views.WorkingGroupViewSet, basename="hub-working-group")
router.register("hub/networks", views.NetworkViewSet, basename="hub-network")
router.register("hub/network-counts", views.NetworkCountViewSet, basename="hub-network-count")
router.register("hub/discussions", views.DiscussionViewSet, basename="hub-discussion")
router.register("hub/experts", views.ExpertViewSet, basename="hub-expert")
router.register("hub/support-requests", views.SupportRequestViewSet, basename="hub-support-request")

router.register("search", search.SearchViewSet, basename="search")
router.register(r"countries/(?P<code>[A-Za-z]{2})/overview", search.CountryOverviewViewSet, basename="country-overview")
router.register("matrix", search.MatrixViewSet, basename="matrix")

urlpatterns = router.urls
