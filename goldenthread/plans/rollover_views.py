"""The new year on the web: a manager sees what the rollover would do, places what has
no objective to go under, and rolls the year over into a draft (``rollover.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from goldenthread.audit.context import Source
from goldenthread.lib.periods import FinancialYear
from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from . import rollover
from .authoring_forms import PlacementForm
from .pages import delivery_plan_or_404


@partnership_view(role=Role.MANAGER)
def roll_over(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    """``year`` is the year that ends; it rolls into the year after."""
    source = delivery_plan_or_404(partnership, year, request.user)
    to_year = year.next()
    context = {"delivery_plan": source, "to_year": to_year, "nav": "tree"}
    try:
        preview = rollover.roll_over(source.plan, year, to_year, dry_run=True)
    except rollover.RolloverError as error:
        context |= {"refusal": str(error), "no_next_plan": isinstance(error, rollover.NoNextPlan)}
        return render(request, "plans/authoring/rollover.html", context)
    # Bound on any POST: with nothing to place, the form has no fields and an empty POST.
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        entries=preview.with_fate(rollover.Fate.PLACE),
        plan=preview.plan,
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = rollover.roll_over(
                source.plan,
                year,
                to_year,
                by=request.user,
                via=Source.WEB,
                placements=form.placements,
            )
        except rollover.RolloverError as error:
            form.add_error(None, str(error))
        else:
            waiting = done.with_fate(rollover.Fate.PLACE)
            messages.success(
                request,
                f"{counted(len(done.moving), 'action')} moved to the {to_year} draft"
                + (f"; {counted(len(waiting), 'action')} still to place." if waiting else "."),
            )
            if waiting:
                return redirect("plans:rollover", partnership.slug, year)
            return redirect("plans:draft", partnership.slug, to_year)
    headings = {"from_year": year, "to_year": to_year}
    groups = [
        (rollover.HEADINGS[fate].format(**headings), preview.with_fate(fate))
        for fate in rollover.Fate
        if fate != rollover.Fate.PLACE and preview.with_fate(fate)
    ]
    context |= {"preview": preview, "groups": groups, "form": form}
    return render(request, "plans/authoring/rollover.html", context)
