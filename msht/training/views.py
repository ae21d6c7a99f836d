"""Training pages: thin views that parse a form, call a service or selector and render."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.insight import charts
from msht.quality.models import Topic

from . import selectors, services
from .forms import CompletionForm, CourseForm, FilterForm, PeopleFilterForm, RequirementForm
from .models import Course

PEOPLE_PAGE_SIZE = 50


def _require_view(user) -> None:
    access.require(user, Capability.TRAINING_VIEW)


def _context(user, current: str, **extra) -> dict:
    return {
        "current": current,
        "can_manage": access.can(user, Capability.TRAINING_MANAGE),
        "can_view": access.can(user, Capability.TRAINING_VIEW),
        "can_import": access.can(user, Capability.DATA_IMPORT),
        **extra,
    }


def _filters(request, form_class=FilterForm):
    user = request.user
    show_area = access.training_sees_all_areas(user)
    form = form_class(request.GET or None, show_area=show_area)
    filters = selectors.NO_FILTERS
    status = "required"
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.TrainingFilters(
            area=data.get("area", "") or "",
            unit=data["unit"] or "",
            role_code=data["role"] or "",
            course=data["course"] or "",
        )
        status = data.get("status") or "required"
    return form, filters, status


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _float(value) -> float | None:
    return float(value) if value is not None else None


# --- Compliance ---------------------------------------------------------------------------------


@require_GET
def overview(request):
    user = request.user
    _require_view(user)
    form, filters, _status = _filters(request)
    data = selectors.compliance_overview(user, filters)
    trend_chart = charts.line_chart(
        "training-trend",
        "Training compliance by month, per cent",
        [f"{point['month']:%b %Y}" for point in data["trend"]],
        [("Compliance", [_float(point["figures"].rate) for point in data["trend"]])],
    )
    return render(
        request,
        "training/overview.html",
        _context(
            user,
            "overview",
            form=form,
            filters=filters,
            page_has_errors=bool(form.errors),
            trend_chart=trend_chart,
            **data,
        ),
        status=400 if form.errors else 200,
    )


@require_GET
def people(request):
    user = request.user
    _require_view(user)
    form, filters, status = _filters(request, PeopleFilterForm)
    duties = selectors.duties_with_status(user, filters, status=status)
    page = Paginator(duties, PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    services.training_view_record(
        actor=user,
        page="training:people",
        person_ids=[duty.person.id for duty in page.object_list] or [],
        filters={**filters.as_query(), "status": status},
    )
    query = urlencode({**filters.as_query(), "status": status})
    return render(
        request,
        "training/people.html",
        _context(
            user,
            "overview",
            form=form,
            page=page,
            query=query,
            status_label=selectors.STATUS_FILTERS[status],
            total=len(duties),
            page_has_errors=bool(form.errors),
        ),
        status=400 if form.errors else 200,
    )


@require_GET
def person(request, pk: int):
    user = request.user
    _require_view(user)
    someone = access.get_visible_or_404(selectors.people_in_scope(user), pk=pk)
    services.training_view_record(actor=user, page="training:person", person_ids=[someone.pk])
    return render(
        request,
        "training/person.html",
        _context(user, "overview", person=someone, **selectors.person_training(user, someone)),
    )


@require_GET
def mine(request):
    user = request.user
    return render(
        request,
        "training/mine.html",
        _context(user, "mine", **selectors.my_training(user)),
    )


# --- Catalogue ----------------------------------------------------------------------------------


@require_GET
def course_list(request):
    _require_view(request.user)
    return render(
        request,
        "training/courses.html",
        _context(request.user, "courses", courses=list(selectors.courses_all())),
    )


@require_GET
def course_detail(request, pk: int):
    _require_view(request.user)
    course = selectors.course_with_topics(pk)
    requirements = list(selectors.requirements_all().filter(course=course))
    return render(
        request,
        "training/course.html",
        _context(
            request.user,
            "courses",
            course=course,
            requirements=requirements,
            role_label=selectors.role_label,
        ),
    )


def _course_fields(data) -> services.CourseFields:
    return services.CourseFields(
        code=data["code"],
        title=data["title"],
        provider=data["provider"],
        kind=data["kind"],
        duration_minutes=data["duration_minutes"],
        refresh_months=data["refresh_months"],
        description=data["description"],
        topic_ids=tuple(topic.pk for topic in data["topics"]),
        enabled=data["enabled"] == "yes",
    )


@require_http_methods(["GET", "POST"])
def course_edit(request, pk: int | None = None):
    user = request.user
    access.require(user, Capability.TRAINING_MANAGE)
    course = selectors.course_with_topics(pk) if pk is not None else None
    initial = {}
    if course is not None:
        initial = {
            "version": course.version,
            "title": course.title,
            "code": course.code,
            "provider": course.provider,
            "kind": course.kind,
            "duration_minutes": course.duration_minutes,
            "refresh_months": course.refresh_months,
            "description": course.description,
            "topics": [topic.pk for topic in course.topics.all()],
            "enabled": "yes" if course.is_enabled else "no",
        }
    form = CourseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fields = _course_fields(form.cleaned_data)
            if course is None:
                course = services.course_create(actor=user, fields=fields)
            else:
                course = services.course_update(
                    actor=user,
                    course=course,
                    expected_version=form.cleaned_data["version"] or 0,
                    fields=fields,
                )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{course.title} saved")
            return redirect("training:course", pk=course.pk)
    return render(
        request,
        "training/course_form.html",
        _context(
            user,
            "courses",
            form=form,
            course=course,
            topics=Topic.objects.filter(disabled_on__isnull=True),
            page_has_errors=bool(form.errors),
        ),
        status=400 if form.errors else 200,
    )


# --- Requirements -------------------------------------------------------------------------------


@require_GET
def requirement_list(request):
    _require_view(request.user)
    return render(
        request,
        "training/requirements.html",
        _context(
            request.user,
            "requirements",
            requirements=list(selectors.requirements_all()),
            role_label=selectors.role_label,
        ),
    )


def _requirement_fields(data, course: Course) -> services.RequirementFields:
    return services.RequirementFields(
        course=course,
        for_role=data["for_role"],
        unit_id=data["unit"].pk if data["unit"] else None,
        complex_casework_only=data["complex_casework_only"],
        level=data["level"],
        refresh_months=data["refresh_months"],
        due_within_days=data["due_within_days"],
        enabled=data["enabled"] == "yes",
    )


@require_http_methods(["GET", "POST"])
def requirement_edit(request, pk: int | None = None):
    user = request.user
    access.require(user, Capability.TRAINING_MANAGE)
    requirement = selectors.requirement_get(pk) if pk is not None else None
    initial: dict = {"due_within_days": 90, "enabled": "yes"}
    if requirement is not None:
        initial = {
            "version": requirement.version,
            "course": requirement.course_id,
            "for_role": requirement.for_role,
            "unit": requirement.unit_id,
            "complex_casework_only": requirement.complex_casework_only,
            "level": requirement.level,
            "refresh_months": requirement.refresh_months,
            "due_within_days": requirement.due_within_days,
            "enabled": "no" if requirement.disabled_on else "yes",
        }
    form = RequirementForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        current_course=requirement.course if requirement else None,
    )
    if request.method == "POST" and form.is_valid():
        course = Course.objects.get(pk=form.cleaned_data["course"])
        try:
            fields = _requirement_fields(form.cleaned_data, course)
            if requirement is None:
                services.requirement_create(actor=user, fields=fields)
            else:
                services.requirement_update(
                    actor=user,
                    requirement=requirement,
                    expected_version=form.cleaned_data["version"] or 0,
                    fields=fields,
                )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Requirement for {course.title} saved")
            return redirect("training:requirements")
    return render(
        request,
        "training/requirement_form.html",
        _context(
            user,
            "requirements",
            form=form,
            requirement=requirement,
            page_has_errors=bool(form.errors),
        ),
        status=400 if form.errors else 200,
    )


# --- Completions --------------------------------------------------------------------------------


@require_GET
def completion_list(request):
    user = request.user
    access.require(user, Capability.TRAINING_MANAGE)
    completions = selectors.completions_recent(user)
    services.training_view_record(
        actor=user,
        page="training:completions",
        person_ids=[completion.person_id for completion in completions],
    )
    return render(
        request,
        "training/completions.html",
        _context(user, "completions", completions=completions),
    )


@require_http_methods(["GET", "POST"])
def completion_new(request):
    user = request.user
    access.require(user, Capability.TRAINING_MANAGE)
    form = CompletionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            completion = services.completion_record(
                actor=user,
                person=selectors.person_by_email(data["email"]),
                course=Course.objects.filter(pk=data["course"]).first(),
                completed_on=data["completed_on"],
                reference=data["reference"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{completion.course.title} recorded for {completion.person.full_name}",
            )
            return redirect("training:completions")
    return render(
        request,
        "training/completion_form.html",
        _context(user, "completions", form=form, page_has_errors=bool(form.errors)),
        status=400 if form.errors else 200,
    )
