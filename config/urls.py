from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

handler404 = views.not_found
handler500 = views.server_error

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", include("portal.root_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves the page's script as a file of its own (Content-Security-Policy).
    path(
        "api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"
    ),
    path("api/v1/", include("registry.api_urls")),
    path("api/v1/", include("tenders.api_urls")),
    path("api/v1/", include("accountability.api_urls")),
    path("api/v1/", include("forums.api_urls")),
    path("api/v1/", include("councils.api_urls")),
    path("api/v1/", include("portal.api_urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("staff/imports/", include("registry.import_urls")),
    path("staff/", include("tenders.staff.urls")),
    path("staff/accountability/", include("accountability.staff.urls")),
    path("staff/forums/", include("forums.staff.urls")),
    path("staff/councils/", include("councils.staff.urls")),
    path("staff/", include("registry.staff.urls")),
    path("", include("portal.urls")),
    path("", include("accountability.urls")),
    path("", include("forums.urls")),
    path("", include("councils.urls")),
    path("", include("tenders.urls")),
    path("", include("registry.urls")),
)
