"""Test-wide settings: safe values whatever the environment says."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-secret-key")

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # For speed: real hashers make every test that signs in take a quarter of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
