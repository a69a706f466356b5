"""`goldenthread check --deploy` refuses what is fine on a laptop but not on a server."""

import pytest
from django.core import checks
from django.test import override_settings

SSO = {
    "SINGLE_SIGN_ON": True,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example.com/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.com/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example.com/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.com/keys",
}


def ours(deploy: bool = True) -> list[checks.CheckMessage]:
    found = checks.run_checks(include_deployment_checks=deploy, tags=[checks.Tags.security])
    return [message for message in found if message.id.startswith("goldenthread.")]


def test_https_endpoints_and_named_hosts_pass():
    with override_settings(**SSO, ALLOWED_HOSTS=["plans.example.gov.uk"]):
        assert ours() == []


@pytest.mark.parametrize("endpoint", ["OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"])
def test_a_plain_http_provider_endpoint_fails_the_deploy_check(endpoint):
    with override_settings(**{**SSO, endpoint: "http://login.example.com/x"}):
        [error] = ours()
    assert error.id == "goldenthread.E101" and endpoint in error.msg
    assert error.level == checks.ERROR


def test_a_wildcard_host_fails_the_deploy_check():
    with override_settings(ALLOWED_HOSTS=["plans.example.gov.uk", "*"]):
        [error] = ours()
        assert error.id == "goldenthread.E102"
        assert ours(deploy=False) == []  # a laptop may


def test_a_malformed_rate_is_refused_at_start():
    with override_settings(THROTTLE_RATES={"sign-in": "lots"}):
        [error] = ours(deploy=False)
    assert error.id == "goldenthread.E103" and "sign-in" in error.msg
