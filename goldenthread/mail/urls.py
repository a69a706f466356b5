from django.urls import path

from . import views

app_name = "mail"

urlpatterns = [
    path("status/", views.status, name="status"),
    path("status/emails/<int:pk>/send-again/", views.send_email_again, name="send_again"),
]
