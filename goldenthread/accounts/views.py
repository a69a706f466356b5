from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Who you are here: your roles in each partnership, your password, your API tokens."""
    memberships = request.user.memberships.select_related("partnership").order_by(
        "partnership__name"
    )
    return render(
        request, "registration/account.html", {"memberships": memberships, "nav": "account"}
    )
