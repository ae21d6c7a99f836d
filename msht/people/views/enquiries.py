"""Legal enquiries: raise, the queue or one's own, one enquiry, answer, point of law, measures."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msht.accounts import access
from msht.accounts.access import request_user
from msht.accounts.roles import Capability
from msht.insight.catalogue import MEASURES_BY_ID
from msht.reference import dates

from .. import services
from ..forms import AnswerForm, EnquiryFilterForm, EnquiryForm
from ..models import EnquiryStatus
from ..selectors import enquiries as selectors
from .common import apply_errors, needs

READERS = (Capability.ENQUIRY_RAISE, Capability.ENQUIRY_ANSWER, Capability.ENQUIRY_OVERSEE)
PER_PAGE = 25
MEASURE_DAYS = 365


@require_GET
@needs(*READERS)
def enquiry_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = EnquiryFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    enquiries = selectors.enquiry_list(user, status=status)
    page = Paginator(enquiries, PER_PAGE).get_page(request.GET.get("page"))
    queue = access.sees_every_enquiry(user)
    services.enquiry_list_consultation(
        actor=user,
        view="queue" if queue else "mine",
        filters={"status": status, "page": page.number},
        enquiry_ids=[e.pk for e in page],
    )
    return render(
        request,
        "people/enquiry_list.html",
        {
            "page": page,
            "form": form,
            "queue": queue,
            "status": status,
            "can_raise": access.can(user, Capability.ENQUIRY_RAISE),
            "today": dates.today(),
        },
    )


@require_http_methods(["GET", "POST"])
@needs(Capability.ENQUIRY_RAISE)
def enquiry_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    links_cases = access.can(user, Capability.CASE_VIEW)
    form = EnquiryForm(
        request.POST if request.method == "POST" else None,
        topics=selectors.topics(),
        links_cases=links_cases,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                enquiry = services.enquiry_raise(
                    actor=user,
                    topic=data["topic"],
                    question=data["question"],
                    urgency=data["urgency"],
                    case_urn=data.get("case_urn", ""),
                )
            except ValidationError as error:
                apply_errors(form, error)
                status = 400
            else:
                messages.success(
                    request,
                    f"Your enquiry {enquiry.reference} has been sent to the national legal lead. "
                    f"The answer is due by {dates.long_date(enquiry.due_on)}.",
                )
                return redirect("people:enquiry", pk=enquiry.pk)
        else:
            status = 400
    return render(
        request,
        "people/enquiry_new.html",
        {"form": form, "page_has_errors": bool(form.errors)},
        status=status,
    )


def _enquiry_page(request, enquiry, answer_form=None, status=200) -> HttpResponse:
    user = request_user(request)
    can_answer = access.can(user, Capability.ENQUIRY_ANSWER)
    if answer_form is None and can_answer and enquiry.status == EnquiryStatus.OPEN:
        answer_form = AnswerForm(initial={"version": enquiry.version})
    services.enquiry_record_consultation(actor=user, enquiry=enquiry)
    return render(
        request,
        "people/enquiry.html",
        {
            "enquiry": enquiry,
            "case": selectors.linked_case_for(user, enquiry),
            "answer_form": answer_form if can_answer else None,
            "can_draft": can_answer
            and access.can(user, Capability.HUB_WRITE)
            and enquiry.status == EnquiryStatus.ANSWERED
            and enquiry.hub_item_id is None,
            "sees_hub_item": access.can(user, Capability.HUB_READ),
            "today": dates.today(),
            "page_has_errors": bool(answer_form and answer_form.errors),
        },
        status=status,
    )


@require_GET
@needs(*READERS)
def enquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = selectors.enquiry_get_visible(request_user(request), pk=pk)
    return _enquiry_page(request, enquiry)


@require_POST
@needs(Capability.ENQUIRY_ANSWER)
def enquiry_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    enquiry = selectors.enquiry_get_visible(user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _enquiry_page(request, enquiry, form, status=400)
    try:
        services.enquiry_answer(
            actor=user,
            enquiry=enquiry,
            answer=form.cleaned_data["answer"],
            expected_version=form.cleaned_data["version"],
        )
    except services.Conflict as error:
        apply_errors(form, error)
        enquiry = selectors.enquiry_get_visible(user, pk=pk)
        return _enquiry_page(request, enquiry, form, status=409)
    except ValidationError as error:
        apply_errors(form, error)
        return _enquiry_page(request, enquiry, form, status=400)
    messages.success(request, f"Enquiry {enquiry.reference} has been answered.")
    return redirect("people:enquiry", pk=enquiry.pk)


@require_POST
@needs(Capability.ENQUIRY_ANSWER)
def enquiry_point_of_law(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    enquiry = selectors.enquiry_get_visible(user, pk=pk)
    try:
        item = services.enquiry_point_of_law_draft(actor=user, enquiry=enquiry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("people:enquiry", pk=enquiry.pk)
    messages.success(
        request,
        "A draft point of law has been written from the answer. Edit it to remove anything that "
        "identifies a case, then send it for review.",
    )
    return redirect(reverse("hub:item", args=[item.pk]))


@require_GET
@needs(Capability.ENQUIRY_ANSWER, Capability.ENQUIRY_OVERSEE)
def enquiry_measures(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    end = dates.today()
    start = end - timedelta(days=MEASURE_DAYS - 1)
    figures = selectors.enquiry_measures(user, start=start, end=end)
    return render(
        request,
        "people/enquiry_measures.html",
        {
            "figures": figures,
            "start": start,
            "end": end,
            "count_measure": MEASURES_BY_ID["legal_enquiries"],
            "median_measure": MEASURES_BY_ID["legal_enquiry_turnaround"],
            "sees_definitions": access.can(user, Capability.PERFORMANCE_VIEW),
        },
    )
