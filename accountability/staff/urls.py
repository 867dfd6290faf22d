from django.urls import path

from . import reimport, views

app_name = "accountability_staff"
urlpatterns = [
    path("", views.item_list, name="items"),
    path("export.csv", views.item_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.item_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("import/", reimport.upload, name="import"),
    path("import/<int:pk>/", reimport.job_detail, name="import_job"),
    path("import/<int:pk>/apply/", reimport.apply, name="import_apply"),
    path("import/<int:pk>/refused.csv", reimport.refused, name="import_refused"),
    path("<str:code>/", views.item_detail, name="item"),
]
