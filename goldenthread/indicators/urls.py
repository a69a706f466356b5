from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("<slug:slug>/scorecard/", views.scorecard_page, name="scorecard"),
    path("<slug:slug>/indicators/<slug:code>/", views.indicator_page, name="indicator"),
]
