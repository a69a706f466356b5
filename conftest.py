import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # For speed: real hashers make every test that signs in take a quarter of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
