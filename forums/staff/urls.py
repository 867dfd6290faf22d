from django.urls import path

from . import views

app_name = "forums_staff"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("check-in/<str:token>/", views.check_in, name="check_in"),
]
