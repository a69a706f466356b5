"""`goldenthread check --deploy`: settings that are fine on a laptop but not on a server.

Django's own deploy checks cover HTTPS, cookies and HSTS; these add what is ours.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .throttling import parse_rates

OIDC_ENDPOINTS = (
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@checks.register(checks.Tags.security, deploy=True)
def single_sign_on_over_https(**kwargs: object) -> list[checks.CheckMessage]:
    """The provider's endpoints carry codes, tokens and keys: never over plain HTTP."""
    if not settings.SINGLE_SIGN_ON:
        return []
    return [
        checks.Error(
            f"{name} is {getattr(settings, name)!r}, not an https:// address.",
            hint="Single sign-on must reach its provider over HTTPS: codes, tokens and "
            "signing keys pass through it.",
            id="goldenthread.E101",
        )
        for name in OIDC_ENDPOINTS
        if getattr(settings, name, None) and not str(getattr(settings, name)).startswith("https://")
    ]


@checks.register(checks.Tags.security, deploy=True)
def named_hosts(**kwargs: object) -> list[checks.CheckMessage]:
    """A wildcard host lets anyone's Host header through, into password-reset links."""
    if "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        checks.Error(
            "ALLOWED_HOSTS includes '*'.",
            hint="Set ALLOWED_HOSTS to the host names the app is served at, such as "
            "plans.example.gov.uk.",
            id="goldenthread.E102",
        )
    ]


@checks.register(checks.Tags.security)
def throttle_rates(**kwargs: object) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for scope, text in settings.THROTTLE_RATES.items():
        try:
            parse_rates(text)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(f"The {scope} rate: {error}", id="goldenthread.E103"))
    return errors
