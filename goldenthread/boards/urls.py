from django.urls import path

from . import views

app_name = "boards"

BOARD = "<slug:slug>/boards/<slug:board_slug>"
MEETING = f"{BOARD}/meetings/<int:pk>"

urlpatterns = [
    path("<slug:slug>/boards/", views.board_list, name="boards"),
    path("<slug:slug>/forward-plan/", views.forward_plan_page, name="forward_plan"),
    path(f"{BOARD}/", views.board_detail, name="board"),
    path(f"{BOARD}/meetings/add/", views.add_meeting, name="add_meeting"),
    path(f"{MEETING}/", views.meeting_detail, name="meeting"),
    path(f"{MEETING}/items/add/", views.add_item, name="add_item"),
    path(f"{MEETING}/items/<int:item_pk>/present/", views.present, name="present"),
]
