from django.urls import path

from .views import appeals, applicant, funding, public, questions

app_name = "tenders"
urlpatterns = [
    path("tenders/", public.competition_list, name="list"),
    path("tenders/stats/", public.statistics, name="stats"),
    path("tenders/stats/<str:grouping>.csv", public.statistics_csv, name="stats_csv"),
    path("tenders/results/<int:year>.csv", public.results_csv, name="results_csv"),
    path("tenders/organisers/", funding.organiser_list, name="organisers"),
    path("tenders/organisers/<slug:code>/", funding.organiser_detail, name="organiser"),
    path(
        "tenders/organisers/<slug:code>/recipients.csv",
        funding.organiser_recipients_csv,
        name="organiser_csv",
    ),
    path("tenders/recipients/<str:bin>.csv", funding.recipient_csv, name="recipient_csv"),
    path("tenders/<str:number>/", public.competition_detail, name="detail"),
    path("tenders/<str:number>/ask/", questions.ask, name="ask"),
    path("tenders/<str:number>/apply/", applicant.apply, name="apply"),
    path("my/applications/", applicant.my_applications, name="my_applications"),
    path("my/applications/<str:number>/", applicant.application_detail, name="application"),
    path("my/applications/<str:number>/withdraw/", applicant.withdraw, name="withdraw"),
    path("my/applications/<str:number>/appeal/", appeals.file, name="appeal"),
    path(
        "my/applications/<str:number>/reports/<int:report>/",
        applicant.file_report,
        name="report",
    ),
    path(
        "my/applications/<str:number>/reports/<int:report>/attachment/",
        applicant.report_attachment,
        name="report_attachment",
    ),
    path(
        "tenders/<str:number>/documentation-<str:language>/",
        public.documentation,
        name="documentation",
    ),
]
