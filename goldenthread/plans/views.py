"""The plan's pages. Views are thin: rules live on models, querysets and services."""

from __future__ import annotations

from itertools import chain

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goldenthread.audit.versions import EditConflict
from goldenthread.caching.fragments import render_parts
from goldenthread.lib.periods import FinancialYear
from goldenthread.lib.wording import counted, listed
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.plans.permissions import can_update_action
from goldenthread.web.access import partnership_view
from goldenthread.web.errors import is_unavailable

from . import exports, rollover
from .forms import (
    ActionEditForm,
    ActionLeadForm,
    ConfirmStatusForm,
    TreeFilterForm,
    UpdateForm,
    VisibilityForm,
)
from .leads import lead_choices, led_by_choice
from .models import Action, ActionUpdate, DeliveryPlan, Status
from .pages import delivery_plan_or_404
from .services import Confirmed, add_update, confirm_inferred, confirm_status, edit_action, set_lead
from .status_chart import KEYS, LABELS, status_chart
from .summary import delivery_summary, status_table


@partnership_view()
def overview(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    delivery_plan = DeliveryPlan.objects.current(partnership, request.user)
    if delivery_plan is None:
        return render(request, "plans/overview.html", {"nav": "overview"})
    if request.GET.get("year"):
        try:
            year = FinancialYear.parse(request.GET["year"])
        except ValueError:
            raise Http404("Not a financial year") from None
        delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    return render_parts(
        request, "plans/overview.html", {"delivery_plan": delivery_plan, "nav": "overview"},
        lambda: _overview_parts(request, partnership, delivery_plan),
    )  # fmt: skip


def _overview_parts(request: HttpRequest, partnership: Partnership, delivery_plan) -> dict:
    table = status_table(delivery_plan)
    recent = (
        ActionUpdate.objects.filter(action__delivery_plan=delivery_plan)
        .select_related("action")
        .order_by("-created_at", "-id")[:8]
    )
    years = DeliveryPlan.objects.of(partnership, request.user).order_by("-year_start")
    return {
        "summary": delivery_summary(delivery_plan),
        "table": table,
        "chart": status_chart(table, str(delivery_plan.year)),
        "recent": recent,
        "years": years,
        "report": getattr(delivery_plan, "annual_report", None),
        "status_keys": KEYS,
        "status_labels": LABELS,
    }


@partnership_view()
def tree(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    return render_parts(
        request, "plans/tree.html", {"delivery_plan": delivery_plan, "nav": "tree"},
        lambda: _tree_parts(request, delivery_plan),
    )  # fmt: skip


def _tree_parts(request: HttpRequest, delivery_plan: DeliveryPlan) -> dict:
    actions = Action.objects.for_delivery_plan(delivery_plan)
    aims = delivery_plan.plan.aims.all()
    form = TreeFilterForm(request.GET or None, aims=aims, leads=lead_choices(actions))
    shown = _filtered(actions, form)
    return {
        "form": form,
        "aims": _tree(aims, shown),
        "shown_count": shown.count(),
        "total_count": actions.count(),
        "filtered": form.is_bound and form.has_changed(),
    }


def _filtered(actions, form: TreeFilterForm):
    if not form.is_bound or not form.is_valid():
        return actions
    data = form.cleaned_data
    if data["status"]:
        actions = actions.with_status(data["status"])
    if data["aim"]:
        actions = actions.in_aim(data["aim"])
    if data["lead"]:
        actions = led_by_choice(actions, data["lead"])
    if data["q"]:
        actions = actions.search(data["q"])
    return actions


def _tree(aims, actions) -> list[dict]:
    """Aims → objectives → actions, with counts rolled up, in a few queries."""
    rows = list(
        actions.select_related("objective__aim", "delivery_plan")
        .with_leads()
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


def _action_for(partnership: Partnership, pk: int, user) -> Action:
    return get_object_or_404(
        Action.objects.visible_to(user).select_related(
            "objective__aim", "delivery_plan__plan", "carried_from__delivery_plan"
        ),
        pk=pk,
        delivery_plan__plan__partnership=partnership,
    )


@partnership_view()
def action_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = _action_for(partnership, pk, request.user)
    may_update = can_update_action(request.user, action)
    form = UpdateForm(initial={"version": action.version})
    status = 200
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied(
                "Only the action's lead (where it names only an organisation, the people "
                "in it) and the partnership's managers may update it."
            )
        form = UpdateForm(request.POST)
        if form.is_valid():
            refused = _add_update(request, action, form)
            if refused is None:
                messages.success(request, f"Your update to action {action.code} has been added.")
                return redirect(action)
            status = refused
    shown = {"delivery_plan": action.delivery_plan, "nav": "tree", "action": action,
             "form": form, "may_update": may_update}  # fmt: skip
    response = render_parts(
        request, "plans/action.html", shown, lambda: _action_parts(action, request.user)
    )
    response.status_code = status
    return response


def _action_parts(action: Action, user) -> dict:
    """What only the action page's cached parts show."""
    return {"history": _history(action), "indicators": _indicators(action),
            **_lineage(action, user)}  # fmt: skip


UNSAVED = (
    "Your update could not be saved: the database is not accepting changes just now. "
    "Nothing was saved, and what you typed is below: try again in a few minutes."
)


def _add_update(request: HttpRequest, action: Action, form: UpdateForm) -> int | None:
    """Add the form's update; None when it is saved, else the status of the page that
    shows the form again with why, keeping what was typed."""
    try:
        add_update(
            action,
            by=request.user,
            status=form.cleaned_data["status"],
            confidence=form.cleaned_data["confidence"],
            commentary=form.cleaned_data["commentary"],
            evidence_url=form.cleaned_data["evidence_url"],
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict as conflict:
        form.add_error(None, str(conflict))
        return 200
    except DatabaseError as error:
        if not is_unavailable(error):
            raise
        form.add_error(None, UNSAVED)
        return 503
    return None


def _lineage(action: Action, user) -> dict:
    """Where the action came from and where it went: the other year's action, if readable."""
    carried_to = (
        Action.objects.visible_to(user)
        .filter(carried_from=action)
        .select_related("delivery_plan")
        .first()
    )
    record = None if carried_to else rollover.carry_records([action]).get(action.pk)
    dropped = record if record is not None and not record.new_value else None
    return {"carried_to": carried_to, "dropped": dropped}


def _indicators(action: Action) -> list:
    """What the action measures: its own indicators, then its objective's."""
    own = list(action.indicators.all())
    return own + [i for i in action.objective.indicators.all() if i not in own]


# How a status was arrived at: recorded, and in the audit trail, but not news to a reader
# of the action's history, which shows the status change itself.
BOOKKEEPING = ["status_certain", "status_basis", "status_rule", "status_source"]


def _history(action: Action) -> list[dict]:
    """Updates and recorded changes together, newest first."""
    updates = [
        {"kind": "update", "when": u.created_at, "item": u}
        for u in action.updates.select_related("author")
    ]
    changes = [
        {"kind": "change", "when": c.changed_at, "item": c}
        for c in action.changes.exclude(field__in=BOOKKEEPING).select_related("changed_by")
    ]
    return sorted(updates + changes, key=lambda entry: entry["when"], reverse=True)


@partnership_view(role=Role.MANAGER)
def edit_action_view(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = _action_for(partnership, pk, request.user)
    form = ActionEditForm(instance=action, initial={"version": action.version})
    if request.method == "POST":
        form = ActionEditForm(request.POST, instance=Action.objects.get(pk=action.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in ActionEditForm.Meta.fields}
            try:
                edit_action(
                    action, by=request.user, expected_version=form.cleaned_data["version"], **fields
                )
            except EditConflict as conflict:
                form.add_error(None, str(conflict))
            else:
                messages.success(request, f"Action {action.code} has been saved.")
                return redirect(action)
    return render(
        request,
        "plans/action_edit.html",
        {"delivery_plan": action.delivery_plan, "nav": "tree", "action": action, "form": form},
    )


@partnership_view(role=Role.MANAGER)
def action_lead(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = _action_for(partnership, pk, request.user)
    form = ActionLeadForm(
        request.POST or None,
        partnership=partnership,
        initial={
            "lead_person": action.lead_person_id,
            "lead_organisation": action.lead_organisation_id,
            "version": action.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_lead(
                action,
                person=form.cleaned_data["lead_person"],
                organisation=form.cleaned_data["lead_organisation"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"The lead of action {action.code} has been saved.")
            return redirect(action)
    return render(
        request,
        "plans/action_lead.html",
        {"delivery_plan": action.delivery_plan, "nav": "tree", "action": action, "form": form},
    )


@partnership_view(role=Role.MANAGER)
def review(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    actions = (
        Action.objects.for_delivery_plan(delivery_plan)
        .awaiting_review()
        .select_related("objective")
        .order_by("status_certain", "sort_key")
    )
    unsure = actions.filter(Q(status_certain=False) | Q(status=""))
    return render(
        request,
        "plans/review.html",
        {
            "delivery_plan": delivery_plan,
            "nav": "review",
            "actions": actions,
            "unsure_count": unsure.count(),
            "status_choices": Status.choices,
        },
    )


@require_POST
@partnership_view(role=Role.MANAGER)
def confirm_statuses_view(
    request: HttpRequest, partnership: Partnership, year: FinancialYear
) -> HttpResponse:
    """The review page's "confirm selected" and "confirm all"."""
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    actions = Action.objects.for_delivery_plan(delivery_plan).awaiting_review().in_plan_order()
    if "all" not in request.POST:
        actions = actions.filter(pk__in=_ids(request.POST.getlist("selected")))
    versions = {
        int(key.removeprefix("version-")): int(value)
        for key, value in request.POST.items()
        if key.startswith("version-") and _ids([key.removeprefix("version-"), value])
    }
    result = confirm_inferred(actions, by=request.user, versions=versions)
    _say_confirmed(request, result)
    return redirect("plans:review", partnership.slug, delivery_plan.year.slug)


def _ids(values: list[str]) -> list[int]:
    """The values as ids; none at all if any is not one (a form tampered with)."""
    return [int(v) for v in values] if all(v.isdigit() for v in values) else []


def _say_confirmed(request: HttpRequest, result: Confirmed) -> None:
    if result.confirmed:
        messages.success(
            request, f"{counted(len(result.confirmed), 'action')} confirmed as inferred."
        )
    if result.changed:
        messages.error(
            request,
            f"{listed(result.changed)} changed since this page was read: "
            "read them again below before confirming.",
        )
    if result.not_known:
        messages.info(
            request,
            f"{listed(result.not_known)} had no status to confirm: choose each one's status below.",
        )
    if not (result.confirmed or result.changed or result.not_known):
        messages.error(request, "Select the actions to confirm, or confirm all.")


@require_POST
@partnership_view(role=Role.MANAGER)
def confirm_status_view(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = _action_for(partnership, pk, request.user)
    form = ConfirmStatusForm(request.POST)
    back = reverse("plans:review", args=[partnership.slug, action.delivery_plan.year.slug])
    if not form.is_valid():
        messages.error(request, f"Choose a status for action {action.code}.")
        return redirect(back)
    try:
        confirm_status(
            action,
            by=request.user,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, f"Action {action.code} is now {action.status_label.lower()}.")
    return redirect(back + f"#action-{action.code}")


@partnership_view()
def export(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, fmt: str
) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
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


@partnership_view(role=Role.ADMINISTRATOR)
def visibility(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Who may read the partnership and each of its plans: its administrators decide."""
    form = VisibilityForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        changed = form.save()
        messages.success(request, "Saved: " + "; ".join(changed) if changed else "Nothing changed.")
        return redirect("plans:visibility", partnership.slug)
    return render(request, "plans/settings.html", {"nav": "people", "form": form})
