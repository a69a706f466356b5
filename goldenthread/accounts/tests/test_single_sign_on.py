"""Single sign-on through OpenID Connect: off unless configured; when on, the provider
says who someone is and goldenthread still decides what they may see.

The provider is never called: its token, token check and user details are patched."""

import importlib
import json
import os
import subprocess
import sys
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.urls import clear_url_caches, reverse

from goldenthread.accounts.single_sign_on import SingleSignOnBackend
from goldenthread.accounts.sso_settings import check_single_sign_on, email_domains
from goldenthread.partnerships.tests.factories import UserFactory

BACKEND = "goldenthread.accounts.single_sign_on.SingleSignOnBackend"
ENDPOINTS = {
    "OIDC_RP_CLIENT_SECRET": "client-secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example.com/tenant/oauth2/v2.0/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.com/tenant/oauth2/v2.0/token",
    "OIDC_OP_USER_ENDPOINT": "https://graph.example.com/oidc/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.com/tenant/discovery/v2.0/keys",
}
LABEL = "Sign in with your Thurrock account"
User = get_user_model()


def reload_urls() -> None:
    """Build the URLs again from the current settings, as a restart would."""
    importlib.reload(importlib.import_module("goldenthread.accounts.urls"))
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


@pytest.fixture
def single_sign_on():
    configured = override_settings(
        SINGLE_SIGN_ON=True,
        OIDC_RP_CLIENT_ID="goldenthread",
        SIGN_IN_SSO_LABEL=LABEL,
        AUTHENTICATION_BACKENDS=[*settings.AUTHENTICATION_BACKENDS, BACKEND],
        **ENDPOINTS,
    )
    with configured:
        reload_urls()
        yield
    reload_urls()  # with the settings restored: single sign-on off again


def sign_in_through_provider(client, claims: dict, next_url: str = "/"):
    """Follow the whole journey: our sign-in link, the provider, its callback."""
    start = client.get(reverse("oidc_authentication_init"), {"next": next_url})
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    tokens = {"id_token": "id-token", "access_token": "access-token"}
    with (
        mock.patch.object(SingleSignOnBackend, "get_token", return_value=tokens),
        mock.patch.object(SingleSignOnBackend, "verify_token", return_value={"sub": "x"}),
        mock.patch.object(SingleSignOnBackend, "get_userinfo", return_value=claims),
    ):
        return client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": state})


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


# --- Off unless configured ---


