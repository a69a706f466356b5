from django.urls import re_path

from goldenthread.plans.urls import YEAR

from . import views

app_name = "checks"

urlpatterns = [
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/check/$", views.check, name="check"),
    re_path(rf"^(?P<slug>[-\w]+)/{YEAR}/check\.json$", views.check_json, name="check_json"),
]
