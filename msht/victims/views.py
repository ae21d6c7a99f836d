"""Pages for victims and witnesses. Thin: forms in, services for writes, selectors for reads.

Every page finds its case or victim through the case register's visibility rule, so a record out
of scope and a missing one are the same 404. Only `reveal` ever shows identifying details.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.audit.services import audit_list_consultation
from msht.cases.selectors import case_get_visible
from msht.cases.services import case_view_record
from msht.cases.tabs import case_tabs
from msht.reference.models import Area

from . import forms as victim_forms
from . import services
from .crypto import IdentityUnreadable
from .models import (
    ApplicationStatus,
    InterpreterBooking,
    ReviewRequest,
    SpecialMeasureApplication,
    Victim,
)
from .selectors import (
    ATTENTION_KINDS,
    case_victims,
    interpreter_warning_days,
    needs_attention,
    victim_get_visible,
    victims_visible_to,
)


def _case_layout() -> str:
    """The case register's case layout when it exists, so the tab looks like the others."""
    try:
        get_template("cases/_layout.html")
    except TemplateDoesNotExist:
        return "victims/_layout.html"
    return "cases/_layout.html"


def _case_context(case) -> dict[str, Any]:
    return {"case": case, "tabs": case_tabs(case.pk, "victims"), "layout": _case_layout()}


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _tab_url(victim: Victim) -> str:
    return f"{reverse('victims:case', args=[victim.case_id])}#victim-{victim.pk}"


def _editable_victim(request: HttpRequest, pk: int) -> Victim:
    access.require(request.user, Capability.VICTIM_EDIT)
    return victim_get_visible(request.user, pk=pk)


