from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("regions", views.RegionViewSet, basename="region")
router.register("commissions", views.CommissionViewSet, basename="commission")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("principles", views.PrincipleViewSet, basename="principle")
router.register("thematic-areas", views.ThematicAreaViewSet, basename="thematic-area")
router.register("sdg-targets", views.SdgTargetViewSet, basename="sdg-target")
router.register("entities", views.EntityViewSet, basename="entity")

urlpatterns = router.urls
