from django.urls import path

from .views import public, reports, representative

app_name = "registry"
urlpatterns = [
    path("ngos/", public.directory, name="directory"),
    path("ngos/export.csv", public.directory_export, {"fmt": "csv"}, name="export_csv"),
    path("ngos/export.xlsx", public.directory_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("ngos/<str:bin>/", public.ngo_detail, name="ngo_detail"),
    path("my/ngos/", representative.my_ngos, name="my_ngos"),
    path("my/ngos/new/", representative.ngo_create, name="ngo_create"),
    path("my/ngos/claim/", representative.ngo_claim, name="ngo_claim"),
    path("my/ngos/<str:bin>/", representative.ngo_manage, name="ngo_manage"),
    path("my/ngos/<str:bin>/edit/", representative.ngo_edit, name="ngo_edit"),
    path("my/ngos/<str:bin>/submit/", representative.ngo_submit, name="ngo_submit"),
    path("my/ngos/<str:bin>/confirm/", representative.ngo_confirm, name="ngo_confirm"),
    path("my/ngos/<str:bin>/reports/new/", reports.report_start, name="report_start"),
    path("my/ngos/<str:bin>/reports/<int:pk>/", reports.report_edit, name="report_edit"),
    path("my/ngos/<str:bin>/reports/<int:pk>/check/", reports.report_check, name="report_check"),
    path("my/ngos/<str:bin>/reports/<int:pk>/done/", reports.report_done, name="report_done"),
    path(
        "my/ngos/<str:bin>/reports/<int:pk>/correct/", reports.report_correct, name="report_correct"
    ),
    path("my/ngos/<str:bin>/documents/", representative.document_upload, name="document_upload"),
    path("documents/<int:pk>/", representative.document_download, name="document"),
]
