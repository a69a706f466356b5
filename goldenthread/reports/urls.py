from django.urls import path, re_path

from . import views
from .render import FORMATS, KINDS

app_name = "reports"

YEAR = r"(?P<year>\d{4}-\d{2})"
KIND = rf"(?P<kind>{'|'.join(KINDS)})"
FORMAT = rf"(?P<fmt>{'|'.join(FORMATS)})"
REPORT = rf"^(?P<slug>[-\w]+)/{YEAR}/report/{KIND}"

urlpatterns = [
    re_path(rf"{REPORT}/$", views.report_page, name="report"),
    re_path(rf"{REPORT}\.{FORMAT}$", views.report_file, name="file"),
    re_path(rf"{REPORT}/publish/$", views.publish_report, name="publish"),
    path("<slug:slug>/reports/", views.archive, name="archive"),
    path("<slug:slug>/reports/logo/", views.logo, name="logo"),
    path("<slug:slug>/reports/logo.img", views.logo_image, name="logo_image"),
    path("<slug:slug>/reports/<int:pk>/", views.published_report, name="published"),
    re_path(
        rf"^(?P<slug>[-\w]+)/reports/(?P<pk>\d+)\.{FORMAT}$",
        views.published_file,
        name="published_file",
    ),
]