def _form_page(
    request: HttpRequest,
    *,
    victim: Victim,
    form_class: type[forms.Form],
    title: str,
    perform: Callable[[dict], Any],
    done: str,
    form_kwargs: dict | None = None,
    intro: str = "",
    submit: str = "Save",
    initial: dict | None = None,
) -> HttpResponse:
    form_kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                perform(form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            except PermissionDenied as error:
                raise Http404 from error
            else:
                messages.success(request, done)
                return redirect(_tab_url(victim))
    else:
        form = form_class(initial={**(initial or {}), "version": victim.version}, **form_kwargs)
        services.victim_view_record(actor=request.user, victim=victim, page=title)
    return render(
        request,
        "victims/form.html",
        {
            **_case_context(victim.case),
            "victim": victim,
            "form": form,
            "title": title,
            "intro": intro,
            "submit": submit,
            "back": _tab_url(victim),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


# --- The case tab and the Area list -------------------------------------------------------------


@require_GET
def case_tab(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(request.user, pk=pk)
    case_view_record(actor=request.user, case=case, page="victims")
    victims = case_victims(case)
    return render(
        request,
        "victims/case.html",
        {
            **_case_context(case),
            "victims": victims,
            "can_edit": access.can(request.user, Capability.VICTIM_EDIT),
            "sees_identities": access.sees_identities(request.user),
            "with_identity": set(
                Victim.objects.filter(case=case)
                .exclude(identity_ciphertext="")
                .values_list("pk", flat=True)
            ),
            "APPLIED": ApplicationStatus.APPLIED,
        },
    )


@require_GET
def attention(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Capability.CASE_VIEW)
    area_code = request.GET.get("area", "")
    areas = list(Area.objects.enabled().filter(kind=Area.Kind.AREA).order_by("order"))
    if area_code not in {a.code for a in areas}:
        area_code = ""
    items = needs_attention(request.user, area_code=area_code)
    audit_list_consultation(
        actor=request.user,
        object_type="victim_list",
        ids=sorted({item.victim_id for item in items}),
        filters={"area": area_code},
        page="victims needing attention",
    )
    groups = [
        {"kind": kind, "title": title, "items": [i for i in items if i.kind == kind]}
        for kind, title in ATTENTION_KINDS.items()
    ]
    return render(
        request,
        "victims/attention.html",
        {
            "groups": groups,
            "total": len(items),
            "areas": areas,
            "area_code": area_code,
            "warning_days": interpreter_warning_days(),
        },
    )


# --- Victims and their identity -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def victim_add(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, Capability.VICTIM_EDIT)
    case = case_get_visible(request.user, pk=pk)
    identity = access.sees_identities(request.user)
    if request.method == "POST":
        form = victim_forms.VictimForm(request.POST, identity=identity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                victim = services.victim_add(
                    actor=request.user,
                    case=case,
                    is_victim=data["role"] in {"victim", "both"},
                    is_witness=data["role"] in {"witness", "both"},
                    age_band=data["age_band"],
                    gender=data["gender"],
                    nationality=data["nationality"],
                    name=data.get("name", "") if identity else "",
                    date_of_birth=data.get("date_of_birth") if identity else None,
                    contact=data.get("contact", "") if identity else "",
                )
            except ValidationError as error:
                _apply_errors(form, error)
            except PermissionDenied as error:
                raise Http404 from error
            else:
                messages.success(request, f"{victim.label} added")
                return redirect(_tab_url(victim))
    else:
        form = victim_forms.VictimForm(identity=identity)
    return render(
        request,
        "victims/form.html",
        {
            **_case_context(case),
            "form": form,
            "title": "Add a victim or witness",
            "intro": "The person is known by a reference such as V1 everywhere in the service. "
            "Identifying details are optional, stored encrypted and shown only to the case team.",
            "submit": "Add",
            "back": reverse("victims:case", args=[case.pk]),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


def _identity_victim(request: HttpRequest, pk: int) -> Victim:
    if not access.sees_identities(request.user):
        raise Http404
    return victim_get_visible(request.user, pk=pk)


@require_http_methods(["GET", "POST"])
def identity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _identity_victim(request, pk)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.IdentityForm,
        title="Change identifying details",
        intro="Enter all the details you want to keep: these replace any already recorded. "
        "They are stored encrypted.",
        perform=lambda d: services.victim_identity_update(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            name=d["name"],
            date_of_birth=d["date_of_birth"],
            contact=d["contact"],
        ),
        done=f"Identifying details for {victim.reference} saved",
    )


@require_http_methods(["GET", "POST"])
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _identity_victim(request, pk)
    identity = None
    form = victim_forms.RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            identity = services.victim_identity_reveal(
                actor=request.user, victim=victim, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        except IdentityUnreadable:
            form.add_error(
                None,
                "This identity cannot be read with the keys configured now. "
                "Ask the system administrator about the encryption keys.",
            )
    return render(
        request,
        "victims/reveal.html",
        {
            **_case_context(victim.case),
            "victim": victim,
            "form": form,
            "identity": identity,
            "back": _tab_url(victim),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


# --- NRM, special measures, interviews ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def nrm(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    initial = {
        "referred": "yes" if victim.nrm_referred else "no",
        "referral_date": victim.nrm_referral_date,
        "first_responder": victim.first_responder,
        "rg_decision": victim.rg_decision,
        "rg_decision_date": victim.rg_decision_date,
        "cg_decision": victim.cg_decision,
        "cg_decision_date": victim.cg_decision_date,
        "exploitation_types": [t.code for t in victim.exploitation_types.all()],
    }
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.NrmForm,
        title="National Referral Mechanism",
        initial=initial,
        perform=lambda d: services.nrm_record(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            referred=d["referred"] == "yes",
            referral_date=d["referral_date"],
            first_responder=d["first_responder"],
            rg_decision=d["rg_decision"],
            rg_decision_date=d["rg_decision_date"],
            cg_decision=d["cg_decision"],
            cg_decision_date=d["cg_decision_date"],
            exploitation_types=d["exploitation_types"],
        ),
        done=f"NRM details for {victim.reference} saved",
    )


@require_http_methods(["GET", "POST"])
def special_measure_apply(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.SpecialMeasureApplyForm,
        title="Apply for a special measure",
        intro="Youth Justice and Criminal Evidence Act 1999 ss23-30. Complainants in Modern "
        "Slavery Act offences are eligible automatically (MSA 2015 s46).",
        perform=lambda d: services.special_measure_apply(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            measure=d["measure"],
            eligibility=d["eligibility"],
            applied_on=d["applied_on"],
        ),
        done=f"Special measures application for {victim.reference} recorded",
    )


@require_http_methods(["GET", "POST"])
def trial_date(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.TrialDateForm,
        title="Trial the person is warned to attend",
        initial={"trial_date": victim.trial_date},
        perform=lambda d: services.victim_trial_date_record(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            trial_date=d["trial_date"],
        ),
        done=f"Trial date for {victim.reference} saved",
    )


def _child(request: HttpRequest, model, pk: int):
    access.require(request.user, Capability.VICTIM_EDIT)
    queryset = model.objects.filter(victim__in=victims_visible_to(request.user).values("pk"))
    obj = access.get_visible_or_404(queryset.select_related("victim", "victim__case"), pk=pk)
    return obj


@require_http_methods(["GET", "POST"])
def special_measure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _child(request, SpecialMeasureApplication, pk)
    victim = application.victim
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.SpecialMeasureDecideForm,
        title=f"Decision on {application.get_measure_display().lower()}",
        intro=f"Applied for on {application.applied_on:%-d %B %Y}.",
        perform=lambda d: services.special_measure_decide(
            actor=request.user,
            expected_version=d["version"],
            application=application,
            status=d["status"],
            decided_on=d["decided_on"],
        ),
        done=f"Special measures decision for {victim.reference} recorded",
    )


@require_http_methods(["GET", "POST"])
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.InterviewForm,
        title="Rate a video-recorded interview",
        perform=lambda d: services.video_interview_record(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            interviewed_on=d["interviewed_on"],
            quality=d["quality"],
            issues=d["issues"],
        ),
        done=f"Interview rating for {victim.reference} recorded",
    )


# --- Interpreters and intermediaries ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def interpreter_request(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.InterpreterRequestForm,
        title="Request an interpreter or intermediary",
        perform=lambda d: services.interpreter_request(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            kind=d["kind"],
            language=d["language"],
            purpose=d["purpose"],
            requested_on=d["requested_on"],
            needed_by=d["needed_by"],
        ),
        done=f"Request for {victim.reference} recorded",
    )


@require_http_methods(["GET", "POST"])
def interpreter_book(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _child(request, InterpreterBooking, pk)
    return _form_page(
        request,
        victim=booking.victim,
        form_class=victim_forms.InterpreterBookForm,
        title=f"Record the booking: {booking.title.lower()}",
        intro=f"Needed on {booking.needed_by:%-d %B %Y}.",
        perform=lambda d: services.interpreter_book(
            actor=request.user,
            expected_version=d["version"],
            booking=booking,
            booked_on=d["booked_on"],
        ),
        done=f"Booking for {booking.victim.reference} recorded",
    )


@require_http_methods(["GET", "POST"])
def interpreter_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _child(request, InterpreterBooking, pk)
    return _form_page(
        request,
        victim=booking.victim,
        form_class=victim_forms.InterpreterOutcomeForm,
        title=f"What happened: {booking.title.lower()}",
        intro=f"Needed on {booking.needed_by:%-d %B %Y}.",
        perform=lambda d: services.interpreter_outcome_record(
            actor=request.user,
            expected_version=d["version"],
            booking=booking,
            outcome=d["outcome"],
            effect=d["effect"],
        ),
        done=f"Outcome for {booking.victim.reference} recorded",
    )


# --- Engagement, review, letters ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def engagement(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.EngagementForm,
        title="Record engagement",
        perform=lambda d: services.engagement_record(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            status=d["status"],
            occurred_on=d["occurred_on"],
            reason=d["reason"],
            support_organisation=d["support_organisation"],
        ),
        done=f"Engagement for {victim.reference} recorded",
    )


@require_http_methods(["GET", "POST"])
def review_request(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.ReviewRequestForm,
        title="Record a right to review request",
        perform=lambda d: services.review_request_record(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            decision_kind=d["decision_kind"],
            requested_on=d["requested_on"],
        ),
        done=f"Right to review request for {victim.reference} recorded",
    )


@require_http_methods(["GET", "POST"])
def review_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    review = _child(request, ReviewRequest, pk)
    return _form_page(
        request,
        victim=review.victim,
        form_class=victim_forms.ReviewOutcomeForm,
        title="Outcome of the right to review request",
        intro=f"Requested on {review.requested_on:%-d %B %Y}.",
        perform=lambda d: services.review_outcome_record(
            actor=request.user,
            expected_version=d["version"],
            review=review,
            outcome=d["outcome"],
            outcome_on=d["outcome_on"],
        ),
        done=f"Review outcome for {review.victim.reference} recorded",
    )


@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    victim = _editable_victim(request, pk)
    target = services.letter_target_working_days(victim)
    return _form_page(
        request,
        victim=victim,
        form_class=victim_forms.LetterForm,
        title="Record a decision letter",
        intro=f"The target is {target} working day{'s' if target != 1 else ''} from the "
        "decision to the letter being sent.",
        perform=lambda d: services.decision_letter_record(
            actor=request.user,
            expected_version=d["version"],
            victim=victim,
            kind=d["kind"],
            decision_on=d["decision_on"],
            sent_on=d["sent_on"],
        ),
        done=f"Letter to {victim.reference} recorded",
    )
