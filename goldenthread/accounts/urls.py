from django.conf import settings
from django.contrib.auth import views as auth
from django.urls import include, path, reverse_lazy

from . import forms, views
from .throttling import throttled_by_address

RULES = (
    "At least 12 characters, not all numbers, not a common password and not like your "
    "name or email address. Three or four random words make a good one."
)


def form_page(view, form_class, title: str, button: str, success: str, **extra):
    return view.as_view(
        form_class=form_class,
        template_name="registration/form_page.html",
        success_url=reverse_lazy(success),
        extra_context={"title": title, "button": button, "rules": RULES, **extra},
    )


def message_page(view, title: str, message: str):
    return view.as_view(
        template_name="registration/message_page.html",
        extra_context={"title": title, "message": message},
    )


urlpatterns = [
    path("", views.account, name="account"),
    path(
        "sign-in/",
        throttled_by_address("sign-in", "sign in")(
            auth.LoginView.as_view(
                extra_context={
                    "single_sign_on": settings.SINGLE_SIGN_ON,
                    "single_sign_on_label": settings.SIGN_IN_SSO_LABEL,
                }
            )
        ),
        name="login",
    ),
    path("sign-out/", auth.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        form_page(
            auth.PasswordChangeView,
            forms.ChangePasswordForm,
            "Change your password",
            "Change password",
            "password_change_done",
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        message_page(
            auth.PasswordChangeDoneView,
            "Your password has been changed",
            "Use your new password the next time you sign in.",
        ),
        name="password_change_done",
    ),
    path(
        "password-reset/",
        throttled_by_address("password-reset", "reset a password")(
            auth.PasswordResetView.as_view(
                form_class=forms.ResetForm,
                template_name="registration/form_page.html",
                email_template_name="registration/reset_email.txt",
                subject_template_name="registration/reset_subject.txt",
                success_url=reverse_lazy("password_reset_done"),
                extra_context={
                    "title": "Reset your password",
                    "button": "Send me a link",
                    "intro": "Enter the email address of your account: we will email "
                    "you a link to choose a new password.",
                },
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        message_page(
            auth.PasswordResetDoneView,
            "Check your email",
            "If an account has that email address, we have sent it a link to choose a new "
            "password. The link works once, for three days.",
        ),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        form_page(
            auth.PasswordResetConfirmView,
            forms.NewPasswordForm,
            "Choose a new password",
            "Save password",
            "password_reset_complete",
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        message_page(
            auth.PasswordResetCompleteView,
            "Your password has been saved",
            "You can now sign in with it.",
        ),
        name="password_reset_complete",
    ),
]

# Single sign-on's URLs (oidc/authenticate/, oidc/callback/, oidc/logout/) exist only when
# it is configured; otherwise they are 404s and its views never run half configured.
# Settings come from the environment once, at start-up, so deciding here, as the sign-in
# page's button above does, is enough, and the two cannot disagree. Tests that switch
# single sign-on on reload this module and the root urlconf (test_single_sign_on.py).
if settings.SINGLE_SIGN_ON:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
