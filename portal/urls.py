from django.urls import path

from . import views

# Not namespaced: `home` and `after_login` are named by every app's templates.
urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/", views.after_login, name="after_login"),
]
