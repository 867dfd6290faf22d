from django.urls import include, path

from . import feeds, views

# Portal's own pages, namespaced `portal:`.
portal_patterns = [
    path("stats/", views.statistics, name="stats"),
    path("stats/<slug:key>.csv", views.statistics_csv, name="stats_csv"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/files/<path:name>", views.open_data_file, name="open_data_file"),
    path("my/alerts/", views.alert_list, name="alerts"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("staff/integrity/", views.integrity_flags, name="integrity"),
    path("feeds/competitions.atom", feeds.NewCompetitions(), name="feed_competitions"),
    path("feeds/results.atom", feeds.PublishedResults(), name="feed_results"),
    path("feeds/ngos.atom", feeds.NewNGOs(), name="feed_ngos"),
    path("feeds/forums/<str:number>/plan.atom", feeds.ActionPlanChanges(), name="feed_plan"),
]

# Not namespaced: `home` and `after_login` are named by every app's templates.
urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/", views.after_login, name="after_login"),
    path("", include((portal_patterns, "portal"))),
]
