"""The tenders' screens of the staff workspace, under /<lang>/staff/: competitions and contracts."""

from django.urls import include, path

from . import appeals, competitions, contracts, evaluation, questions

competition_patterns = [
    path("", competitions.competition_list, name="list"),
    path("new/", competitions.competition_create, name="create"),
    path("questions/", questions.unanswered, name="questions"),
    path("appeals/", appeals.appeal_list, name="appeals"),
    path("<str:number>/", competitions.competition_manage, name="manage"),
    path("<str:number>/questions/", questions.competition_questions, name="competition_questions"),
    path("<str:number>/appeals/<str:appeal>/", appeals.appeal_decide, name="appeal"),
    path("<str:number>/correct/", evaluation.correct, name="correct"),
    path("<str:number>/lots/<int:lot>/", evaluation.lot_results, name="lot"),
    path(
        "<str:number>/lots/<int:lot>/winners/<str:bin>/",
        contracts.contract_page,
        name="contract",
    ),
    path(
        "<str:number>/lots/<int:lot>/winners/<str:bin>/reports/<int:report>/",
        contracts.report_review,
        name="report",
    ),
    path(
        "<str:number>/lots/<int:lot>/winners/<str:bin>/reports/<int:report>/attachment/",
        contracts.report_attachment,
        name="report_attachment",
    ),
    path(
        "<str:number>/applications/<str:application>/",
        evaluation.application_view,
        name="application",
    ),
]

# Contracts have their own menu entry, beside (not under) the competitions.
contract_patterns = [path("", contracts.contract_list, name="list")]

urlpatterns = [
    path("tenders/", include((competition_patterns, "tenders_staff"))),
    path("contracts/", include((contract_patterns, "tenders_contracts"))),
]
