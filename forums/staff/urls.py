from django.urls import path  # noqa: F401

app_name = "forums_staff"
urlpatterns: list = []
