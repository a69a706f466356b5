from django.urls import path, register_converter

from goldenthread.web.converters import one_of

from . import draft_views, views

# The delivery plan as a spreadsheet (exports.py).
register_converter(one_of(["csv", "xlsx"]), "export_format")

app_name = "plans"

YEAR = "<slug:slug>/<year:year>"

urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/who-may-read/", views.visibility, name="visibility"),
    path(f"{YEAR}/plan/", views.tree, name="tree"),
    path(f"{YEAR}/review/", views.review, name="review"),
    path(f"{YEAR}/review/confirm/", views.confirm_statuses_view, name="confirm_statuses"),
    path(f"{YEAR}/draft/", draft_views.draft, name="draft"),
    path(f"{YEAR}/draft/add/", draft_views.draft_add, name="draft_add"),
    path(f"{YEAR}/draft/renumber/", draft_views.draft_renumber, name="draft_renumber"),
    path(f"{YEAR}/draft/actions/<int:pk>/drop/", draft_views.draft_drop, name="draft_drop"),
    path(f"{YEAR}/draft/publish/", draft_views.draft_publish, name="draft_publish"),
    path(f"{YEAR}/export.<export_format:fmt>", views.export, name="export"),
    path("<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
    path("<slug:slug>/actions/<int:pk>/edit/", views.edit_action_view, name="edit_action"),
    path("<slug:slug>/actions/<int:pk>/confirm/", views.confirm_status_view, name="confirm_status"),
    path("<slug:slug>/actions/<int:pk>/lead/", views.action_lead, name="action_lead"),
]
