"""A partnership's audit trail, for its managers: read, filtered and exported; never edited."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from goldenthread.lib.cells import SafeWriter
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from .forms import TrailFilterForm
from .models import AuditEntry
from .trail import ACTIONS, changes, csv_rows, filtered, kinds

PER_PAGE = 50


def _entries(request: HttpRequest, partnership: Partnership, **fixed):
    form = TrailFilterForm(request.GET or None)
    wanted = form.cleaned_data if form.is_valid() else {}
    entries = filtered(AuditEntry.objects.for_partnership(partnership), {**wanted, **fixed})
    return form, entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


@partnership_view(Role.MANAGER)
def trail(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form, entries = _entries(request, partnership)
    return _render(request, partnership, form, entries, title="Audit trail")


@partnership_view(Role.MANAGER)
def item_trail(request: HttpRequest, partnership: Partnership, kind: str, pk: str) -> HttpResponse:
    names = dict(kinds())
    if kind not in names:
        raise Http404("The audit trail keeps no items of that kind.")
    form, entries = _entries(request, partnership, kind=kind, item=pk)
    latest = entries.first()
    if latest is None:
        raise Http404("Nothing about that item is in this partnership's audit trail.")
    title = f"Audit trail: {names[kind].lower()} {latest.object_repr}"
    return _render(request, partnership, form, entries, title=title, item=True)


def _render(request, partnership, form, entries, *, title: str, item: bool = False):
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    names: dict = {}
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {
            "nav": "audit",
            "form": form,
            "page": page,
            "title": title,
            "item": item,
            "query": query.urlencode(),
            "rows": [
                (entry, ACTIONS.get(entry.action, ""), changes(entry, names)) for entry in page
            ],
            "csv_url": reverse("audit:csv", args=[partnership.slug])
            + "?"
            + request.GET.urlencode(),
        },
    )


@partnership_view(Role.MANAGER)
def trail_csv(request: HttpRequest, partnership: Partnership) -> StreamingHttpResponse:
    _, entries = _entries(request, partnership)

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = SafeWriter(Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in csv_rows(entries)), content_type="text/csv"
    )
    response["Content-Disposition"] = f'attachment; filename="{partnership.slug}-audit-trail.csv"'
    return response
