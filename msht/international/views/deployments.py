"""Deployments: the dashboard, the list, one deployment with its results and costs, and the
forms that record them."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from msht.accounts import access
from msht.accounts.models import User
from msht.reference.dates import today

from .. import figures, forms, selectors, services
from ..models import DeploymentStatus, Region
from ..periods import Quarter, fy_end, fy_label, fy_of, fy_parse
from ..ratings import RATING_ORDER, Rating, rate
from .common import country, form_page, page, refusals_as_404, require_edit, require_view, save


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require_view(request)
    user = request.user
    as_at = today()
    deployments = selectors.deployments_visible_to(user)
    snapshot = figures.load_snapshot(deployments, as_at=as_at)
    mla = selectors.mla_visible_to(user)
    outstanding = figures.mla_outstanding(mla, as_at=as_at)
    year = fy_of(as_at)
    context: dict[str, Any] = {
        "as_at": as_at,
        "active": sum(1 for d in snapshot.deployments if d.status == DeploymentStatus.ACTIVE),
        "deployment_count": len(snapshot.deployments),
        "ratings": [(Rating(r).label, n) for r, n in figures.rating_counts(snapshot).items()],
        "by_country": figures.by_country(snapshot, years=None),
        "by_year": figures.by_year(snapshot),
        "outstanding": outstanding[:25],
        "outstanding_count": len(outstanding),
        "turnaround": figures.mla_turnaround_by_country(mla, end=as_at),
        "jits": figures.jits_by_exploitation_and_outcome(selectors.jits_visible_to(user)),
        "outcome_groups": figures.OUTCOME_GROUPS,
        "current_quarter": Quarter.containing(as_at).previous(),
        "year_label": fy_label(year),
        "can_edit": access.international_may_edit(user),
    }
    selectors.consultation_record(
        actor=user,
        object_type="international_dashboard",
        ids=[row.request.pk for row in context["outstanding"]],
        detail={"deployments": len(snapshot.deployments)},
    )
    return page(request, "international/dashboard.html", context)


@require_GET
def deployment_list(request: HttpRequest) -> HttpResponse:
    require_view(request)
    form = forms.DeploymentFilterForm(request.GET or None)
    filters = selectors.DeploymentFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.DeploymentFilters(
            country=data["country"], region=data["region"], status=data["status"]
        )
        if data["year"]:
            try:
                filters.year = fy_parse(data["year"])
            except ValueError as error:
                form.add_error("year", f"Financial year {error}")
    rows = list(filters.apply(selectors.deployments_visible_to(request.user))[:500])
    selectors.consultation_record(
        actor=request.user,
        object_type="cja_deployment",
        ids=[d.pk for d in rows],
        detail={"filters": {k: v for k, v in vars(filters).items() if v}},
    )
    return page(
        request,
        "international/deployment_list.html",
        {
            "form": form,
            "rows": rows,
            "regions": dict(Region.choices),
            "can_edit": access.international_may_edit(request.user),
        },
    )


def _deployment_details(form) -> dict:
    data = form.cleaned_data
    adviser = None
    if data.get("adviser"):
        adviser = User.objects.filter(pk=data["adviser"]).first()
    return {
        "country": country(data.get("country")),
        "region": data.get("region", ""),
        "post": data.get("post", ""),
        "adviser": adviser,
        "adviser_name": data.get("adviser_name", ""),
        "start_date": data.get("start_date"),
        "end_date": data.get("end_date"),
        "funding_line": data.get("funding_line", ""),
        "status": data.get("status", ""),
    }


@require_http_methods(["GET", "POST"])
@refusals_as_404
def deployment_create(request: HttpRequest) -> HttpResponse:
    require_edit(request)
    form = forms.DeploymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        details = _deployment_details(form)
        deployment = save(form, lambda: services.deployment_create(actor=request.user, **details))
        if deployment is not None:
            return redirect("international:deployment", pk=deployment.pk)
    return form_page(
        request,
        form,
        title="Add a deployment",
        caption="Criminal justice advisers",
        back=reverse("international:deployments"),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def deployment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = selectors.deployment_get(request.user, pk=pk)
    require_edit(request)
    initial = {
        "version": deployment.version,
        "country": deployment.country.code,
        "region": deployment.region,
        "post": deployment.post,
        "adviser": str(deployment.adviser_id or ""),
        "adviser_name": deployment.adviser_name,
        "start_date": deployment.start_date,
        "end_date": deployment.end_date,
        "funding_line": deployment.funding_line,
        "status": deployment.status,
    }
    form = forms.DeploymentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        details = _deployment_details(form)
        done = save(
            form,
            lambda: services.deployment_update(
                actor=request.user,
                deployment=deployment,
                expected_version=form.cleaned_data["version"],
                **details,
            ),
        )
        if done is not None:
            return redirect("international:deployment", pk=deployment.pk)
    return form_page(
        request,
        form,
        title="Change the deployment",
        caption=str(deployment),
        back=reverse("international:deployment", args=[deployment.pk]),
    )


def _indicator_rows(indicator, as_at) -> list[dict]:
    targets = {t.financial_year: t for t in indicator.targets.all()}
    actuals = {a.financial_year: a for a in indicator.actuals.all()}
    rows = []
    for year in sorted(set(targets) | set(actuals)):
        target, actual = targets.get(year), actuals.get(year)
        rating = rate(
            target=target.value if target else None,
            actual=actual.value if actual else None,
            period_end=fy_end(year),
            as_at=as_at,
        )
        rows.append(
            {
                "year": fy_label(year),
                "target": target,
                "actual": actual,
                "rating": Rating(rating) if rating else None,
            }
        )
    return rows


@require_GET
def deployment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = selectors.deployment_get(request.user, pk=pk)
    as_at = today()
    framework = selectors.deployment_framework(deployment)
    indicators = {
        indicator.pk: _indicator_rows(indicator, as_at)
        for objective in framework
        for indicator in objective.indicators.all()
    }
    snapshot = figures.load_snapshot(
        selectors.deployments_visible_to(request.user).filter(pk=deployment.pk), as_at=as_at
    )
    years = figures.years_covered(snapshot)
    vfm = [
        figures.value_for_money(
            snapshot, deployments=snapshot.deployments, years=[y], label=fy_label(y)
        )
        for y in years
    ]
    vfm.append(
        figures.value_for_money(
            snapshot, deployments=snapshot.deployments, years=None, label="All years"
        )
    )
    selectors.consultation_record(
        actor=request.user, object_type="cja_deployment", ids=[deployment.pk]
    )
    return page(
        request,
        "international/deployment_detail.html",
        {
            "deployment": deployment,
            "framework": framework,
            "indicators": indicators,
            "costs": list(deployment.costs.all()),
            "vfm": vfm,
            "as_at": as_at,
            "rating_order": [Rating(r) for r in RATING_ORDER],
            "can_edit": access.international_may_edit(request.user),
            "fy_label": fy_label,
        },
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def cost_add(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = selectors.deployment_get(request.user, pk=pk)
    require_edit(request)
    form = forms.CostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = save(
            form,
            lambda: services.deployment_cost_record(
                actor=request.user,
                deployment=deployment,
                financial_year=data["financial_year"],
                staff=data["staff"],
                travel=data["travel"],
                programme=data["programme"],
            ),
        )
        if done is not None:
            return redirect(reverse("international:deployment", args=[pk]) + "#costs")
    return form_page(
        request,
        form,
        title="Record costs for a financial year",
        caption=str(deployment),
        back=reverse("international:deployment", args=[pk]),
        intro="Recording a year that already has costs replaces them.",
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def objective_add(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = selectors.deployment_get(request.user, pk=pk)
    require_edit(request)
    form = forms.ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = save(
            form,
            lambda: services.objective_add(
                actor=request.user, deployment=deployment, **form.cleaned_data
            ),
        )
        if done is not None:
            return redirect("international:deployment", pk=pk)
    return form_page(
        request,
        form,
        title="Add an objective",
        caption=str(deployment),
        back=reverse("international:deployment", args=[pk]),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    objective = selectors.objective_get(request.user, pk=pk)
    require_edit(request)
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = save(
            form,
            lambda: services.indicator_add(
                actor=request.user, objective=objective, **form.cleaned_data
            ),
        )
        if done is not None:
            return redirect("international:deployment", pk=objective.deployment_id)
    return form_page(
        request,
        form,
        title="Add an indicator",
        caption=f"{objective.deployment}: {objective.get_kind_display()}",
        back=reverse("international:deployment", args=[objective.deployment_id]),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    objective = selectors.objective_get(request.user, pk=pk)
    require_edit(request)
    form = forms.ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = save(
            form,
            lambda: services.activity_record(
                actor=request.user, objective=objective, **form.cleaned_data
            ),
        )
        if done is not None:
            return redirect("international:deployment", pk=objective.deployment_id)
    return form_page(
        request,
        form,
        title="Record an activity",
        caption=f"{objective.deployment}: {objective.get_kind_display()}",
        back=reverse("international:deployment", args=[objective.deployment_id]),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(request.user, pk=pk)
    require_edit(request)
    form = forms.TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = save(
            form,
            lambda: services.indicator_target_set(
                actor=request.user, indicator=indicator, **form.cleaned_data
            ),
        )
        if done is not None:
            return redirect("international:deployment", pk=indicator.objective.deployment_id)
    return form_page(
        request,
        form,
        title="Set a target",
        caption=indicator.name,
        back=reverse("international:deployment", args=[indicator.objective.deployment_id]),
        intro="Setting a target for a year that already has one replaces it.",
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def actual_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(request.user, pk=pk)
    require_edit(request)
    form = forms.ActualForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = save(
            form,
            lambda: services.indicator_actual_record(
                actor=request.user, indicator=indicator, **form.cleaned_data
            ),
        )
        if done is not None:
            return redirect("international:deployment", pk=indicator.objective.deployment_id)
    return form_page(
        request,
        form,
        title="Record an actual",
        caption=indicator.name,
        back=reverse("international:deployment", args=[indicator.objective.deployment_id]),
        intro=f"Baseline: {indicator.baseline_value.normalize():f} {indicator.unit}, "
        f"{indicator.baseline_date.day} {indicator.baseline_date:%B %Y}.",
    )
