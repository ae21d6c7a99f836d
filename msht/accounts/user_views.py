"""Account administration for system administrators: list, create, disable, enable."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msht.reference.models import Area, PoliceForce, Unit

from . import access, services
from .roles import Capability, Role
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


class AccountForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the full name"}
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "Choose a role"), *Role.choices],
        error_messages={"required": "Select the role", "invalid_choice": "Select the role"},
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Select the Area from the list"},
    )
    unit = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Select the unit from the list"},
    )
    police_force = forms.ModelChoiceField(
        label="Police force (police partners only)",
        queryset=PoliceForce.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Select the police force from the list"},
    )
    handles_complex_casework = forms.BooleanField(label="Handles complex casework", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.enabled().order_by("order", "name")
        self.fields["unit"].queryset = Unit.objects.enabled().order_by("order", "name")
        self.fields["police_force"].queryset = PoliceForce.objects.enabled().order_by("name")


@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    """Create an account. The first password is shown once; the person enrols their second
    factor at first sign-in (the two-factor set-up page)."""
    access.require(request.user, Capability.USERS_MANAGE)
    form = AccountForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            password = services.first_password()
            try:
                user = services.user_create(
                    email=data["email"],
                    full_name=data["full_name"].strip(),
                    role=data["role"],
                    password=password,
                    area=data["area"],
                    unit=data["unit"],
                    police_force=data["police_force"],
                    handles_complex_casework=data["handles_complex_casework"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                status = 400
            else:
                return render(
                    request, "accounts/user_created.html", {"created": user, "password": password}
                )
        else:
            status = 400
    return render(
        request,
        "accounts/user_new.html",
        {"form": form, "page_has_errors": bool(form.errors)},
        status=status,
    )
