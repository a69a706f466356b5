"""The plan's pages. Views are thin: rules live on models, querysets and services."""

from __future__ import annotations

from itertools import chain

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goldenthread.accounts.models import Role
from goldenthread.accounts.permissions import can_contribute, can_manage
from goldenthread.lib.periods import FinancialYear

from . import exports
from .access import partnership_view
from .forms import ActionEditForm, ConfirmStatusForm, TreeFilterForm, UpdateForm
from .models import Action, ActionUpdate, DeliveryPlan, Partnership, Status
from .services import EditConflict, add_update, confirm_status, edit_action
from .status_chart import KEYS, LABELS, status_chart
from .summary import delivery_summary, status_table


def home(request: HttpRequest) -> HttpResponse:
    partnerships = list(Partnership.objects.visible_to(request.user).select_related("area"))
    if len(partnerships) == 1:
        return redirect(partnerships[0])
    return render(request, "plans/home.html", {"partnerships": partnerships})


def delivery_plan_for_slug(partnership: Partnership, year_slug: str | None) -> DeliveryPlan:
    if year_slug is None:
        delivery_plan = partnership.latest_delivery_plan()
    else:
        try:
            delivery_plan = partnership.delivery_plan_for(FinancialYear.parse(year_slug))
        except ValueError:
            raise Http404("Not a financial year") from None
    if delivery_plan is None:
        raise Http404("No delivery plan for that year")
    return delivery_plan


def page_context(request: HttpRequest, partnership: Partnership, delivery_plan, nav: str, **extra):
    """What every plan page's header and navigation need."""
    year = delivery_plan.year.slug if delivery_plan else None
    return {
        "partnership": partnership,
        "delivery_plan": delivery_plan,
        "nav": nav,
        "can_contribute": can_contribute(request.user, partnership),
        "can_manage": can_manage(request.user, partnership),
        "year_label": str(delivery_plan.year) if delivery_plan else "",
        "overview_url": reverse("plans:overview", args=[partnership.slug]) + f"?year={year}",
        "tree_url": reverse("plans:tree", args=[partnership.slug, year]) if year else "",
        "review_url": reverse("plans:review", args=[partnership.slug, year]) if year else "",
        "scorecard_url": reverse("indicators:scorecard", args=[partnership.slug]),
        "report_url": reverse("reports:report", args=[partnership.slug, year, "annual"])
        if year
        else "",
        **extra,
    }


