from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("contributions", views.ContributionViewSet, basename="mptf-contribution")
router.register("deposits", views.DepositViewSet, basename="mptf-deposit")
router.register("transfers", views.TransferViewSet, basename="mptf-transfer")
router.register("expenditure", views.ExpenditureViewSet, basename="mptf-expenditure")
router.register("donors", views.DonorViewSet, basename="mptf-donor")
router.register("concept-notes", views.ConceptNoteViewSet, basename="mptf-concept-note")
router.register("joint-programmes", views.JointProgrammeViewSet, basename="mptf-joint-programme")
router.register("fund/summary", views.FundSummaryViewSet, basename="mptf-fund-summary")

urlpatterns = router.urls
