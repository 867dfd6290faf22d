from django.urls import path

from . import import_views

app_name = "imports"
urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("<int:pk>/", import_views.job_detail, name="job"),
    path("<int:pk>/run/", import_views.run_for_real, name="run"),
    path("<int:pk>/refused/", import_views.refused_rows, name="refused"),
]
