from django.urls import path, register_converter

from goldenthread.web.converters import one_of

from . import authoring_views, draft_views, views, year_views

# The delivery plan as a spreadsheet (exports.py).
EXPORT_FORMATS = ["csv", "xlsx"]
register_converter(one_of(EXPORT_FORMATS), "export_format")

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
    # Shaping the plan (authoring_views.py, year_views.py): managers only.
    path("<slug:slug>/structure/", authoring_views.structure, name="structure"),
    path("<slug:slug>/structure/next-plan/", authoring_views.next_plan, name="next_plan"),
    path("<slug:slug>/plans/<int:pk>/aims/add/", authoring_views.add_aim, name="add_aim"),
    path(
        "<slug:slug>/plans/<int:pk>/aims/renumber/",
        authoring_views.renumber_aims,
        name="renumber_aims",
    ),
    path("<slug:slug>/aims/<int:pk>/edit/", authoring_views.edit_aim, name="edit_aim"),
    path("<slug:slug>/aims/<int:pk>/retire/", authoring_views.retire_aim, name="retire_aim"),
    path("<slug:slug>/aims/<int:pk>/delete/", authoring_views.delete_aim, name="delete_aim"),
    path(
        "<slug:slug>/aims/<int:pk>/objectives/add/",
        authoring_views.add_objective,
        name="add_objective",
    ),
    path(
        "<slug:slug>/objectives/<int:pk>/edit/",
        authoring_views.edit_objective,
        name="edit_objective",
    ),
    path(
        "<slug:slug>/objectives/<int:pk>/retire/",
        authoring_views.retire_objective,
        name="retire_objective",
    ),
    path(
        "<slug:slug>/objectives/<int:pk>/delete/",
        authoring_views.delete_objective,
        name="delete_objective",
    ),
    path(f"{YEAR}/actions/add/", year_views.add_action, name="add_action"),
    path(f"{YEAR}/renumber/", year_views.renumber_actions, name="renumber_actions"),
    path(
        "<slug:slug>/actions/<int:pk>/withdraw/",
        year_views.withdraw_action,
        name="withdraw_action",
    ),
    path(f"{YEAR}/rollover/", year_views.roll_over, name="rollover"),
]
