from django.urls import path

from . import views

app_name = "councils_staff"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("<slug:code>/", views.council_workspace, name="council"),
    path("<slug:code>/members/add/", views.member_add, name="member_add"),
    path("<slug:code>/members/<int:pk>/end/", views.member_end, name="member_end"),
    path("<slug:code>/activities/add/", views.activity_add, name="activity_add"),
    path("<slug:code>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("<slug:code>/meetings/<int:number>/", views.meeting, name="meeting"),
    path("<slug:code>/meetings/<int:number>/agenda/", views.meeting_agenda, name="agenda"),
    path("<slug:code>/meetings/<int:number>/documents/", views.meeting_document, name="document"),
    path("<slug:code>/meetings/<int:number>/minutes/", views.meeting_minutes, name="minutes"),
    path("<slug:code>/meetings/<int:number>/announce/", views.meeting_announce, name="announce"),
    path(
        "<slug:code>/meetings/<int:number>/attendance/",
        views.meeting_attendance,
        name="attendance",
    ),
    path("<slug:code>/meetings/<int:number>/decisions/", views.meeting_decision, name="decision"),
    path("<slug:code>/decisions/<int:number>/respond/", views.decision_respond, name="respond"),
]
