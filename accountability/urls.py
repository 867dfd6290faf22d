from django.urls import path

from . import views

app_name = "accountability"
urlpatterns = [
    path("accountability/<str:code>/", views.item_page, name="item"),
    path("accountability/<str:code>/contest/", views.contest, name="contest"),
    path(
        "accountability/<str:code>/evidence/<int:pk>/",
        views.contestation_document,
        name="contestation_document",
    ),
]
