from django.urls import path

from . import views

app_name = "councils"
urlpatterns = [
    path("councils/", views.council_list, name="list"),
    path("councils/stats/", views.statistics, name="stats"),
    path("councils/stats/<slug:table>.csv", views.statistics_csv, name="stats_csv"),
    path("councils/<slug:code>/", views.council_detail, name="detail"),
    path("councils/<slug:code>/meetings/<int:number>.ics", views.meeting_ical, name="meeting_ical"),
]
