from django.urls import path

from . import views

app_name = "checks"

urlpatterns = [
    path("<slug:slug>/<year:year>/check/", views.check, name="check"),
    path("<slug:slug>/<year:year>/check.json", views.check_json, name="check_json"),
]
