from django.urls import path, register_converter

from goldenthread.web.converters import one_of

from . import views

# What a year's summary is of.
register_converter(one_of(["aim", "objective"]), "summary_of")

app_name = "commentary"

INDICATOR = "<slug:slug>/indicators/<slug:code>/commentary"
SUMMARY = "<slug:slug>/<year:year>/summaries/<summary_of:kind>/<int:pk>"

urlpatterns = [
    path(f"{INDICATOR}/", views.commentary_page, name="write"),
    path(f"{INDICATOR}/<int:period>/history/", views.commentary_history, name="history"),
    path(f"{SUMMARY}/", views.summary_page, name="summary"),
    path(f"{SUMMARY}/history/", views.summary_history, name="summary_history"),
]
