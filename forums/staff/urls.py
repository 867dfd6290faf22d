from django.urls import path

from ..urls import RomanConverter  # noqa: F401 - registers the `roman` converter
from . import views

app_name = "forums_staff"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("new/", views.forum_create, name="forum_create"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<slug:code>/", views.event_manage, name="event"),
    path("events/<slug:code>/registrations/", views.registrations, name="registrations"),
    path("events/<slug:code>/attendance/", views.attendance, name="attendance"),
    path("events/<slug:code>/cancel/", views.cancel_registration, name="cancel"),
    path("events/<slug:code>/badges.csv", views.badges, {"fmt": "csv"}, name="badges_csv"),
    path("events/<slug:code>/badges.xlsx", views.badges, {"fmt": "xlsx"}, name="badges_xlsx"),
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path("recommendations/<str:code>/", views.recommendation, name="recommendation"),
    path("<roman:number>/", views.forum_manage, name="forum"),
    path("<roman:number>/events/new/", views.event_create, name="forum_event_create"),
    path("<roman:number>/recommendations/", views.recommendations, name="recommendations"),
]
