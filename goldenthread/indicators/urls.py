from django.urls import path, register_converter

from goldenthread.web.converters import one_of

from . import indicator_views, owners_views, target_views, views

# The codes a file of values may use, a list for each of its coded columns.
register_converter(one_of(["indicator", "area"]), "coded_column")

app_name = "indicators"

urlpatterns = [
    path("<slug:slug>/scorecard/", views.scorecard_page, name="scorecard"),
    # Before the indicator's page, whose code "upload" or "add" would otherwise match.
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
    path("<slug:slug>/indicators/owners/", owners_views.indicator_owners, name="owners"),
    path("<slug:slug>/indicators/add/", indicator_views.add_indicator_page, name="add_indicator"),
    path("<slug:slug>/indicators/<slug:code>/", views.indicator_page, name="indicator"),
    path(
        "<slug:slug>/indicators/<slug:code>/fingertips.csv",
        views.indicator_download,
        name="fingertips_csv",
    ),
    path(
        "<slug:slug>/indicators/<slug:code>/change/",
        indicator_views.edit_indicator,
        name="edit_indicator",
    ),
    path(
        "<slug:slug>/indicators/<slug:code>/retire/",
        indicator_views.retire_indicator_page,
        name="retire_indicator",
    ),
    path(
        "<slug:slug>/indicators/<slug:code>/plan/",
        indicator_views.link_indicator,
        name="link_indicator",
    ),
    path(
        "<slug:slug>/indicators/<slug:code>/targets/add/",
        target_views.add_target,
        name="add_target",
    ),
    path("<slug:slug>/targets/<int:pk>/", target_views.edit_target, name="edit_target"),
    path(
        "<slug:slug>/targets/<int:pk>/remove/",
        target_views.remove_target_page,
        name="remove_target",
    ),
]
