"""Single sign-on through OpenID Connect (Microsoft Entra ID, or any provider).

Switched on by settings (OIDC_RP_CLIENT_ID and the rest: docs/access.md). The provider
says who someone is; what they may see is still decided here, by the roles an
administrator gives on the members page. So a person new to goldenthread gets an account
with no role at all, and nobody is ever made staff or superuser by signing in.
"""

import logging
import re
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

LOGGER = logging.getLogger(__name__)

FAILED = (
    "Single sign-on did not sign you in. Your organisation's account may not be allowed "
    "here: ask an administrator, or sign in with your username and password."
)

# Characters Django's username validator refuses; an email address rarely has any.
NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")
USERNAME_LENGTH = 150  # django.contrib.auth's User.username and first and last names


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Signs in the person whose email address the provider vouches for."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any):
        # Django asks every backend about every sign-in. Only the callback view passes a
        # nonce; without this a password sign-in posted to a URL with ?code=&state= would
        # send that code to the provider.
        if "nonce" not in credentials:
            return None
        try:
            return super().authenticate(request, **credentials)
        except requests.RequestException as error:
            # An expired code or a provider that is down: a refused sign-in, not a 500.
            LOGGER.warning("Single sign-on failed talking to the provider: %s", error)
            return None

    def verify_claims(self, claims: dict) -> bool:
        email = str(claims.get("email") or "")
        if "@" not in email:
            LOGGER.warning("Single sign-on refused: the provider gave no email address")
            return False
        # Missing is not verified: only the provider's word that the address is the
        # person's lets it stand for an account here.
        if claims.get(settings.OIDC_EMAIL_VERIFIED_CLAIM) is not True:
            LOGGER.warning("Single sign-on refused: %s is not verified", email)
            return False
        allowed = settings.OIDC_ALLOWED_DOMAINS
        if allowed and email_domain(email) not in allowed:
            LOGGER.warning("Single sign-on refused: %s is not in OIDC_ALLOWED_DOMAINS", email)
            return False
        if (
            self.UserModel.objects.filter(email__iexact=email)
            .filter(Q(is_staff=True) | Q(is_superuser=True))
            .exists()
        ):
            # Whoever controls an address at the provider must not become an administrator
            # of the whole site by it: such accounts sign in with their password.
            LOGGER.warning("Single sign-on refused: %s is a staff account", email)
            return False
        return True

    # filter_users_by_claims, inherited, matches email__iexact; several accounts with the
    # same address refuse the sign-in rather than pick one.

    def create_user(self, claims: dict):
        """A new account with no password, no role, and never staff or superuser."""
        return self.UserModel.objects.create_user(
            self.get_username(claims),
            email=claims["email"],
            first_name=str(claims.get("given_name") or "")[:USERNAME_LENGTH],
            last_name=str(claims.get("family_name") or "")[:USERNAME_LENGTH],
        )

    def get_username(self, claims: dict) -> str:
        """The email address, as people will recognise it on the members page."""
        base = NOT_IN_USERNAME.sub("", str(claims["email"]).lower())[:USERNAME_LENGTH] or "user"
        username, number = base, 1
        while self.UserModel.objects.filter(username__iexact=username).exists():
            number += 1
            suffix = f"-{number}"
            username = base[: USERNAME_LENGTH - len(suffix)] + suffix
        return username

    def get_user(self, user_id: int):
        # The library's get_user keeps a deactivated person signed in; Django's does not.
        return ModelBackend.get_user(self, user_id)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's callback; a refused sign-in goes back to the sign-in page, saying so."""

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, FAILED)
        return redirect("login")
