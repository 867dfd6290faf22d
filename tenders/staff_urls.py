from django.urls import path

from . import staff_views

app_name = "tenders_staff"
urlpatterns = [
    path("", staff_views.competition_list, name="list"),
    path("new/", staff_views.competition_create, name="create"),
    path("<str:number>/", staff_views.competition_manage, name="manage"),
    path("<str:number>/correct/", staff_views.correct, name="correct"),
    path("<str:number>/lots/<int:lot>/", staff_views.lot_results, name="lot"),
    path(
        "<str:number>/applications/<str:application>/",
        staff_views.application_view,
        name="application",
    ),
]
