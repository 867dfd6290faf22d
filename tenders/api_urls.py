from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api
from .ocds_views import (
    BulkPackageView,
    ExtensionFileView,
    GzippedBulkPackageView,
    PublicationPolicyView,
    RecordPackageView,
    ReleasePackageView,
)

router = DefaultRouter()
router.register("tenders", api.CompetitionViewSet, basename="competition")
router.register("awards", api.AwardViewSet, basename="award")
router.register("applications", api.PublishedApplicationViewSet, basename="application")
urlpatterns = [
    path("ocds/releases/<str:number>.json", ReleasePackageView.as_view(), name="ocds-releases"),
    path("ocds/records/<str:number>.json", RecordPackageView.as_view(), name="ocds-records"),
    path("ocds/<int:year>/releases.json", BulkPackageView.as_view(), name="ocds-bulk"),
    path("ocds/<int:year>/releases.json.gz", GzippedBulkPackageView.as_view(), name="ocds-bulk-gz"),
    path(
        "ocds/extensions/<slug:name>/<str:filename>",
        ExtensionFileView.as_view(),
        name="ocds-extension",
    ),
    path("ocds/publication-policy.md", PublicationPolicyView.as_view(), name="ocds-policy"),
    *router.urls,
]
