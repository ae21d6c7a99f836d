"""Account administration for system administrators: list, disable, enable."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import access, services
from .roles import Capability
from .selectors import users_visible_to


class StatusForm(forms.Form):
    action = forms.ChoiceField(choices=[("disable", "Disable"), ("enable", "Enable")])
    reason = forms.CharField(max_length=300, error_messages={"required": "Give a reason"})


@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Capability.USERS_MANAGE)
    page = Paginator(users_visible_to(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


@require_POST
def user_status(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, Capability.USERS_MANAGE)
    target = access.get_visible_or_404(users_visible_to(request.user), pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose disable or enable and give a reason.")
        return redirect("accounts:users")
    with transaction.atomic():
        if form.cleaned_data["action"] == "disable":
            services.user_disable(
                user=target, acting_user=request.user, reason=form.cleaned_data["reason"]
            )
        else:
            services.user_enable(
                user=target, acting_user=request.user, reason=form.cleaned_data["reason"]
            )
    messages.success(
        request,
        f"{target.full_name}'s account is now {'disabled' if not target.is_active else 'enabled'}.",
    )
    return redirect("accounts:users")
