from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("<slug:slug>/plan-document/", views.plan_document, name="document"),
    path("<slug:slug>/plan-document/versions/", views.new_version, name="new_version"),
    path("<slug:slug>/plan-document/approvals/", views.new_approval, name="new_approval"),
    path("<slug:slug>/golden-thread/", views.golden_thread, name="golden_thread"),
]
