"""The tenders' screens of the staff workspace, under /<lang>/staff/."""

from django.urls import include, path

urlpatterns = [
    path("tenders/", include("tenders.staff_urls")),
    path("contracts/", include("tenders.contract_staff_urls")),
]
