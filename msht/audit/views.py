from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from msht.accounts import access
from msht.accounts.roles import Capability

from .models import Operation
from .selectors import audit_events_visible_to
from .services import audit_list_consultation


class AuditFilterForm(forms.Form):
    operation = forms.ChoiceField(
        label="Operation", required=False, choices=[("", "Any")] + list(Operation.choices)
    )
    actor = forms.CharField(label="Person (email)", required=False, max_length=254)
    object_type = forms.CharField(label="Record type", required=False, max_length=80)
    object_id = forms.CharField(label="Record id", required=False, max_length=80)


@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Capability.AUDIT_VIEW)
    events = audit_events_visible_to(request.user)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["operation"]:
            events = events.filter(operation=data["operation"])
        if data["actor"]:
            events = events.filter(actor_label__icontains=data["actor"].strip())
        if data["object_type"]:
            events = events.filter(object_type=data["object_type"].strip())
        if data["object_id"]:
            events = events.filter(object_id=data["object_id"].strip())
    page = Paginator(events.order_by("-sequence"), 50).get_page(request.GET.get("page"))
    audit_list_consultation(
        actor=request.user,
        object_type="audit_event_list",
        ids=[event.pk for event in page.object_list],
        filters={**(form.cleaned_data if form.is_valid() else {}), "page": page.number},
        page="audit trail",
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )
