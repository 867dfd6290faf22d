from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("ngos/", views.directory, name="directory"),
    path("ngos/export.csv", views.directory_export, {"fmt": "csv"}, name="export_csv"),
    path("ngos/export.xlsx", views.directory_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("ngos/<str:bin>/", views.ngo_detail, name="ngo_detail"),
    path("my/ngos/", views.my_ngos, name="my_ngos"),
    path("my/ngos/new/", views.ngo_create, name="ngo_create"),
    path("my/ngos/claim/", views.ngo_claim, name="ngo_claim"),
    path("my/ngos/<str:bin>/", views.ngo_manage, name="ngo_manage"),
    path("my/ngos/<str:bin>/edit/", views.ngo_edit, name="ngo_edit"),
    path("my/ngos/<str:bin>/submit/", views.ngo_submit, name="ngo_submit"),
    path("my/ngos/<str:bin>/confirm/", views.ngo_confirm, name="ngo_confirm"),
    path("my/ngos/<str:bin>/reports/new/", views.report_start, name="report_start"),
    path("my/ngos/<str:bin>/reports/<int:pk>/", views.report_edit, name="report_edit"),
    path("my/ngos/<str:bin>/reports/<int:pk>/check/", views.report_check, name="report_check"),
    path("my/ngos/<str:bin>/reports/<int:pk>/done/", views.report_done, name="report_done"),
    path(
        "my/ngos/<str:bin>/reports/<int:pk>/correct/", views.report_correct, name="report_correct"
    ),
    path("my/ngos/<str:bin>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_download, name="document"),
]
