from django.urls import path

from . import appeal_views, contract_staff_views, question_views, staff_views

app_name = "tenders_staff"
urlpatterns = [
    path("", staff_views.competition_list, name="list"),
    path("new/", staff_views.competition_create, name="create"),
    path("questions/", question_views.unanswered, name="questions"),
    path("appeals/", appeal_views.appeal_list, name="appeals"),
    path("<str:number>/", staff_views.competition_manage, name="manage"),
    path(
        "<str:number>/questions/",
        question_views.competition_questions,
        name="competition_questions",
    ),
    path("<str:number>/appeals/<str:appeal>/", appeal_views.appeal_decide, name="appeal"),
    path("<str:number>/correct/", staff_views.correct, name="correct"),
    path("<str:number>/lots/<int:lot>/", staff_views.lot_results, name="lot"),
    path(
        "<str:number>/lots/<int:lot>/winners/<str:bin>/",
        contract_staff_views.contract_page,
        name="contract",
    ),
    path(
        "<str:number>/lots/<int:lot>/winners/<str:bin>/reports/<int:report>/",
        contract_staff_views.report_review,
        name="report",
    ),
    path(
        "<str:number>/lots/<int:lot>/winners/<str:bin>/reports/<int:report>/attachment/",
        contract_staff_views.report_attachment,
        name="report_attachment",
    ),
    path(
        "<str:number>/applications/<str:application>/",
        staff_views.application_view,
        name="application",
    ),
]
