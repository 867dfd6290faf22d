from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("ngos/", views.directory, name="directory"),
    path("ngos/<str:bin>/", views.ngo_detail, name="ngo_detail"),
    path("my/ngos/", views.my_ngos, name="my_ngos"),
]
