"""The visitor's address behind a proxy, and limits on how fast one address may try.

Lockout is per username and address (django-axes), so behind a reverse proxy the address
must be the visitor's, not the proxy's: otherwise five strangers lock anyone out."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from goldenthread.accounts.throttling import Rate, parse_rates, wait_before
from goldenthread.audit.context import client_address
from goldenthread.partnerships.tests.factories import UserFactory

SIGN_IN = reverse("login")
PROXY = "127.0.0.1"  # nginx on the same machine, as docs/security.md sets it up
RIGHT = "correct horse battery"


@pytest.fixture
def mandy(db):
    return UserFactory(username="mandy", email="mandy@thurrock.example")


def sign_in(client, password: str, forwarded: str | None = None, username: str = "mandy"):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


def test_behind_a_proxy_strangers_cannot_lock_someone_out(client, mandy, settings):
    settings.BEHIND_PROXY = True
    for n in range(settings.AXES_FAILURE_LIMIT):
        assert sign_in(client, "guess", f"203.0.113.{n + 1}").status_code == 200

    response = sign_in(client, RIGHT, "198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(mandy.pk)


def test_behind_a_proxy_one_address_guessing_is_locked_out(client, mandy, settings):
    settings.BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "guess", "203.0.113.7")

    assert sign_in(client, RIGHT, "203.0.113.7").status_code == 429
    assert "_auth_user_id" not in client.session
    # The same person from elsewhere is not.
    assert sign_in(client, RIGHT, "198.51.100.20").status_code == 302


def test_a_forwarded_chain_is_read_from_the_proxys_end(client, mandy, settings):
    """nginx's $proxy_add_x_forwarded_for appends the address it saw to what was sent."""
    settings.BEHIND_PROXY = True
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "guess", f"10.9.9.{n}, 203.0.113.7")  # a new forgery each time
    assert sign_in(client, RIGHT, "192.0.2.1, 203.0.113.7").status_code == 429


def test_without_the_proxy_setting_a_forged_forwarded_address_is_ignored(client, mandy, settings):
    settings.BEHIND_PROXY = False
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "guess", f"203.0.113.{n + 1}")
    assert sign_in(client, RIGHT, "198.51.100.20").status_code == 429


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded", "address"),
    [
        (True, "203.0.113.7", "203.0.113.7"),
        (True, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (True, "2001:db8::7", "2001:db8::7"),
        (True, None, PROXY),
        (False, "203.0.113.7", PROXY),
    ],
)
def test_the_audit_trail_records_the_address_axes_counts(
    behind_proxy, forwarded, address, settings
):
    settings.BEHIND_PROXY = behind_proxy
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra)
    assert client_address(request) == address


# --- Throttling by address ---


def test_many_usernames_from_one_address_are_slowed_down(client, db, settings):
    settings.BEHIND_PROXY = True
    limit = parse_rates(settings.THROTTLE_RATES["sign-in"])[0].requests
    for n in range(limit):
        assert sign_in(client, "guess", "203.0.113.7", username=f"person{n}").status_code == 200

    response = sign_in(client, "guess", "203.0.113.7", username="another")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert '<div class="govuk-error-summary"' in page and 'role="alert"' in page
    assert "Too many attempts to sign in from your network" in page
    assert "<title>Error: Too many attempts from your network" in page
    # Someone else, elsewhere, is not held up; nor is reading the sign-in page.
    assert sign_in(client, "guess", "198.51.100.20", username="another").status_code == 200
    assert (
        client.get(SIGN_IN, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code
        == 200
    )


def test_password_reset_requests_are_throttled_by_address(client, db, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "password-reset": "2/hour"}
    url = reverse("password_reset")
    for _ in range(2):
        assert client.post(url, {"email": "someone@example.org"}).status_code == 302
    response = client.post(url, {"email": "someone@example.org"})
    assert response.status_code == 429
    assert 3000 < int(response["Retry-After"]) <= 3600
    assert "Too many attempts to reset a password from your network" in response.content.decode()


def test_a_wait_is_until_the_oldest_counted_attempt_leaves_the_window(settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "sign-in": "2/minute,3/hour"}
    assert wait_before("sign-in", "a", now=1000) is None
    assert wait_before("sign-in", "a", now=1010) is None
    assert wait_before("sign-in", "a", now=1020) == 40  # refused, and not counted
    assert wait_before("sign-in", "a", now=1060.5) is None  # the first has left the minute
    assert wait_before("sign-in", "a", now=1071) == 1000 + 3600 - 1071  # the hour is full
    assert wait_before("sign-in", "b", now=1071) is None


def test_rates_are_read_from_the_environment_or_refused_clearly():
    assert parse_rates("10/minute, 60/hours") == (Rate(10, 60), Rate(60, 3600))
    for bad in ("10", "ten/minute", "0/minute", "10/fortnight", ""):
        with pytest.raises(ImproperlyConfigured, match="is not a rate"):
            parse_rates(bad)
