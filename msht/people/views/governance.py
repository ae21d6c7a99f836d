"""Governance: meetings, recording one, decisions and actions, one's own actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msht.accounts import access
from msht.accounts.access import request_user
from msht.accounts.models import User
from msht.accounts.roles import Capability
from msht.reference import dates

from .. import services
from ..forms import ActionForm, CompleteForm, DecisionForm, MeetingForm
from ..models import AREA_BODIES, Body
from ..selectors import governance as selectors
from ..services.governance import may_change_meeting
from .common import apply_errors, needs, signed_in

VIEWERS = (Capability.GOVERNANCE_VIEW, Capability.GOVERNANCE_VIEW_ALL)
PER_PAGE = 25


@require_GET
@needs(*VIEWERS)
def meeting_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    body = request.GET.get("body", "")
    body = body if body in Body.values else ""
    page = Paginator(selectors.meeting_list(user, body=body), PER_PAGE).get_page(
        request.GET.get("page")
    )
    services.meeting_record_consultation(
        actor=user, meeting_ids=[m.pk for m in page], view="list", filters={"body": body}
    )
    return render(
        request,
        "people/meeting_list.html",
        {
            "page": page,
            "body": body,
            "bodies": Body.choices,
            "can_record": access.can(user, Capability.GOVERNANCE_RECORD),
        },
    )


def _bodies_for(user) -> list[str]:
    bodies: list[str] = []
    if selectors.recordable_areas(user).exists():
        bodies += list(AREA_BODIES)
    if access.may_record_national_meetings(user):
        bodies.append(Body.NATIONAL_BOARD)
    return bodies


def _meeting_form(request: HttpRequest, user) -> MeetingForm:
    areas = selectors.recordable_areas(user)
    single_area = areas.first() if areas.count() == 1 else None
    papers = selectors.papers_offered(user)
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and single_area is not None and not data.get("area"):
        data["area"] = str(single_area.pk)
    return MeetingForm(
        data,
        bodies=_bodies_for(user),
        areas=areas,
        people=selectors.people_for_meeting(single_area.pk if single_area else None),
        packs=papers["packs"],
        samples=papers["samples"],
        initial={"area": single_area.pk if single_area else None},
    )


def _attendees(form: MeetingForm) -> list:
    people = list(form.cleaned_data.get("attendees") or [])
    emails = form.other_emails()
    if emails:
        found = {u.email: u for u in User.objects.filter(email__in=emails, is_active=True)}
        unknown = [e for e in emails if e not in found]
        if unknown:
            raise ValidationError(
                {"other_attendees": f"No active account has the email address {unknown[0]}"}
            )
        people += [u for u in found.values() if u not in people]
    return people


@require_http_methods(["GET", "POST"])
@needs(Capability.GOVERNANCE_RECORD)
def meeting_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = _meeting_form(request, user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = services.meeting_record(
                    actor=user,
                    body=data["body"],
                    area=data.get("area") if data["body"] in AREA_BODIES else None,
                    held_on=data["held_on"],
                    attendees=_attendees(form),
                    packs=data.get("packs") or [],
                    samples=data.get("samples") or [],
                    decisions=form.decision_lines(),
                    notes=data.get("notes") or "",
                )
            except ValidationError as error:
                apply_errors(form, error)
                status = 400
            else:
                messages.success(
                    request, f"The {meeting.title} has been recorded. Now add its actions."
                )
                return redirect("people:meeting", pk=meeting.pk)
        else:
            status = 400
    return render(
        request,
        "people/meeting_new.html",
        {
            "form": form,
            "single_area": selectors.recordable_areas(user).count() == 1,
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def _meeting_page(request, meeting, *, decision_form=None, action_form=None, status=200):
    user = request_user(request)
    can_change = may_change_meeting(user, meeting)
    if can_change:
        decision_form = decision_form or DecisionForm()
        action_form = action_form or ActionForm(owners=selectors.owners_for_meeting(meeting))
    services.meeting_record_consultation(actor=user, meeting_ids=[meeting.pk], view="meeting")
    return render(
        request,
        "people/meeting.html",
        {
            "meeting": meeting,
            **selectors.meeting_papers(meeting),
            "can_change": can_change,
            "decision_form": decision_form,
            "action_form": action_form,
            "today": dates.today(),
            "page_has_errors": bool(
                (decision_form and decision_form.errors) or (action_form and action_form.errors)
            ),
        },
        status=status,
    )


@require_GET
@signed_in
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_visible(request_user(request), pk=pk)
    return _meeting_page(request, meeting)


@require_POST
@needs(Capability.GOVERNANCE_RECORD)
def meeting_decision(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    meeting = selectors.meeting_get_visible(user, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_decision_add(
                actor=user, meeting=meeting, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The decision has been recorded.")
            return redirect("people:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, decision_form=form, status=400)


@require_POST
@needs(Capability.GOVERNANCE_RECORD)
def meeting_action(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    meeting = selectors.meeting_get_visible(user, pk=pk)
    form = ActionForm(request.POST, owners=selectors.owners_for_meeting(meeting))
    if form.is_valid():
        data = form.cleaned_data
        try:
            action = services.meeting_action_add(
                actor=user,
                meeting=meeting,
                description=data["description"],
                owner=data["owner"],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"The action has been given to {action.owner.full_name}, due by "
                f"{dates.long_date(action.due_on)}.",
            )
            return redirect("people:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, action_form=form, status=400)


@require_GET
@signed_in
def my_actions(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    actions = list(selectors.actions_owned_by(user)[:200])
    return render(
        request,
        "people/my_actions.html",
        {
            "open": [a for a in actions if a.completed_on is None],
            "done": [a for a in actions if a.completed_on is not None][:20],
            "today": dates.today(),
            "form": CompleteForm(),
        },
    )


@require_POST
@signed_in
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    action = selectors.action_get_visible(user, pk=pk)
    form = CompleteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if not form.is_valid():
        messages.error(request, "Note must be 500 characters or fewer")
    else:
        try:
            services.meeting_action_complete(actor=user, action=action, note=note)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The action is marked as done.")
    target = request.POST.get("next", "")
    if target == "mine":
        return redirect("people:my-actions")
    return redirect("people:meeting", pk=action.meeting_id)
