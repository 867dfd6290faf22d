from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("ngos", api.NGOViewSet, basename="ngo")
router.register("regions", api.RegionViewSet, basename="region")
router.register("activity-areas", api.ActivityAreaViewSet, basename="activity-area")
router.register("legal-forms", api.LegalFormViewSet, basename="legal-form")
router.register("state-bodies", api.StateBodyViewSet, basename="state-body")
urlpatterns = router.urls