def test_without_configuration_there_is_no_button_and_no_url(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "govuk-button--secondary" not in page
    assert settings.SIGN_IN_SSO_LABEL not in page
    assert client.get("/accounts/oidc/authenticate/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=c&state=s").status_code == 404


def test_the_backend_is_not_used_without_configuration():
    assert settings.SINGLE_SIGN_ON is False
    assert BACKEND not in settings.AUTHENTICATION_BACKENDS


# --- On ---


def test_the_sign_in_page_offers_single_sign_on_keeping_next(client, db, single_sign_on):
    page = client.get(reverse("login"), {"next": "/thurrock/?tab=a&b=c"}).content.decode()
    assert LABEL in page
    assert (
        'href="/accounts/oidc/authenticate/?next=/thurrock/%3Ftab%3Da%26b%3Dc" role="button"'
        in page
    )
    assert "govuk-button govuk-button--secondary" in page
    assert "<script>" not in page  # the policy forbids inline scripts


def test_the_link_sends_people_to_the_provider(client, db, single_sign_on):
    response = client.get(reverse("oidc_authentication_init"), {"next": "/thurrock/"})
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert response.status_code == 302
    assert f"{url.scheme}://{url.netloc}{url.path}" == ENDPOINTS["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    assert query["client_id"] == ["goldenthread"]
    assert query["scope"] == ["openid email profile"]
    assert query["redirect_uri"] == ["http://testserver/accounts/oidc/callback/"]
    assert query["code_challenge_method"] == ["S256"]


def test_a_new_person_gets_an_account_without_any_role(client, single_sign_on, private_partnership):
    claims = {
        "email": "Sam.Jones@Thurrock.gov.uk",
        "email_verified": True,
        "given_name": "Sam",
        "family_name": "Jones",
    }
    response = sign_in_through_provider(client, claims, next_url="/thurrock/")

    assert response.status_code == 302 and response["Location"] == "/thurrock/"
    user = signed_in_user(client)
    assert (user.username, user.first_name, user.last_name) == (
        "sam.jones@thurrock.gov.uk",
        "Sam",
        "Jones",
    )
    assert user.email.lower() == "sam.jones@thurrock.gov.uk"
    assert not user.memberships.exists()
    assert not (user.is_staff or user.is_superuser or user.has_usable_password())
    # Signed in, but a partnership shared with partners only is still closed to them.
    overview = client.get(reverse("plans:overview", args=[private_partnership.slug]))
    assert overview.status_code == 403


def test_an_existing_account_is_found_by_email_in_any_case(client, single_sign_on, manager):
    manager.email = "Mandy.Smith@thurrock.gov.uk"
    manager.save()
    users = User.objects.count()

    sign_in_through_provider(
        client, {"email": "mandy.smith@THURROCK.GOV.UK", "email_verified": True}
    )

    assert signed_in_user(client) == manager
    assert User.objects.count() == users
    assert manager.memberships.get().role == "manager"  # roles untouched


def test_a_new_username_never_takes_anothers(client, db, single_sign_on):
    UserFactory(username="sam@example.org", email="someone.else@example.org")
    sign_in_through_provider(client, {"email": "sam@example.org", "email_verified": True})
    assert signed_in_user(client).username == "sam@example.org-2"


@override_settings(OIDC_ALLOWED_DOMAINS=["thurrock.gov.uk"])
def test_an_address_outside_the_allowed_domains_is_refused(client, db, single_sign_on):
    response = sign_in_through_provider(
        client, {"email": "sam@gmail.com", "email_verified": True}, next_url="/x/"
    )

    assert response["Location"] == reverse("login")
    assert signed_in_user(client) is None
    assert not User.objects.filter(email__iexact="sam@gmail.com").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Single sign-on did not sign you in" in page


@override_settings(OIDC_ALLOWED_DOMAINS=["thurrock.gov.uk"])
def test_an_address_in_the_allowed_domains_is_accepted(client, db, single_sign_on):
    sign_in_through_provider(client, {"email": "sam@THURROCK.gov.uk", "email_verified": True})
    assert signed_in_user(client).email.lower() == "sam@thurrock.gov.uk"


def test_no_email_or_an_unverified_one_is_refused(client, db, single_sign_on):
    sign_in_through_provider(client, {"sub": "123", "email_verified": True})
    sign_in_through_provider(client, {"email": "sam@example.org", "email_verified": False})
    # Not saying it is verified is not saying it is.
    sign_in_through_provider(client, {"email": "sam@example.org"})
    sign_in_through_provider(client, {"email": "sam@example.org", "email_verified": "false"})
    assert signed_in_user(client) is None
    assert not User.objects.exists()


@override_settings(OIDC_EMAIL_VERIFIED_CLAIM="xms_edov")
def test_a_provider_may_vouch_for_the_address_by_another_claim(client, db, single_sign_on):
    sign_in_through_provider(client, {"email": "sam@example.org", "email_verified": True})
    assert signed_in_user(client) is None
    sign_in_through_provider(client, {"email": "sam@example.org", "xms_edov": True})
    assert signed_in_user(client).email == "sam@example.org"


@pytest.mark.parametrize("power", ["is_superuser", "is_staff"])
def test_single_sign_on_never_reaches_a_staff_account_by_its_address(
    client, db, single_sign_on, power
):
    admin = UserFactory(username="root", email="Admin@Thurrock.gov.uk", **{power: True})
    users = User.objects.count()

    response = sign_in_through_provider(
        client, {"email": "admin@thurrock.gov.uk", "email_verified": True}
    )

    assert response["Location"] == reverse("login")
    assert signed_in_user(client) is None
    assert User.objects.count() == users  # nor a second account with the same address
    # Their password still works.
    client.post(reverse("login"), {"username": "root", "password": "correct horse battery"})
    assert signed_in_user(client) == admin


def test_a_deactivated_person_cannot_sign_in_or_stay_signed_in(client, single_sign_on, viewer):
    sign_in_through_provider(client, {"email": viewer.email, "email_verified": True})
    assert signed_in_user(client) == viewer

    viewer.is_active = False
    viewer.save()
    assert client.get(reverse("account")).status_code == 302  # sent to sign in

    client.logout()
    sign_in_through_provider(client, {"email": viewer.email, "email_verified": True})
    assert signed_in_user(client) is None


def test_a_provider_that_fails_refuses_the_sign_in_without_an_error(client, db, single_sign_on):
    start = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    failing = mock.Mock(status_code=400, url="https://login.example.com/token", text="bad code")
    with mock.patch("mozilla_django_oidc.auth.requests.post", return_value=failing):
        response = client.get(
            reverse("oidc_authentication_callback"), {"code": "c", "state": state}
        )
    assert response["Location"] == reverse("login")
    assert signed_in_user(client) is None


def test_a_password_sign_in_never_reaches_the_provider(db, single_sign_on, manager):
    request = RequestFactory().post("/accounts/sign-in/?code=c&state=s")
    with (
        mock.patch.object(SingleSignOnBackend, "get_token") as get_token,
        mock.patch.object(SingleSignOnBackend, "verify_token"),
    ):
        backend = SingleSignOnBackend()
        assert backend.authenticate(request, username="mandy", password="x") is None
    get_token.assert_not_called()


def test_passwords_still_work_with_single_sign_on_on(client, single_sign_on, manager):
    client.post(reverse("login"), {"username": "mandy", "password": "correct horse battery"})
    assert signed_in_user(client) == manager


# --- Settings ---


def test_half_a_configuration_is_refused_naming_what_is_missing():
    with pytest.raises(ImproperlyConfigured) as refused:
        check_single_sign_on({"OIDC_RP_CLIENT_ID": "x", "OIDC_OP_TOKEN_ENDPOINT": "https://t"})
    message = str(refused.value)
    for name in ENDPOINTS.keys() - {"OIDC_OP_TOKEN_ENDPOINT"}:
        assert name in message
    assert "OIDC_OP_TOKEN_ENDPOINT" not in message


def test_a_whole_configuration_passes_and_hs256_needs_no_keys():
    check_single_sign_on(ENDPOINTS)
    without_keys = {k: v for k, v in ENDPOINTS.items() if k != "OIDC_OP_JWKS_ENDPOINT"}
    check_single_sign_on(without_keys, "HS256")
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_JWKS_ENDPOINT is not set"):
        check_single_sign_on(without_keys, "RS256")


def test_allowed_domains_are_read_in_any_case():
    assert email_domains(" Thurrock.gov.uk, @nhs.net ,,") == ["thurrock.gov.uk", "nhs.net"]


PRINT = (
    "import json; from django.conf import settings as s; print(json.dumps("
    "{'on': s.SINGLE_SIGN_ON, 'backends': s.AUTHENTICATION_BACKENDS}))"
)


def settings_with(**env: str) -> subprocess.CompletedProcess:
    """The settings module in a fresh interpreter, as a server would start it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    environment |= {"DJANGO_SETTINGS_MODULE": "goldenthread.settings", "DEBUG": "1", **env}
    return subprocess.run(
        [sys.executable, "-c", PRINT], env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.subprocess
def test_settings_refuse_to_start_half_configured():
    result = settings_with(OIDC_RP_CLIENT_ID="goldenthread", OIDC_OP_TOKEN_ENDPOINT="https://t")
    assert result.returncode != 0
    assert "OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT" in result.stderr


@pytest.mark.subprocess
def test_settings_switch_it_on_after_django_axes():
    result = settings_with(OIDC_RP_CLIENT_ID="goldenthread", **ENDPOINTS)
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    assert read["on"] is True
    assert read["backends"][0] == "axes.backends.AxesStandaloneBackend"
    assert read["backends"][-1] == BACKEND
