from django.urls import path

from . import value_views, views

app_name = "rounds"

urlpatterns = [
    path("<slug:slug>/rounds/", views.round_list, name="rounds"),
    path("<slug:slug>/rounds/open/", views.open_round, name="open_round"),
    path("<slug:slug>/rounds/<int:pk>/", views.round_detail, name="round"),
    path("<slug:slug>/rounds/<int:pk>/remind/", views.send_reminders, name="send_reminders"),
    path(
        "<slug:slug>/rounds/<int:pk>/emails/send-again/",
        views.send_email_again,
        name="send_email_again",
    ),
    path("<slug:slug>/rounds/<int:pk>/close/", views.close_round, name="close_round"),
    path("<slug:slug>/rounds/<int:pk>/my-actions/", views.my_actions_view, name="round_my_actions"),
    path("<slug:slug>/my-actions/", views.my_actions_view, name="my_actions"),
    path(
        "<slug:slug>/rounds/<int:pk>/my-indicators/",
        value_views.my_indicators_view,
        name="my_indicators",
    ),
    path("<slug:slug>/rounds/<int:pk>/values/", value_views.asked_values, name="asked_values"),
    path("<slug:slug>/rounds/<int:pk>/sign-off/", value_views.sign_off_all, name="sign_off_all"),
    path(
        "<slug:slug>/rounds/<int:pk>/values/<int:value_pk>/sign-off/",
        value_views.sign_off_one,
        name="sign_off",
    ),
    path(
        "<slug:slug>/rounds/<int:pk>/values/<int:value_pk>/send-back/",
        value_views.send_back_view,
        name="send_back",
    ),
]
