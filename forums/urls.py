from django.urls import path, register_converter

from . import views


class RomanConverter:
    """A forum's number in Roman numerals (XII)."""

    regex = "[IVXLCDM]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RomanConverter, "roman")

app_name = "forums"
urlpatterns = [
    path("forums/", views.forum_list, name="list"),
    path("forums/events/<slug:code>/", views.event_detail, name="event"),
    path("forums/events/<slug:code>.ics", views.event_ics, name="event_ics"),
    path("forums/events/<slug:code>/register/", views.register, name="register"),
    path("forums/regions/<str:kato>/calendar.ics", views.region_calendar, name="region_calendar"),
    path("forums/<roman:number>/", views.forum_detail, name="forum"),
    path("forums/<roman:number>/calendar.ics", views.forum_calendar, name="forum_calendar"),
    path("forums/<roman:number>/plan/", views.action_plan, name="plan"),
    path("forums/<roman:number>/plan.csv", views.action_plan_csv, name="plan_csv"),
    path("my/registrations/", views.my_registrations, name="my_registrations"),
    path("my/registrations/<str:code>/", views.registration_detail, name="registration"),
    path("my/registrations/<str:code>/qr.svg", views.registration_qr, name="registration_qr"),
    path("my/registrations/<str:code>/cancel/", views.cancel, name="cancel"),
]