@partnership_view()
def overview(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    delivery_plan = partnership.latest_delivery_plan()
    if delivery_plan is None:
        return render(
            request, "plans/overview.html", page_context(request, partnership, None, "overview")
        )
    delivery_plan = delivery_plan_for_slug(partnership, request.GET.get("year") or None)
    table = status_table(delivery_plan)
    recent = (
        ActionUpdate.objects.filter(action__delivery_plan=delivery_plan)
        .select_related("action")
        .order_by("-created_at", "-id")[:8]
    )
    years = DeliveryPlan.objects.filter(plan__partnership=partnership).order_by("-year_start")
    return render(request, "plans/overview.html", page_context(
        request, partnership, delivery_plan, "overview",
        summary=delivery_summary(delivery_plan), table=table,
        chart=status_chart(table, str(delivery_plan.year)), recent=recent, years=years,
        report=getattr(delivery_plan, "annual_report", None), status_keys=KEYS,
        status_labels=LABELS,
    ))  # fmt: skip


@partnership_view()
def tree(request: HttpRequest, partnership: Partnership, year: str) -> HttpResponse:
    delivery_plan = delivery_plan_for_slug(partnership, year)
    actions = Action.objects.for_delivery_plan(delivery_plan)
    leads = actions.exclude(lead="").order_by("lead").values_list("lead", flat=True).distinct()
    aims = delivery_plan.plan.aims.all()
    form = TreeFilterForm(request.GET or None, aims=aims, leads=leads)
    shown = _filtered(actions, form)
    return render(request, "plans/tree.html", page_context(
        request, partnership, delivery_plan, "tree",
        form=form, aims=_tree(aims, shown), shown_count=shown.count(),
        total_count=actions.count(), filtered=form.is_bound and form.has_changed(),
    ))  # fmt: skip


def _filtered(actions, form: TreeFilterForm):
    if not form.is_bound or not form.is_valid():
        return actions
    data = form.cleaned_data
    if data["status"]:
        actions = actions.with_status(data["status"])
    if data["aim"]:
        actions = actions.in_aim(data["aim"])
    if data["lead"]:
        actions = actions.led_by(data["lead"])
    if data["q"]:
        actions = actions.search(data["q"])
    return actions


def _tree(aims, actions) -> list[dict]:
    """Aims → objectives → actions, with counts rolled up, in a few queries."""
    rows = list(
        actions.select_related("objective__aim")
        .prefetch_related("objective__indicators")
        .in_plan_order()
    )
    objectives: dict[int, dict] = {}
    for action in rows:
        node = objectives.setdefault(
            action.objective_id, {"objective": action.objective, "actions": []}
        )
        node["actions"].append(action)
    tree = []
    for aim in aims:
        nodes = [n for n in objectives.values() if n["objective"].aim_id == aim.pk]
        for node in nodes:
            node["counts"] = _counts(node["actions"])
        if nodes:
            all_actions = list(chain.from_iterable(n["actions"] for n in nodes))
            tree.append({"aim": aim, "objectives": nodes, "counts": _counts(all_actions)})
    return tree


def _counts(actions: list[Action]) -> list[tuple[str, str, int]]:
    counted: dict[str, list] = {}
    for action in actions:
        counted.setdefault(action.status, [action.status_label, 0])[1] += 1
    return [(status, label, n) for status, (label, n) in counted.items()]


def _action_for(partnership: Partnership, pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("objective__aim", "delivery_plan__plan"),
        pk=pk,
        delivery_plan__plan__partnership=partnership,
    )


@partnership_view()
def action_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = _action_for(partnership, pk)
    form = UpdateForm(initial={"version": action.version})
    if request.method == "POST":
        if not can_contribute(request.user, partnership):
            raise PermissionDenied
        form = UpdateForm(request.POST)
        if form.is_valid():
            try:
                add_update(
                    action, by=request.user, status=form.cleaned_data["status"],
                    commentary=form.cleaned_data["commentary"],
                    evidence_url=form.cleaned_data["evidence_url"],
                    expected_version=form.cleaned_data["version"],
                )  # fmt: skip
            except EditConflict as conflict:
                form.add_error(None, str(conflict))
            else:
                messages.success(request, f"Your update to action {action.code} has been added.")
                return redirect(action)
    return render(request, "plans/action.html", page_context(
        request, partnership, action.delivery_plan, "tree",
        action=action, form=form, history=_history(action), indicators=_indicators(action),
    ))  # fmt: skip


def _indicators(action: Action) -> list:
    """What the action measures: its own indicators, then its objective's."""
    own = list(action.indicators.all())
    return own + [i for i in action.objective.indicators.all() if i not in own]


def _history(action: Action) -> list[dict]:
    """Updates and recorded changes together, newest first."""
    updates = [
        {"kind": "update", "when": u.created_at, "item": u}
        for u in action.updates.select_related("author")
    ]
    changes = [
        {"kind": "change", "when": c.changed_at, "item": c}
        for c in action.changes.select_related("changed_by")
    ]
    return sorted(updates + changes, key=lambda entry: entry["when"], reverse=True)


@partnership_view(role=Role.MANAGER)
def edit_action_view(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = _action_for(partnership, pk)
    form = ActionEditForm(instance=action, initial={"version": action.version})
    if request.method == "POST":
        form = ActionEditForm(request.POST, instance=Action.objects.get(pk=action.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in ActionEditForm.Meta.fields}
            try:
                edit_action(action, by=request.user,
                            expected_version=form.cleaned_data["version"], **fields)  # fmt: skip
            except EditConflict as conflict:
                form.add_error(None, str(conflict))
            else:
                messages.success(request, f"Action {action.code} has been saved.")
                return redirect(action)
    return render(request, "plans/action_edit.html", page_context(
        request, partnership, action.delivery_plan, "tree", action=action, form=form,
    ))  # fmt: skip


@partnership_view(role=Role.MANAGER)
def review(request: HttpRequest, partnership: Partnership, year: str) -> HttpResponse:
    delivery_plan = delivery_plan_for_slug(partnership, year)
    actions = (
        Action.objects.for_delivery_plan(delivery_plan)
        .awaiting_review()
        .select_related("objective")
        .order_by("status_certain", "sort_key")
    )
    unsure = actions.filter(Q(status_certain=False) | Q(status=""))
    return render(request, "plans/review.html", page_context(
        request, partnership, delivery_plan, "review", actions=actions,
        unsure_count=unsure.count(), status_choices=Status.choices,
    ))  # fmt: skip


@require_POST
@partnership_view(role=Role.MANAGER)
def confirm_status_view(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = _action_for(partnership, pk)
    form = ConfirmStatusForm(request.POST)
    back = reverse("plans:review", args=[partnership.slug, action.delivery_plan.year.slug])
    if not form.is_valid():
        messages.error(request, f"Choose a status for action {action.code}.")
        return redirect(back)
    try:
        confirm_status(action, by=request.user, status=form.cleaned_data["status"],
                       expected_version=form.cleaned_data["version"])  # fmt: skip
    except EditConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, f"Action {action.code} is now {action.status_label.lower()}.")
    return redirect(back + f"#action-{action.code}")


@partnership_view()
def export(request: HttpRequest, partnership: Partnership, year: str, fmt: str) -> HttpResponse:
    delivery_plan = delivery_plan_for_slug(partnership, year)
    if fmt == "csv":
        response = HttpResponse(
            exports.as_csv(delivery_plan), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.as_xlsx(delivery_plan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(delivery_plan, fmt)}"'
    )
    return response
