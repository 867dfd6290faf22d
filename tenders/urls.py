from django.urls import path

from . import views

app_name = "tenders"
urlpatterns = [
    path("tenders/", views.competition_list, name="list"),
    path("tenders/stats/", views.statistics, name="stats"),
    path("tenders/stats/<str:grouping>.csv", views.statistics_csv, name="stats_csv"),
    path("tenders/<str:number>/", views.competition_detail, name="detail"),
    path(
        "tenders/<str:number>/documentation-<str:language>/",
        views.documentation,
        name="documentation",
    ),
]
