from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("councils", api.CouncilViewSet, basename="council")
router.register("decisions", api.DecisionViewSet, basename="decision")
urlpatterns = [
    path(
        "councils/<slug:code>/meetings/",
        api.CouncilMeetings.as_view(),
        name="council-meetings",
    ),
    *router.urls,
]
