from django.urls import path

from . import changes, claims, verification, views

app_name = "staff"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("verification/", verification.queue, name="queue"),
    path("verification/bulk/", verification.bulk, name="bulk"),
    path("verification/<str:bin>/", verification.review, name="review"),
    path("changes/", changes.change_list, name="changes"),
    path("changes/<str:bin>/", changes.change_review, name="change"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/<int:pk>/", claims.claim_decide, name="claim"),
    path("ngos/", views.ngo_list, name="ngos"),
    path("ngos/<str:bin>/", views.ngo_history, name="ngo"),
    path("ngos/<str:bin>/liquidate/", views.ngo_liquidate, name="liquidate"),
]
