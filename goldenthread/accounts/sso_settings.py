"""Checks on the single sign-on settings, run by goldenthread/settings.py.

Deliberately free of models and of anything that needs Django set up: the settings
module imports it before any app is loaded.
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

# What mozilla-django-oidc needs besides the client id. It does not read the provider's
# discovery document, so every endpoint is named.
REQUIRED = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)
# Only needed when the provider signs its tokens with a key pair (RS256 and the like);
# with HS256 the client secret is the key.
KEYS = "OIDC_OP_JWKS_ENDPOINT"


def missing_settings(environ: Mapping[str, str], algorithm: str = "RS256") -> list[str]:
    """The variables single sign-on needs that are not set, in the order documented."""
    needed = [*REQUIRED, *([] if algorithm.upper().startswith("HS") else [KEYS])]
    return [name for name in needed if not environ.get(name, "").strip()]


def check_single_sign_on(environ: Mapping[str, str], algorithm: str = "RS256") -> None:
    """Refuse to start with single sign-on half configured, rather than fail at sign-in."""
    missing = missing_settings(environ, algorithm)
    if missing:
        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set, so single sign-on is on, but "
            + ", ".join(missing)
            + (" is" if len(missing) == 1 else " are")
            + " not set. Set them in the environment (see docs/access.md), "
            "or unset OIDC_RP_CLIENT_ID to turn single sign-on off."
        )


def email_domains(value: str) -> list[str]:
    """OIDC_ALLOWED_DOMAINS as a list: comma-separated, any case, an optional leading @."""
    return [part.strip().lstrip("@").lower() for part in value.split(",") if part.strip()]
