"""The scorecard and indicator pages, and uploading values. Thin: the evaluation lives
in its own modules, and keeping an upload between its preview and import in uploads.py."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from goldenthread.areas.models import NeighbourSet
from goldenthread.caching.fragments import remembered, render_parts
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.plans.models import Aim, DeliveryPlan
from goldenthread.web.access import partnership_view

from .breakdowns import breakdown_gaps
from .charts import (
    QUINTILE_MAP,
    SIGNIFICANCE_MAP,
    area_map,
    compare_areas,
    compare_chart,
    gap_chart,
    map_mode,
    trend_chart,
    with_gaps,
)
from .fingertips.writing import write_export
from .forms import ScorecardFilterForm, ValuesUploadForm, upload_max_bytes
from .importers.tables import TableError
from .importing import ImportBusy
from .models import Indicator
from .permissions import may_define
from .scorecard import history, scorecard, spine
from .upload_help import write_codes, write_template
from .uploads import (
    clear_abandoned,
    discard_upload,
    import_pending_values,
    keep_upload,
    pending_upload,
    preview_values,
)


@partnership_view()
def scorecard_page(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render_parts(
        request, "indicators/scorecard.html", {"nav": "scorecard"},
        lambda: scorecard_parts(request, partnership),
    )  # fmt: skip


def scorecard_parts(request: HttpRequest, partnership: Partnership) -> dict:
    user = request.user
    aims = Aim.objects.visible_to(user).filter(plan__partnership=partnership).order_by("number")
    starts = DeliveryPlan.objects.of(partnership, user).values_list("year_start")
    years = [FinancialYear(start) for start in sorted({start for (start,) in starts})]
    form = ScorecardFilterForm(request.GET or None, aims=aims, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    as_of = form.as_of()
    every = remembered(
        request,
        "scorecard",
        lambda: scorecard(
            partnership,
            aim=filters.get("aim"),
            rag=filters.get("rag", ""),
            as_of=as_of,
            user=user,
        ),
    )
    rows = form.rows_shown(every)
    counts = Counter(row.evaluation.rag or "none" for row in rows)
    return {
        "form": form,
        "rows": rows,
        "counts": counts,
        "hidden": len(every) - len(rows),
        "as_of": as_of,
        "out_of_date": sum(row.evaluation.out_of_date for row in rows),
        "spine": spine(partnership, rows),
        "filtered": bool(filters and any(filters.values())),
    }


@partnership_view()
def indicator_page(request: HttpRequest, partnership: Partnership, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    refusal = may_define(request.user, indicator, partnership)
    return render_parts(
        request,
        "indicators/indicator.html",
        {"nav": "scorecard", "indicator": indicator, "can_define": not refusal,
         "define_refusal": refusal},
        lambda: indicator_parts(request, partnership, indicator),
    )  # fmt: skip


def indicator_parts(request: HttpRequest, partnership: Partnership, indicator: Indicator) -> dict:
    evaluations = remembered(request, "history", lambda: history(partnership, indicator))
    gaps = breakdown_gaps(indicator, partnership.area)
    compared = compare_areas(indicator, partnership.area)
    mode = map_mode(compared, request.GET.get("map", "")) if compared else ""
    name = partnership.area.name
    latest = evaluations[-1] if evaluations else None
    return {
        "history": evaluations,
        "history_rows": with_gaps(evaluations),
        "latest": latest,
        "neighbours_in_force": NeighbourSet.objects.in_force(partnership.area, latest.period.end)
        if latest
        else None,
        "chart": trend_chart(indicator, partnership.area.name, evaluations),
        "gaps": [(gap, gap_chart(indicator, gap)) for gap in gaps],
        "compared": compared,
        "compare_chart": compare_chart(compared, name) if compared else None,
        "map_chart": area_map(compared, name, mode) if compared else None,
        "map_mode": mode,
        "map_modes": (SIGNIFICANCE_MAP, QUINTILE_MAP),
        "targets": indicator.targets.filter(partnership=partnership).select_related("baseline"),
        "objectives": indicator.objectives.visible_to(request.user)
        .filter(aim__plan__partnership=partnership)
        .select_related("aim"),
        "actions": indicator.actions.visible_to(request.user)
        .filter(delivery_plan__plan__partnership=partnership)
        .select_related("delivery_plan"),
    }


@partnership_view()
def indicator_download(request: HttpRequest, partnership: Partnership, code: str) -> HttpResponse:
    """The indicator's values in Fingertips' "all data" shape, goldenthread's own
    judgements in its "Compared to" columns: for an analyst to diff or reuse."""
    indicator = get_object_or_404(Indicator, code=code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{slugify(indicator.external_id or indicator.code)}-fingertips.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    write_export(response, [indicator])
    return response


@partnership_view(Role.MANAGER)
def upload_page(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Upload a file of values, see what it would change, then import it."""
    clear_abandoned()
    if request.method != "POST":
        discard_upload(request)  # coming back to the page is starting again
        return _upload_page(request, partnership, ValuesUploadForm())
    if request.POST.get("step") == "import":
        return _import_upload(request, partnership)
    form = ValuesUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, partnership, form)
    pending = keep_upload(request, partnership, form.cleaned_data["file"])
    try:
        preview = preview_values(pending, request.user, partnership)
    except TableError as refused:
        discard_upload(request)
        return _upload_page(request, partnership, form, refused=refused)
    except (ImportBusy, OperationalError) as busy:
        discard_upload(request)
        form.add_error("file", f"{pending.name} was not checked: {_busy(busy)}.")
        return _upload_page(request, partnership, form)
    return _upload_page(request, partnership, form, preview=preview.result, changes=preview.changes)


def _import_upload(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    pending = pending_upload(request, partnership)
    if pending is None:
        # Confirmed twice, or after the session ended: the file is gone, so say so.
        messages.error(request, "There is no file waiting to be imported: upload it again.")
        return redirect("indicators:upload", partnership.slug)
    try:
        result = import_pending_values(request, pending)
    except TableError as refused:  # the data changed since the preview
        return _upload_page(request, partnership, ValuesUploadForm(), refused=refused)
    except (ImportBusy, OperationalError) as busy:
        messages.error(request, f"{pending.name}: {_busy(busy)}.")
        return redirect("indicators:upload", partnership.slug)
    finally:
        discard_upload(request)
    messages.success(request, f"Imported {result.headline()}")
    return redirect("indicators:scorecard", partnership.slug)


def _busy(error: Exception) -> str:
    """Why a file was not checked or imported just now, when the database was busy."""
    if isinstance(error, OperationalError) and "locked" not in str(error):
        raise error  # not SQLite's lock: the 503 page of web/errors.py says what it is
    if isinstance(error, ImportBusy):
        return str(error)
    return "the database is busy with another write: nothing was imported; try again in a minute"


def _upload_page(
    request, partnership, form, *, preview=None, changes=(), refused=None
) -> HttpResponse:
    return render(
        request,
        "indicators/upload.html",
        {
            "nav": "scorecard",
            "form": form,
            "preview": preview,
            "changes": changes,
            "refused": refused,
            "max_size": upload_max_bytes(),
        },
    )


@partnership_view(Role.MANAGER)
def upload_template(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The empty file of values to fill in: the header row of every column read."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicator-values-template.csv"'
    write_template(response)
    return response


@partnership_view(Role.MANAGER)
def upload_codes(request: HttpRequest, partnership: Partnership, kind: str) -> HttpResponse:
    """The codes the file's indicator or area column accepts, as CSV."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{partnership.slug}-{kind}-codes.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    write_codes(response, kind, partnership)
    return response
