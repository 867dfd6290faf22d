from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("tenders", api.CompetitionViewSet, basename="competition")
router.register("awards", api.AwardViewSet, basename="award")
router.register("applications", api.PublishedApplicationViewSet, basename="application")
urlpatterns = router.urls
