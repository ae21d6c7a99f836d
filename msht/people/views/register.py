"""The register of leads and deputies: the list, one role, its history, recording a change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from msht.accounts import access
from msht.accounts.access import request_user
from msht.accounts.roles import Capability
from msht.reference.models import Area

from .. import services
from ..forms import HoldingForm, PostForm
from ..selectors import register as selectors
from .common import apply_errors, needs

VIEWERS = (Capability.PEOPLE_VIEW, Capability.PEOPLE_VIEW_ALL)


@require_GET
@needs(*VIEWERS)
def register(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    area = request.GET.get("area", "")
    flagged_only = request.GET.get("flagged") == "1"
    counts = selectors.role_counts()
    rows = selectors.register(user, area_code=area, flagged_only=flagged_only, counts=counts)
    everything = selectors.register(user, counts=counts) if (area or flagged_only) else rows
    national = access.can(user, Capability.PEOPLE_VIEW_ALL)
    services.register_record_consultation(
        actor=user,
        post_ids=[row.post.pk for row in rows],
        view="register",
        filters={"area": area, "flagged": flagged_only},
    )
    flag_totals: dict[str, int] = {}
    for row in everything:
        for flag in row.flags:
            flag_totals[flag.label] = flag_totals.get(flag.label, 0) + 1
    return render(
        request,
        "people/register.html",
        {
            "rows": rows,
            "area": area,
            "flagged_only": flagged_only,
            "areas": Area.objects.enabled().filter(kind=Area.Kind.AREA).order_by("order", "name")
            if national
            else [],
            "national": national,
            "can_manage": access.may_manage_posts(user),
            "flag_totals": sorted(flag_totals.items()),
            "overloaded": selectors.overloaded_people(everything, counts, selectors.max_roles()),
            "max_roles": selectors.max_roles(),
        },
    )


@require_GET
@needs(*VIEWERS)
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    post = selectors.post_get_visible(user, pk=pk)
    row = selectors.post_row(post)
    history = list(selectors.post_history(post)[:5])
    services.register_record_consultation(actor=user, post_ids=[post.pk], view="post")
    return render(
        request,
        "people/post.html",
        {"row": row, "post": post, "history": history, "can_manage": access.may_manage_posts(user)},
    )


@require_GET
@needs(*VIEWERS)
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    post = selectors.post_get_visible(user, pk=pk)
    history = list(selectors.post_history(post))
    services.register_record_consultation(actor=user, post_ids=[post.pk], view="history")
    return render(request, "people/post_history.html", {"post": post, "history": history})


@require_http_methods(["GET", "POST"])
@needs(Capability.PEOPLE_MANAGE)
def post_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    post = selectors.post_get_visible(user, pk=pk)
    current = selectors.post_row(post).holding
    initial: dict[str, object] = {"version": post.version}
    if current is not None:
        initial.update(
            {
                "lead": current.lead_id,
                "deputy": current.deputy_id,
                "successor": current.successor_id,
                "planned_end_on": current.planned_end_on,
            }
        )
    people = selectors.holder_choices(post)
    form = HoldingForm(
        request.POST if request.method == "POST" else None, people=people, initial=initial
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.holding_record(
                    actor=user,
                    post=post,
                    lead=data["lead"],
                    deputy=data["deputy"],
                    successor=data["successor"],
                    starts_on=data["starts_on"],
                    planned_end_on=data["planned_end_on"],
                    note=data["note"],
                    expected_version=data["version"],
                )
            except services.Conflict as error:
                apply_errors(form, error)
                status = 409
            except ValidationError as error:
                apply_errors(form, error)
                status = 400
            else:
                messages.success(request, f"The change to {post.title} has been recorded.")
                return redirect("people:post", pk=post.pk)
        else:
            status = 400
    return render(
        request,
        "people/post_change.html",
        {"post": post, "form": form, "current": current, "page_has_errors": bool(form.errors)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@needs(Capability.PEOPLE_MANAGE)
def post_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    areas = Area.objects.enabled().filter(kind=Area.Kind.AREA).order_by("order", "name")
    form = PostForm(request.POST if request.method == "POST" else None, areas=areas)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                post = services.post_create(
                    actor=user, area=form.cleaned_data["area"], strand=form.cleaned_data["strand"]
                )
            except ValidationError as error:
                apply_errors(form, error)
                status = 400
            else:
                messages.success(request, f"{post.title} has been added to the register.")
                return redirect("people:post", pk=post.pk)
        else:
            status = 400
    return render(
        request,
        "people/post_new.html",
        {"form": form, "page_has_errors": bool(form.errors)},
        status=status,
    )
