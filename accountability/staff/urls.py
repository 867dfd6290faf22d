from django.urls import path

from . import views

app_name = "accountability_staff"
urlpatterns = [
    path("", views.item_list, name="items"),
    path("export.csv", views.item_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.item_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<str:code>/", views.item_detail, name="item"),
]
