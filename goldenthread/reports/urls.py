from django.urls import re_path

from . import views

app_name = "reports"

YEAR = r"(?P<year>\d{4}-\d{2})"

urlpatterns = [
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/report/annual/$", views.annual_page, name="annual"),
    re_path(
        rf"^(?P<slug>[-\w]+)/{YEAR}/report/annual\.(?P<fmt>docx|json|html)$",
        views.annual_file,
        name="annual_file",
    ),
]
