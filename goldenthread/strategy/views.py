"""The plan document and the golden thread. Views are thin: the reading is in
``thread.py``, the changes in ``services.py``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from goldenthread.caching.fragments import remembered
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from . import thread
from .forms import ApprovalForm, VersionForm
from .models import PlanDocument
from .services import record_approval, record_version


def _document(partnership: Partnership, user) -> PlanDocument | None:
    plan = thread.document_plan(partnership, user)
    return PlanDocument.objects.filter(plan=plan).select_related("plan").first() if plan else None


def _render_document(request, partnership, document, status=200, **forms) -> HttpResponse:
    context = {"nav": "plan-document"}
    context.update(
        document=document,
        aims=thread.plan_tree(document.plan) if document else [],
        version_form=forms.get("version_form") or VersionForm(),
        approval_form=forms.get("approval_form") or ApprovalForm(),
    )
    return render(request, "strategy/plan_document.html", context, status=status)


@partnership_view()
def plan_document(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _render_document(request, partnership, _document(partnership, request.user))


@require_POST
@partnership_view(Role.MANAGER)
def new_version(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    document = _document(partnership, request.user)
    form = VersionForm(request.POST)
    if document is not None and form.is_valid():
        try:
            entry = record_version(document, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Version {entry.version} recorded.")
            return redirect("strategy:document", partnership.slug)
    return _render_document(request, partnership, document, 400, version_form=form)


@require_POST
@partnership_view(Role.MANAGER)
def new_approval(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    document = _document(partnership, request.user)
    form = ApprovalForm(request.POST)
    if document is not None and form.is_valid():
        data = form.cleaned_data
        entry = record_approval(document, body=data["body"], on=data["date"], by=request.user)
        messages.success(
            request, f"Approval of version {entry.version} by {entry.approving_body} recorded."
        )
        return redirect("strategy:document", partnership.slug)
    return _render_document(request, partnership, document, 400, approval_form=form)


@partnership_view()
def golden_thread(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    found = remembered(
        request, "golden thread", lambda: thread.golden_thread(partnership, request.user)
    )
    context = {"delivery_plan": found.delivery_plan, "nav": "golden-thread"}
    context["thread"] = found
    return render(request, "strategy/golden_thread.html", context)
