from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("<slug:slug>/rounds/", views.round_list, name="rounds"),
    path("<slug:slug>/rounds/open/", views.open_round, name="open_round"),
    path("<slug:slug>/rounds/<int:pk>/", views.round_detail, name="round"),
    path("<slug:slug>/rounds/<int:pk>/remind/", views.send_reminders, name="send_reminders"),
    path("<slug:slug>/rounds/<int:pk>/close/", views.close_round, name="close_round"),
    path("<slug:slug>/rounds/<int:pk>/my-actions/", views.my_actions_view, name="round_my_actions"),
    path("<slug:slug>/my-actions/", views.my_actions_view, name="my_actions"),
]
