from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("forums", api.ForumViewSet, basename="forum")
router.register("recommendations", api.RecommendationViewSet, basename="recommendation")
urlpatterns = [
    path("forums/<str:number>/events/", api.ForumEventList.as_view(), name="forum-events"),
    *router.urls,
]
