"""A person's API tokens, on their account: listed, created and revoked."""

from django.urls import path

from . import tokens

app_name = "tokens"

urlpatterns = [
    path("", tokens.token_list, name="list"),
    path("<int:pk>/revoke/", tokens.revoke, name="revoke"),
]
