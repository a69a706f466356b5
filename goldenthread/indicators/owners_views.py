"""The page a manager names the owners of the current plan's indicators on."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.people.models import Person
from goldenthread.plans.models import DeliveryPlan
from goldenthread.web.access import partnership_view

from .owners import OwnerConflict, owners_of, plan_indicators, set_owners
from .owners_forms import OwnersForm


@partnership_view(Role.MANAGER)
def indicator_owners(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    delivery_plan = DeliveryPlan.objects.current(partnership, request.user)
    indicators = list(plan_indicators(delivery_plan)) if delivery_plan else []
    people = list(Person.objects.filter(partnership=partnership).current())
    owners = owners_of(partnership, indicators)
    form = OwnersForm(request.POST or None, indicators=indicators, people=people, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            changed = set_owners(partnership, form.choices())
        except (OwnerConflict, ValueError) as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{counted(changed, 'owner')} changed.")
            return redirect("indicators:owners", partnership.slug)
    return render(
        request,
        "indicators/owners.html",
        {"nav": "scorecard", "form": form, "delivery_plan": delivery_plan, "owners": owners},
    )
