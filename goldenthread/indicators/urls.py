from django.urls import path

from . import target_views, views

app_name = "indicators"

urlpatterns = [
    path("<slug:slug>/scorecard/", views.scorecard_page, name="scorecard"),
    # Before the indicator's page, whose code "upload" would otherwise match.
    path("<slug:slug>/indicators/upload/", views.upload_page, name="upload"),
    path("<slug:slug>/indicators/<slug:code>/", views.indicator_page, name="indicator"),
    path(
        "<slug:slug>/indicators/<slug:code>/fingertips.csv",
        views.indicator_download,
        name="fingertips_csv",
    ),
    path("<slug:slug>/targets/<int:pk>/", target_views.edit_target, name="edit_target"),
]
