from django.urls import re_path

from . import views

app_name = "reports"

YEAR = r"(?P<year>\d{4}-\d{2})"

KIND = r"(?P<kind>annual|exception)"

urlpatterns = [
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/report/{KIND}/$", views.report_page, name="report"),
    re_path(
        rf"^(?P<slug>[-\w]+)/{YEAR}/report/{KIND}\.(?P<fmt>docx|json|html)$",
        views.report_file,
        name="file",
    ),
]
