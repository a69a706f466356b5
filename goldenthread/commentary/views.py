"""Writing an indicator's commentary and a year's summaries on the web, and their
history. Thin: who may write is ``permissions.py``, saving is ``services.py``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from goldenthread.audit.versions import EditConflict
from goldenthread.indicators.models import Indicator
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.plans.models import Aim, DeliveryPlan, Objective
from goldenthread.plans.pages import delivery_plan_or_404
from goldenthread.web.access import partnership_view

from .forms import CommentaryForm, PeriodChoiceForm, SummaryForm
from .models import IndicatorCommentary, YearSummary, subject_name
from .permissions import may_write_commentary, may_write_summary
from .reading import history, periods_with_values
from .services import NOTHING_YET, write_commentary, write_summary

# What saving may be refused with, its message shown in the error summary.
Refusal = (EditConflict, ValidationError)


@partnership_view(Role.CONTRIBUTOR)
def commentary_page(request: HttpRequest, partnership: Partnership, code: str) -> HttpResponse:
    """Write the indicator's commentary for a period: the latest with a value, or the
    one chosen (``?period=``)."""
    indicator = get_object_or_404(Indicator, code=code)
    if why_not := may_write_commentary(request.user, partnership, indicator):
        raise PermissionDenied(why_not)
    periods = periods_with_values(partnership, indicator)
    if not periods:
        return render(
            request, "commentary/no_periods.html", {"nav": "scorecard", "indicator": indicator}
        )
    choice = PeriodChoiceForm(request.GET or None, periods=periods)
    if choice.is_bound and not choice.is_valid():
        raise Http404("The indicator has no value for that period")
    period = choice.cleaned_data["period"] if choice.is_bound else periods[0]
    existing = IndicatorCommentary.objects.filter(
        partnership=partnership, indicator=indicator, period=period
    ).first()
    initial = {"version": existing.version if existing else NOTHING_YET}
    if existing:
        initial |= {part: getattr(existing, part) for part in IndicatorCommentary.PARTS}
    form = CommentaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            write_commentary(
                partnership=partnership,
                indicator=indicator,
                period=period,
                parts=form.parts(),
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except Refusal as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"The commentary for {period} is saved.")
            return redirect(indicator.url_for(partnership) + "#commentary")
    choice = PeriodChoiceForm(initial={"period": period}, periods=periods)
    return render(
        request,
        "commentary/commentary_form.html",
        {
            "nav": "scorecard",
            "indicator": indicator,
            "period": period,
            "choice": choice,
            "form": form,
            "existing": existing,
            "several_periods": len(periods) > 1,
        },
    )


@partnership_view(Role.VIEWER)
def commentary_history(
    request: HttpRequest, partnership: Partnership, code: str, period: int
) -> HttpResponse:
    """Every version of the commentary, from the audit trail: for the partnership's
    members, as words since taken out may not have been meant for everyone."""
    commentary = get_object_or_404(
        IndicatorCommentary.objects.shown(),
        partnership=partnership,
        indicator__code=code,
        period=period,
    )
    return render(
        request,
        "commentary/history.html",
        {
            "nav": "scorecard",
            "heading": f"Commentary on {commentary.indicator.title}, {commentary.period}",
            "revisions": history(commentary),
            "back": (
                commentary.indicator.url_for(partnership) + "#commentary",
                f"Back to {commentary.indicator.title}",
            ),
        },
    )


def _subject(delivery_plan: DeliveryPlan, kind: str, pk: int) -> Aim | Objective:
    if kind == "aim":
        return get_object_or_404(Aim, pk=pk, plan=delivery_plan.plan_id)
    return get_object_or_404(
        Objective.objects.select_related("aim"), pk=pk, aim__plan=delivery_plan.plan_id
    )


def _tree_url(partnership: Partnership, delivery_plan: DeliveryPlan, subject) -> str:
    url = reverse("plans:tree", args=[partnership.slug, delivery_plan.year.slug])
    return f"{url}#summary-{slugify(subject_name(subject))}"


@partnership_view(Role.CONTRIBUTOR)
def summary_page(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, kind: str, pk: int
) -> HttpResponse:
    """Write the year's summary of an aim or an objective."""
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    subject = _subject(delivery_plan, kind, pk)
    if why_not := may_write_summary(request.user, delivery_plan, subject):
        raise PermissionDenied(why_not)
    existing = YearSummary.objects.filter(delivery_plan=delivery_plan, **{kind: subject}).first()
    initial = {"version": existing.version, "text": existing.text} if existing else {}
    form = SummaryForm(request.POST or None, initial={"version": NOTHING_YET} | initial)
    if request.method == "POST" and form.is_valid():
        try:
            write_summary(
                delivery_plan=delivery_plan,
                subject=subject,
                text=form.cleaned_data["text"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except Refusal as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"The summary of {subject_name(subject)} is saved.")
            return redirect(_tree_url(partnership, delivery_plan, subject))
    return render(
        request,
        "commentary/summary_form.html",
        {
            "nav": "tree",
            "delivery_plan": delivery_plan,
            "subject": subject,
            "kind": kind,
            "subject_name": subject_name(subject),
            "form": form,
            "existing": existing,
            "back_url": _tree_url(partnership, delivery_plan, subject),
        },
    )


@partnership_view(Role.VIEWER)
def summary_history(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, kind: str, pk: int
) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    subject = _subject(delivery_plan, kind, pk)
    summary = YearSummary.objects.filter(delivery_plan=delivery_plan, **{kind: subject}).first()
    if summary is None:
        raise Http404("No summary written yet")
    name = subject_name(subject)
    return render(
        request,
        "commentary/history.html",
        {
            "nav": "tree",
            "heading": f"Summary of {name}, {delivery_plan.year}",
            "revisions": history(summary),
            "back": (_tree_url(partnership, delivery_plan, subject), "Back to the delivery plan"),
        },
    )
