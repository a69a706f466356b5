"""The scorecard and indicator pages. Thin: the evaluation lives in its own modules."""

from __future__ import annotations

from collections import Counter

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from goldenthread.plans.access import partnership_view
from goldenthread.plans.models import Aim, Partnership
from goldenthread.plans.views import page_context

from .breakdowns import breakdown_gaps
from .charts import gap_chart, trend_chart
from .forms import ScorecardFilterForm
from .models import Indicator
from .scorecard import history, scorecard


@partnership_view()
def scorecard_page(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    aims = Aim.objects.filter(plan__partnership=partnership).order_by("number")
    form = ScorecardFilterForm(request.GET or None, aims=aims)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = scorecard(partnership, aim=filters.get("aim"), rag=filters.get("rag", ""))
    counts = Counter(row.evaluation.rag or "none" for row in rows)
    return render(request, "indicators/scorecard.html", page_context(
        request, partnership, partnership.latest_delivery_plan(request.user), "scorecard",
        form=form, rows=rows, counts=counts, filtered=bool(filters and any(filters.values())),
    ))  # fmt: skip


@partnership_view()
def indicator_page(request: HttpRequest, partnership: Partnership, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    evaluations = history(partnership, indicator)
    gaps = breakdown_gaps(indicator, partnership.area)
    return render(request, "indicators/indicator.html", page_context(
        request, partnership, partnership.latest_delivery_plan(request.user), "scorecard",
        indicator=indicator,
        history=evaluations,
        latest=evaluations[-1] if evaluations else None,
        chart=trend_chart(indicator, partnership.area.name, evaluations),
        gaps=[(gap, gap_chart(indicator, gap)) for gap in gaps],
        targets=indicator.targets.filter(partnership=partnership).select_related("baseline"),
        objectives=indicator.objectives.filter(aim__plan__partnership=partnership).select_related("aim"),
        actions=indicator.actions.filter(delivery_plan__plan__partnership=partnership).select_related("delivery_plan"),
    ))  # fmt: skip
