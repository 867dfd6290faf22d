from django.urls import path

from . import views

app_name = "accountability_staff"
urlpatterns = [
    path("", views.item_list, name="items"),
    path("<str:code>/", views.item_detail, name="item"),
]
