from django.urls import path

from . import views

app_name = "people"

# Who leads what: the people the update cycle emails, kept by the partnership's managers.
urlpatterns = [
    path("<slug:slug>/people/", views.people, name="people"),
    path("<slug:slug>/people/add-person/", views.add_person, name="add_person"),
    path("<slug:slug>/people/add-organisation/", views.add_organisation, name="add_organisation"),
    path("<slug:slug>/people/<int:pk>/", views.edit_person, name="edit_person"),
    path("<slug:slug>/people/<int:pk>/retire/", views.retire_person, name="retire_person"),
    path("<slug:slug>/organisations/<int:pk>/", views.edit_organisation, name="edit_organisation"),
    path(
        "<slug:slug>/organisations/<int:pk>/retire/",
        views.retire_organisation,
        name="retire_organisation",
    ),
    # Who may sign in, and in which role: kept by the partnership's administrators.
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/add/", views.add_member_view, name="add_member"),
    path("<slug:slug>/members/<int:pk>/", views.member_role, name="member_role"),
]
