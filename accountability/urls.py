from django.urls import path

from . import views

app_name = "accountability"
urlpatterns = [
    path("accountability/<str:code>/", views.item_page, name="item"),
]
