import pytest
from django.test import override_settings


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # For speed: real hashers make every test that signs in take a quarter of a second.
    # For the whole session, so that the worlds built once per module (goldenthread/
    # conftest.py) hash their passwords as the tests that sign in check them.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _throttle_counts_and_caches_start_empty():
    # Each test signs in and calls the API from 127.0.0.1 as if it were the only visitor.
    from django.core.cache import caches

    caches["throttle"].clear()
    # And every page is read afresh: a rolled-back test's versions come round again.
    caches["default"].clear()
