from django.urls import path

from . import appeal_views, applicant_views, funding_views, question_views, views

app_name = "tenders"
urlpatterns = [
    path("tenders/", views.competition_list, name="list"),
    path("tenders/stats/", views.statistics, name="stats"),
    path("tenders/stats/<str:grouping>.csv", views.statistics_csv, name="stats_csv"),
    path("tenders/results/<int:year>.csv", views.results_csv, name="results_csv"),
    path("tenders/organisers/", funding_views.organiser_list, name="organisers"),
    path("tenders/organisers/<slug:code>/", funding_views.organiser_detail, name="organiser"),
    path(
        "tenders/organisers/<slug:code>/recipients.csv",
        funding_views.organiser_recipients_csv,
        name="organiser_csv",
    ),
    path("tenders/recipients/<str:bin>.csv", funding_views.recipient_csv, name="recipient_csv"),
    path("tenders/<str:number>/", views.competition_detail, name="detail"),
    path("tenders/<str:number>/ask/", question_views.ask, name="ask"),
    path("tenders/<str:number>/apply/", applicant_views.apply, name="apply"),
    path("my/applications/", applicant_views.my_applications, name="my_applications"),
    path("my/applications/<str:number>/", applicant_views.application_detail, name="application"),
    path("my/applications/<str:number>/withdraw/", applicant_views.withdraw, name="withdraw"),
    path("my/applications/<str:number>/appeal/", appeal_views.file, name="appeal"),
    path(
        "my/applications/<str:number>/reports/<int:report>/",
        applicant_views.file_report,
        name="report",
    ),
    path(
        "my/applications/<str:number>/reports/<int:report>/attachment/",
        applicant_views.report_attachment,
        name="report_attachment",
    ),
    path(
        "tenders/<str:number>/documentation-<str:language>/",
        views.documentation,
        name="documentation",
    ),
]
