"""Quality pages. Thin: forms check shape, services check rules, selectors decide scope."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.cases.selectors import case_by_urn_visible
from msht.cases.urn import urn_normalise

from . import selectors, services
from .forms import (
    ActionForm,
    AnswersForm,
    AssessmentStartForm,
    DashboardFilterForm,
    FindingForm,
    ReassignForm,
    SampleForm,
    SignOffForm,
    apply_errors,
)
from .models import AssessmentStatus, FollowUpAction, Question, TemplateVersion
from .sampling import SampleRefused
from .selectors import DashboardFilters


def _require_quality(user) -> None:
    if not selectors.may_use_quality(user):
        raise Http404


def _audit_list(user, assessments, page: str) -> None:
    services.assessments_list_view_record(actor=user, ids=[a.pk for a in assessments], page=page)


@require_GET
def home(request):
    user = request.user
    _require_quality(user)
    mine = list(selectors.my_open_reviews(user, limit=20))
    to_sign = list(selectors.awaiting_sign_off(user)[:20])
    _audit_list(user, mine + to_sign, "quality home")
    return render(
        request,
        "quality/home.html",
        {
            "mine": mine,
            "to_sign": to_sign,
            "samples": list(selectors.sample_list(user)[:5]),
            "can_manage": access.can(user, Capability.QUALITY_MANAGE),
            "can_sign_off": access.can(user, Capability.QUALITY_SIGN_OFF),
            "overdue_count": selectors.overdue_assessments(user).count(),
        },
    )


@require_GET
def assessment_list(request):
    user = request.user
    _require_quality(user)
    status = request.GET.get("status", "")
    if status not in AssessmentStatus.values:
        status = ""
    overdue = request.GET.get("overdue") == "1"
    paginator = Paginator(selectors.assessment_list(user, status=status, overdue=overdue), 50)
    page = paginator.get_page(request.GET.get("page"))
    _audit_list(user, page.object_list, "assessment list")
    query = "&".join(
        part
        for part in (f"status={status}" if status else "", "overdue=1" if overdue else "")
        if part
    )
    return render(
        request,
        "quality/assessment_list.html",
        {
            "page": page,
            "status": status,
            "overdue": overdue,
            "query": query,
            "statuses": AssessmentStatus.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_start(request):
    user = request.user
    access.require(user, Capability.QUALITY_SIGN_OFF)
    area_id = access.own_area_id(user)
    if area_id is None:
        raise Http404
    form = AssessmentStartForm(request.POST or None, area_id=area_id)
    if request.method == "POST" and form.is_valid():
        case = case_by_urn_visible(user, urn=urn_normalise(form.cleaned_data["urn"]))
        if case is None:
            form.add_error("urn", "There is no case with that URN in your Area")
        else:
            try:
                assessment = services.assessment_create(
                    actor=user,
                    case=case,
                    template=form.cleaned_data["template"],
                    reviewer=form.cleaned_data["reviewer"],
                    due_date=form.cleaned_data["due_date"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Review started and assigned")
                return redirect("quality:assessment", assessment.pk)
    return render(
        request,
        "quality/assessment_start.html",
        {"form": form, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


def _detail(request, assessment, *, status: int = 200, **forms):
    user = request.user
    is_reviewer = assessment.reviewer_id == user.pk and access.can(user, Capability.QUALITY_REVIEW)
    can_answer = is_reviewer and assessment.is_open
    manages = services.manages_area(user, assessment.case.area_id)
    can_add = services.may_add_findings(user, assessment)
    standards = selectors.assessment_standards(assessment)
    if can_answer and "answers_form" not in forms:
        questions = [item["question"] for s in standards for item in s["questions"]]
        answers = {
            item["question"].pk: item["answer"]
            for s in standards
            for item in s["questions"]
            if item["answer"]
        }
        forms["answers_form"] = AnswersForm(
            questions=questions,
            answers=answers,
            initial={"summary": assessment.summary, "version": assessment.version},
        )
    if can_add:
        forms.setdefault("finding_form", FindingForm(assessment=assessment))
        forms.setdefault("action_form", ActionForm(assessment=assessment))
    if manages and assessment.status == AssessmentStatus.COMPLETED:
        forms.setdefault("sign_off_form", SignOffForm(initial={"version": assessment.version}))
    if manages and assessment.is_open:
        forms.setdefault(
            "reassign_form",
            ReassignForm(
                area_id=assessment.case.area_id,
                initial={"reviewer": assessment.reviewer_id, "version": assessment.version},
            ),
        )
    services.assessment_view_record(actor=user, assessment=assessment)
    page_has_errors = any(form.errors for form in forms.values())
    return render(
        request,
        "quality/assessment_detail.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "standards": standards,
            "findings": selectors.assessment_findings(assessment),
            "actions": selectors.assessment_actions(assessment),
            "can_answer": can_answer,
            "manages": manages,
            "page_has_errors": page_has_errors,
            **forms,
        },
        status=status,
    )


@require_GET
def assessment_detail(request, pk: int):
    _require_quality(request.user)
    assessment = selectors.assessment_get_visible(request.user, pk=pk)
    return _detail(request, assessment)


def _post_target(request, pk: int):
    _require_quality(request.user)
    return selectors.assessment_get_visible(request.user, pk=pk)


@require_POST
def assessment_answers(request, pk: int):
    assessment = _post_target(request, pk)
    questions = list(
        Question.objects.filter(standard__version_id=assessment.template_version_id).order_by(
            "standard__order", "order"
        )
    )
    form = AnswersForm(request.POST, questions=questions, answers={})
    complete = "complete" in request.POST
    if form.is_valid():
        try:
            services.assessment_answers_save(
                actor=request.user,
                assessment=assessment,
                answers=form.answers(),
                summary=form.cleaned_data["summary"],
                complete=complete,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "Assessment completed and sent for sign-off" if complete else "Answers saved",
            )
            return redirect("quality:assessment", assessment.pk)
    return _detail(request, assessment, status=400, answers_form=form)


@require_POST
def assessment_finding(request, pk: int):
    assessment = _post_target(request, pk)
    form = FindingForm(request.POST, assessment=assessment)
    if form.is_valid():
        try:
            services.finding_add(
                actor=request.user,
                assessment=assessment,
                text=form.cleaned_data["text"],
                topics=form.cleaned_data["topics"],
                person=form.cleaned_data["person"],
                question=form.cleaned_data["question"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Finding added")
            return redirect("quality:assessment", assessment.pk)
    return _detail(request, assessment, status=400, finding_form=form)


@require_POST
def assessment_action(request, pk: int):
    assessment = _post_target(request, pk)
    form = ActionForm(request.POST, assessment=assessment)
    if form.is_valid():
        try:
            services.action_add(
                actor=request.user,
                assessment=assessment,
                description=form.cleaned_data["description"],
                owner=form.cleaned_data["owner"],
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Follow-up action added")
            return redirect("quality:assessment", assessment.pk)
    return _detail(request, assessment, status=400, action_form=form)


@require_POST
def action_done(request, pk: int):
    _require_quality(request.user)
    visible = FollowUpAction.objects.filter(
        assessment__in=selectors.assessments_visible_to(request.user).values("pk")
    ).select_related("assessment")
    action = access.get_visible_or_404(visible, pk=pk)
    try:
        services.action_complete(actor=request.user, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Action marked as done")
    return redirect("quality:assessment", action.assessment_id)


@require_POST
def assessment_sign_off(request, pk: int):
    assessment = _post_target(request, pk)
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_sign_off(
                actor=request.user,
                assessment=assessment,
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Assessment signed off")
            return redirect("quality:assessment", assessment.pk)
    return _detail(request, assessment, status=400, sign_off_form=form)


@require_POST
def assessment_reassign(request, pk: int):
    assessment = _post_target(request, pk)
    form = ReassignForm(request.POST, area_id=assessment.case.area_id)
    if form.is_valid():
        try:
            services.assessment_reassign(
                actor=request.user,
                assessment=assessment,
                reviewer=form.cleaned_data["reviewer"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Reviewer changed")
            return redirect("quality:assessment", assessment.pk)
    return _detail(request, assessment, status=400, reassign_form=form)


# --- Samples ------------------------------------------------------------------------------------


@require_GET
def sample_list(request):
    access.require(request.user, Capability.QUALITY_MANAGE)
    paginator = Paginator(selectors.sample_list(request.user), 25)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "quality/sample_list.html",
        {
            "page": page,
            "query": "",
            "can_sign_off": access.can(request.user, Capability.QUALITY_SIGN_OFF),
        },
    )


@require_http_methods(["GET", "POST"])
def sample_new(request):
    user = request.user
    access.require(user, Capability.QUALITY_SIGN_OFF)
    area_id = access.own_area_id(user)
    if area_id is None:
        raise Http404
    form = SampleForm(request.POST or None, area_id=area_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sample = services.dip_sample_draw(
                actor=user,
                area=user.area,
                period_start=data["period_start"],
                period_end=data["period_end"],
                basis=data["basis"],
                method=data["method"],
                rate_percent=data["rate_percent"],
                count=data["count"],
                template=data["template"],
                reviewers=list(data["reviewers"]),
                due_date=data["due_date"],
                seed=data["seed"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"Sample drawn: {sample.assessments.count()} cases assigned to reviewers"
            )
            return redirect("quality:sample", sample.pk)
    return render(
        request,
        "quality/sample_new.html",
        {"form": form, "page_has_errors": bool(form.errors), "area": user.area},
        status=400 if form.errors else 200,
    )


@require_GET
def sample_detail(request, pk: int):
    user = request.user
    access.require(user, Capability.QUALITY_MANAGE)
    sample = selectors.sample_get_visible(user, pk=pk)
    assessments = list(selectors.assessment_list(user, sample=sample))
    _audit_list(user, assessments, "dip sample")
    drawn = sorted(a.case_id for a in assessments)
    try:
        reproduces = sorted(services.dip_sample_redraw(user, sample)) == drawn
    except SampleRefused:  # the population changed so much that the size is now refused
        reproduces = False
    return render(
        request,
        "quality/sample_detail.html",
        {
            "sample": sample,
            "assessments": assessments,
            "reproduces": reproduces,
            "strata": sorted(sample.strata.items()),
        },
    )


# --- Dashboards, training needs, allocation, templates ------------------------------------------


def _dashboard_filters(request) -> tuple[DashboardFilterForm, DashboardFilters]:
    form = DashboardFilterForm(request.GET or None)
    filters = DashboardFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = DashboardFilters(
            area=data["area"].code if data["area"] else "",
            unit=data["unit"].code if data["unit"] else "",
            completed_from=data["completed_from"],
            completed_to=data["completed_to"],
        )
    return form, filters


@require_GET
def dashboard(request):
    user = request.user
    access.require(user, Capability.QUALITY_MANAGE)
    form, filters = _dashboard_filters(request)
    return render(
        request,
        "quality/dashboard.html",
        {
            "form": form,
            "page_has_errors": bool(form.errors),
            "national": access.sees_all_areas(user),
            "overall": selectors.compliance_overall(user, filters),
            "by_month": selectors.compliance_by(user, "month", filters),
            "by_area": selectors.compliance_by(user, "area", filters),
            "by_unit": selectors.compliance_by(user, "unit", filters),
            "by_standard": selectors.compliance_by(user, "standard", filters),
            "by_question": selectors.compliance_by(user, "question", filters),
            "failures": selectors.most_common_failures(user, filters),
            "overdue_reviews": list(selectors.overdue_assessments(user)[:50]),
            "overdue_actions": list(selectors.overdue_actions(user)[:50]),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def training_needs(request):
    user = request.user
    access.require(user, Capability.QUALITY_MANAGE)
    form, filters = _dashboard_filters(request)
    return render(
        request,
        "quality/training_needs.html",
        {
            "form": form,
            "page_has_errors": bool(form.errors),
            "national": access.sees_all_areas(user),
            "by_area": selectors.training_needs(user, "area", filters),
            "by_unit": selectors.training_needs(user, "unit", filters),
            "by_person": selectors.training_needs(user, "person", filters),
        },
    )


@require_GET
def allocation(request):
    user = request.user
    access.require(user, Capability.QUALITY_MANAGE)
    area = request.GET.get("area", "")[:40]
    return render(
        request,
        "quality/allocation.html",
        {
            "by_area": selectors.allocation_assurance_by_area(user),
            "by_unit": selectors.allocation_assurance_by_unit(user, area=area),
            "deviations": list(selectors.allocation_deviations(user, area=area)),
        },
    )


@require_GET
def template_list(request):
    _require_quality(request.user)
    return render(request, "quality/template_list.html", {"templates": selectors.templates_all()})


@require_GET
def template_version(request, pk: int):
    _require_quality(request.user)
    version = access.get_visible_or_404(TemplateVersion.objects.select_related("template"), pk=pk)
    standards = version.standards.prefetch_related("questions__topic")
    return render(
        request, "quality/template_version.html", {"version": version, "standards": standards}
    )
