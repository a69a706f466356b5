from django.urls import path, re_path

from . import views

app_name = "plans"

YEAR = r"(?P<year>\d{4}-\d{2})"

urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/who-may-read/", views.visibility, name="visibility"),
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/plan/$", views.tree, name="tree"),
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/review/$", views.review, name="review"),
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/draft/$", views.draft, name="draft"),
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/draft/add/$", views.draft_add, name="draft_add"),
    re_path(
        rf"^(?P<slug>[-\w]+)/{YEAR}/draft/renumber/$", views.draft_renumber, name="draft_renumber"
    ),
    re_path(
        rf"^(?P<slug>[-\w]+)/{YEAR}/draft/actions/(?P<pk>\d+)/drop/$",
        views.draft_drop,
        name="draft_drop",
    ),
    re_path(
        rf"^(?P<slug>[-\w]+)/{YEAR}/draft/publish/$", views.draft_publish, name="draft_publish"
    ),
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
    path("<slug:slug>/actions/<int:pk>/edit/", views.edit_action_view, name="edit_action"),
    path("<slug:slug>/actions/<int:pk>/confirm/", views.confirm_status_view, name="confirm_status"),
]
