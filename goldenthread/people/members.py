"""Who may sign in to a partnership, and in which role: kept by its administrators.

A new member without an account gets one with no password and an email to set it, so
nobody ever types another person's password.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction

from goldenthread.mail.reset import SendLater
from goldenthread.partnerships.models import Membership, Partnership, Role

from .models import Person


class LastAdministrator(Exception):
    """Removing or demoting this member would leave the partnership with no administrator."""


def add_member(partnership: Partnership, *, email: str, name: str, role: str, site_url: str):
    """Give the person with this email a role, making their account if they have none.

    Returns the membership and, for a new account, whether the email inviting them to
    set a password was queued (None for an existing account).
    """
    User = get_user_model()
    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).order_by("pk").first()
        created = user is None
        if created:
            first, _, last = name.strip().partition(" ")
            user = User(username=email, email=email, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
        membership, _ = Membership.objects.update_or_create(
            user=user, partnership=partnership, defaults={"role": role}
        )
        # The person who leads actions under this email is this account from now on.
        for person in Person.objects.filter(
            partnership=partnership, email__iexact=email, user=None
        ):
            person.user = user
            person.save(update_fields=["user"])
    return membership, (_invite(email, site_url) if created else None)


def change_role(membership: Membership, role: str) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR:
            _keep_an_administrator(membership)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def remove_member(membership: Membership) -> None:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.ADMINISTRATOR:
            _keep_an_administrator(membership)
        membership.delete()


def _keep_an_administrator(membership: Membership) -> None:
    others = Membership.objects.filter(
        partnership=membership.partnership_id, role=Role.ADMINISTRATOR
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise LastAdministrator(
            f"{membership.user.get_full_name() or membership.user} is the partnership's only "
            "administrator: make someone else an administrator first."
        )


class _InvitationForm(SendLater, PasswordResetForm):
    """Django's password-reset email, sent also to an account that has no password yet,
    through the outbox: the worker sends it after the commit, and tries again if the
    mail server fails."""

    def get_users(self, email):
        return get_user_model().objects.filter(email__iexact=email, is_active=True)


def _invite(email: str, site_url: str) -> bool:
    """Queue a link to set a password: the reset link, with an invitation's words.

    The membership stands if the mail server fails: the outbox tries again, and they
    can ask for a reset later.
    """
    form = _InvitationForm({"email": email})
    form.is_valid()
    form.save(
        domain_override=site_url.split("://", 1)[-1],
        use_https=site_url.startswith("https://"),
        subject_template_name="people/invitation_subject.txt",
        email_template_name="people/invitation_email.txt",
    )
    return True
