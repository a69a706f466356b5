from django.urls import path, register_converter

from goldenthread.web.converters import one_of

from . import target_views, views

# The codes a file of values may use, a list for each of its coded columns.
register_converter(one_of(["indicator", "area"]), "coded_column")

app_name = "indicators"

urlpatterns = [
    path("<slug:slug>/scorecard/", views.scorecard_page, name="scorecard"),
    # Before the indicator's page, whose code "upload" would otherwise match.
    path("<slug:slug>/indicators/upload/", views.upload_page, name="upload"),
    path(
        "<slug:slug>/indicators/upload/template.csv",
        views.upload_template,
        name="upload_template",
    ),
    path(
        "<slug:slug>/indicators/upload/<coded_column:kind>-codes.csv",
        views.upload_codes,
        name="upload_codes",
    ),
    path("<slug:slug>/indicators/<slug:code>/", views.indicator_page, name="indicator"),
    path(
        "<slug:slug>/indicators/<slug:code>/fingertips.csv",
        views.indicator_download,
        name="fingertips_csv",
    ),
    path("<slug:slug>/targets/<int:pk>/", target_views.edit_target, name="edit_target"),
]
