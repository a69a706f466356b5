from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("<slug:slug>/audit/", views.trail, name="trail"),
    path("<slug:slug>/audit.csv", views.trail_csv, name="csv"),
    path("<slug:slug>/audit/<str:kind>/<str:pk>/", views.item_trail, name="item"),
]
