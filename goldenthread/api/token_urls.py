"""A person's API tokens, on their account: listed, created and revoked."""

app_name = "tokens"

urlpatterns: list = []
