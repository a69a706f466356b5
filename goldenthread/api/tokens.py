"""A person's API tokens, on their account: listed, made (shown once) and revoked."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What will use it?",
        max_length=100,
        help_text="Such as “Power BI dashboard” or “council website”: so that you can tell "
        "your tokens apart, and revoke the right one.",
        error_messages={"required": "Enter what will use the token"},
    )


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = TokenForm()
    tokens = request.user.api_tokens.all()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "nav": "account",
        },
    )


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.live(), pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"{token} is revoked: programs using it can no longer sign in.")
    return redirect("tokens:list")
