"""Case pages: thin views over the selectors and services."""

from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET, require_http_methods
from markupsafe import Markup, escape

from msht.accounts import access
from msht.accounts.roles import Capability

from . import forms, selectors, services
from .models import Case, CaseStatus, Defendant
from .tabs import case_tabs

PAGE_SIZE = 25
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows, so a broad filter over a million cases stays cheap."""

    capped = False

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by()[: COUNT_CAP + 1].count()
        self.capped = counted > COUNT_CAP
        return min(counted, COUNT_CAP)


def _render(request, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    form = context.get("form")
    context.setdefault("page_has_errors", bool(form is not None and form.errors))
    if context["page_has_errors"] and status == 200 and request.method == "POST":
        status = 400
    return render(request, template, context, status=status)


def _case_context(request, case: Case, tab: str) -> dict:
    return {
        "case": case,
        "tabs": case_tabs(case.pk, tab),
        "current_tab": tab,
        "can_edit": access.can(request.user, Capability.CASE_EDIT),
        "can_allocate": access.can(request.user, Capability.CASE_ALLOCATE),
        "sees_identities": access.sees_identities(request.user),
    }


def _case_for_view(request, pk: int, tab: str) -> Case:
    case = selectors.case_get_visible(request.user, pk=pk)
    if request.method == "GET":
        services.case_view_record(actor=request.user, case=case, page=tab)
    return case


def _case_for_edit(request, pk: int, capability: str = Capability.CASE_EDIT) -> Case:
    case = selectors.case_get_visible(request.user, pk=pk)
    access.require(request.user, capability)
    return case


def _conflict(request, form, error: ValidationError) -> None:
    forms.apply_errors(form, error)


# --- The list -----------------------------------------------------------------------------------

COLUMNS = [
    ("urn", "URN"),
    ("area", "Area"),
    (None, "Operation"),
    (None, "Unit"),
    ("status", "Status"),
    ("referral_date", "Referred"),
    ("charge_date", "Charged"),
]


class _CaseFilterForm(forms.CaseFilterForm):
    """CaseFilterForm with its reference choices from the cache (no queries).

    CaseFilterForm.__init__ only loads those choices; it is replaced here, not extended, so the
    list page does not run five reference queries per request.
    """

    def __init__(self, *args, **kwargs):
        self.reference = kwargs.pop("reference", None) or selectors.case_filter_choices()
        django_forms.Form.__init__(self, *args, **kwargs)
        for name, choices in self.reference.choices.items():
            self.fields[name].choices = choices


# Escaped <option>s, derived from the cached choices and keyed by their token: a rebuilt
# choice list has a new token, so nothing here needs invalidating (it is bounded, not a cache
# of data that can go stale).
_OPTIONS_HTML: dict[tuple[str, str], list[tuple[str, str, str]]] = {}


def _options_html(key: tuple[str, str], choices: list, current: str) -> Markup:
    """The <option>s of a filter select, escaped once per choice list and process."""
    rendered = _OPTIONS_HTML.get(key)
    if rendered is None:
        if len(_OPTIONS_HTML) > 64:
            _OPTIONS_HTML.clear()
        rendered = _OPTIONS_HTML[key] = [
            (str(value), f'<option value="{escape(value)}"', f">{escape(text)}</option>")
            for value, text in choices
        ]
    return Markup(  # noqa: S704 - values and labels escaped above
        "\n".join(
            f"{start} selected{end}" if value == current else start + end
            for value, start, end in rendered
        )
    )


_STATUS_CHOICES = [("", "Any status"), *CaseStatus.choices]
_STATUS_LABELS = dict(CaseStatus.choices)


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Capability.CASE_VIEW)
    reference = selectors.case_filter_choices()
    form = _CaseFilterForm(request.GET or None, reference=reference)
    filters = selectors.CaseFilters()
    if form.is_bound:
        form.is_valid()
        for name, value in form.cleaned_data.items():
            if value not in (None, ""):
                setattr(filters, name, value)
    queryset = selectors.case_list(request.user, filters)
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    services.case_list_view_record(
        actor=request.user,
        filters=selectors.case_filters_for_audit(filters),
        ids=[case.pk for case in page.object_list],
        page=page.number,
    )
    params = {k: v for k, v in request.GET.items() if k not in ("page",) and v}
    query = urlencode(params)
    headers = []
    for key, label in COLUMNS:
        if key is None:
            headers.append({"label": label})
            continue
        current = filters.sort.lstrip("-") == key
        descending = filters.sort.startswith("-")
        next_sort = key if (current and descending) else f"-{key}"
        if not current and key in ("urn", "area", "status"):
            next_sort = key
        link = urlencode({**{k: v for k, v in params.items() if k != "sort"}, "sort": next_sort})
        aria = ("descending" if descending else "ascending") if current else "none"
        headers.append({"label": label, "href": f"?{link}", "aria_sort": aria})
    chosen = [
        (
            form.fields[name].label,
            dict(form.fields[name].choices).get(value, value)
            if hasattr(form.fields[name], "choices")
            else value,
        )
        for name, value in (form.cleaned_data.items() if form.is_bound else [])
        if value not in (None, "") and name not in ("sort",)
    ]
    options = {
        name: _options_html(
            ("status", "") if name == "status" else (name, reference.token),
            _STATUS_CHOICES if name == "status" else reference.choices[name],
            str(form[name].value() or ""),
        )
        for name in ("area", "unit", "status", "exploitation_type", "offence", "police_force")
    }
    return _render(
        request,
        "cases/list.html",
        {
            "form": form,
            "options": options,
            "status_labels": _STATUS_LABELS,
            "page": page,
            "query": query,
            "headers": headers,
            "chosen": chosen,
            "can_edit": access.can(request.user, Capability.CASE_EDIT),
            "page_has_errors": bool(form.is_bound and form.errors),
        },
    )


# --- Register and edit --------------------------------------------------------------------------


def _details_kwargs(data: dict) -> dict:
    return {
        "operation_name": data.get("operation_name") or "",
        "exploitation_types": list(data.get("exploitation_types") or []),
        **{
            name: bool(data.get(name))
            for name in (
                "international",
                "organised_crime_group",
                "joint_investigation_team",
                "child_victim",
                "county_lines",
            )
        },
        "victim_count": data.get("victim_count") or 0,
        "suspect_count": data.get("suspect_count") or 0,
    }


@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Capability.CASE_EDIT)
    initial = {"area": request.user.area.code} if request.user.area_id else {}
    form = forms.CaseCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(
                actor=request.user, urn=data["urn"], area=data["area"], **_details_kwargs(data)
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            visible = selectors.case_is_visible(request.user, pk=case.pk)
            messages.success(request, f"Case {case.urn_display} registered.")
            if not visible:
                messages.success(request, "It belongs to another Area, so it is not in your list.")
                return redirect("cases:list")
            return redirect("cases:detail", pk=case.pk)
    return _render(request, "cases/create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    initial = {
        "version": case.version,
        "exploitation_types": [t.code for t in case.exploitation_types.all()],
        **{name: getattr(case, name) for name in services.CASE_DETAIL_FIELDS},
    }
    form = forms.CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_update(
                actor=request.user,
                case=case,
                expected_version=data["version"],
                **_details_kwargs(data),
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Case details saved.")
            return redirect("cases:detail", pk=case.pk)
    return _render(
        request, "cases/edit.html", {**_case_context(request, case, "summary"), "form": form}
    )


# --- Tabs ---------------------------------------------------------------------------------------


@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_view(request, pk, "summary")
    return _render(
        request,
        "cases/detail.html",
        {
            **_case_context(request, case, "summary"),
            "exploitation_types": list(case.exploitation_types.all()),
            "milestones": MILESTONE_LINKS,
        },
    )


@require_GET
def case_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_view(request, pk, "timeline")
    return _render(
        request,
        "cases/timeline.html",
        {
            **_case_context(request, case, "timeline"),
            "events": selectors.case_events(case),
        },
    )


@require_GET
def case_defendants(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_view(request, pk, "defendants")
    return _render(
        request,
        "cases/defendants.html",
        {
            **_case_context(request, case, "defendants"),
            "defendants": selectors.case_defendants(case),
        },
    )


@require_GET
def case_s45(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_view(request, pk, "s45")
    return _render(
        request,
        "cases/s45.html",
        {
            **_case_context(request, case, "s45"),
            "defendants": selectors.case_defendants(case),
        },
    )


@require_GET
def case_orders(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_view(request, pk, "orders")
    return _render(
        request,
        "cases/orders.html",
        {
            **_case_context(request, case, "orders"),
            "orders": list(selectors.case_orders(case)),
        },
    )


@require_http_methods(["GET", "POST"])
def case_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        case = _case_for_edit(request, pk, Capability.CASE_ALLOCATE)
    else:
        case = _case_for_view(request, pk, "allocation")
    recommendation = services.allocation_recommend(case)
    initial = {
        "version": case.version,
        "unit": case.unit.code
        if case.unit_id
        else (case.recommended_unit.code if case.recommended_unit_id else ""),
        "lawyer": str(case.lawyer_id or ""),
        "paralegal": str(case.paralegal_id or ""),
        "reason": case.allocation_reason,
    }
    form = forms.AllocationForm(
        request.POST or None,
        initial=initial,
        lawyers=selectors.allocation_lawyers(case),
        paralegals=selectors.allocation_paralegals(case),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_allocate(
                actor=request.user,
                case=case,
                expected_version=data["version"],
                unit=data["unit"],
                lawyer=data["lawyer"],
                paralegal=data["paralegal"],
                reason=data["reason"],
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Allocation saved.")
            return redirect("cases:allocation", pk=case.pk)
    return _render(
        request,
        "cases/allocation.html",
        {
            **_case_context(request, case, "allocation"),
            "form": form,
            "recommendation": recommendation,
        },
    )


# --- Milestones ---------------------------------------------------------------------------------

MILESTONES = {
    "referral": ("Record the police referral", forms.ReferralForm),
    "advice": ("Record early investigative advice", forms.AdviceForm),
    "charging-decision": ("Record the charging decision", forms.ChargingDecisionForm),
    "first-hearing": ("Record the first hearing", forms.FirstHearingForm),
    "trial": ("Record the trial", forms.TrialForm),
    "finalisation": ("Record the outcome", forms.FinalisationForm),
}
MILESTONE_LINKS = [(key, title) for key, (title, _) in MILESTONES.items()]


def _milestone_initial(case: Case, kind: str) -> dict:
    initial: dict = {"version": case.version}
    if kind == "referral" and case.status == CaseStatus.PRE_CHARGE:
        initial["referred_on"] = case.referral_date
    elif kind == "advice":
        initial.update(
            requested_on=case.advice_requested_date,
            given_on=case.advice_given_date,
            lawyer=str(case.advice_lawyer_id or ""),
        )
    return initial


def _milestone_save(request, case: Case, kind: str, data: dict) -> Case:
    common = {"actor": request.user, "case": case, "expected_version": data["version"]}
    if kind == "referral":
        return services.police_referral_record(**common, referred_on=data["referred_on"])
    if kind == "advice":
        return services.advice_record(
            **common,
            requested_on=data["requested_on"],
            given_on=data["given_on"],
            lawyer=data["lawyer"],
        )
    if kind == "charging-decision":
        return services.charging_decision_record(
            **common,
            decision=data["decision"],
            decided_on=data["decided_on"],
            reasons=data["reasons"],
            action_plan=data["action_plan"],
        )
    if kind == "first-hearing":
        return services.first_hearing_record(**common, heard_on=data["heard_on"])
    if kind == "trial":
        return services.trial_record(**common, trial_on=data["trial_on"])
    return services.finalisation_record(
        **common,
        finalised_on=data["finalised_on"],
        outcome=data["outcome"],
        unsuccessful_reason=data["unsuccessful_reason"],
    )


@require_http_methods(["GET", "POST"])
def case_milestone(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in MILESTONES:
        raise Http404
    case = _case_for_edit(request, pk)
    title, form_class = MILESTONES[kind]
    extra = {}
    if form_class is forms.AdviceForm:
        extra["lawyers"] = selectors.advice_lawyers(case)
    form = form_class(request.POST or None, initial=_milestone_initial(case, kind), **extra)
    if request.method == "POST" and form.is_valid():
        try:
            _milestone_save(request, case, kind, form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"{title.replace('Record the ', '').capitalize()} saved.")
            return redirect("cases:detail", pk=case.pk)
    return _render(
        request,
        "cases/milestone.html",
        {
            **_case_context(request, case, "summary"),
            "form": form,
            "title": title,
            "kind": kind,
        },
    )


# --- Suspects, charges, s45, orders ---------------------------------------------------------------


def _defendant(case: Case, did: int) -> Defendant:
    return selectors.case_defendant_get(case, pk=did)


@require_http_methods(["GET", "POST"])
def defendant_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    form = forms.DefendantForm(
        request.POST or None,
        initial={
            "version": case.version,
            "reference": selectors.case_defendant_next_reference(case),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.defendant_add(
                actor=request.user,
                case=case,
                expected_version=data["version"],
                reference=data["reference"],
                age_band=data["age_band"],
                gender=data["gender"],
                nationality=data["nationality"],
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Suspect added.")
            return redirect("cases:defendants", pk=case.pk)
    return _render(
        request,
        "cases/form.html",
        {
            **_case_context(request, case, "defendants"),
            "form": form,
            "title": "Add a suspect or defendant",
        },
    )


@require_http_methods(["GET", "POST"])
def charge_add(request: HttpRequest, pk: int, did: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    defendant = _defendant(case, did)
    form = forms.ChargeForm(request.POST or None, initial={"charged_on": case.charge_date})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.charge_add(
                actor=request.user,
                defendant=defendant,
                offence=data["offence"],
                charged_on=data["charged_on"],
                is_principal=data["is_principal"],
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Charge added.")
            return redirect("cases:defendants", pk=case.pk)
    return _render(
        request,
        "cases/form.html",
        {
            **_case_context(request, case, "defendants"),
            "form": form,
            "title": f"Add a charge for {defendant.reference}",
        },
    )


@require_http_methods(["GET", "POST"])
def charge_result(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    charge = selectors.case_charge_get(case, pk=cid)
    form = forms.ChargeResultForm(
        request.POST or None,
        initial={
            "plea": charge.plea,
            "plea_on": charge.plea_on,
            "verdict": charge.verdict,
            "verdict_on": charge.verdict_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.charge_result_record(actor=request.user, charge=charge, **data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Plea and verdict saved.")
            return redirect("cases:defendants", pk=case.pk)
    return _render(
        request,
        "cases/form.html",
        {
            **_case_context(request, case, "defendants"),
            "form": form,
            "title": f"Plea and verdict: {charge.defendant.reference}, {charge.offence.name}",
        },
    )


@require_http_methods(["GET", "POST"])
def sentence_add(request: HttpRequest, pk: int, did: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    defendant = _defendant(case, did)
    form = forms.SentenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sentence_record(actor=request.user, defendant=defendant, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Sentence saved.")
            return redirect("cases:defendants", pk=case.pk)
    return _render(
        request,
        "cases/form.html",
        {
            **_case_context(request, case, "defendants"),
            "form": form,
            "title": f"Record the sentence for {defendant.reference}",
        },
    )


@require_http_methods(["GET", "POST"])
def s45_edit(request: HttpRequest, pk: int, did: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    defendant = _defendant(case, did)
    fields = (
        "indicator_screen",
        "indicators",
        "screened_on",
        "nrm_status",
        "nrm_referred_on",
        "nrm_decision_on",
        "s45_result",
        "s45_considered_on",
        "s45_rationale",
    )
    form = forms.S45Form(
        request.POST or None,
        initial={"version": case.version, **{name: getattr(defendant, name) for name in fields}},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.s45_screening_record(
                actor=request.user,
                defendant=defendant,
                expected_version=data["version"],
                **{name: data[name] for name in fields},
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"Section 45 screening for {defendant.reference} saved.")
            return redirect("cases:s45", pk=case.pk)
    return _render(
        request,
        "cases/form.html",
        {
            **_case_context(request, case, "s45"),
            "form": form,
            "title": f"Section 45 screening: {defendant.reference}",
        },
    )


@require_http_methods(["GET", "POST"])
def order_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    form = forms.OrderForm(
        request.POST or None,
        initial={"version": case.version},
        defendants=selectors.case_defendants_for_choice(case),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        defendant = data.pop("defendant")
        try:
            services.order_record(
                actor=request.user, case=case, expected_version=version, defendant=defendant, **data
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Order saved.")
            return redirect("cases:orders", pk=case.pk)
    return _render(
        request,
        "cases/form.html",
        {**_case_context(request, case, "orders"), "form": form, "title": "Record an order"},
    )


# --- Casework referral criteria -----------------------------------------------------------------


@require_GET
def criteria(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Capability.CASE_VIEW)
    return _render(
        request,
        "cases/criteria.html",
        {
            "rules": selectors.allocation_rules_all(),
            "can_edit": access.can(request.user, Capability.CRITERIA_EDIT),
        },
    )


@require_http_methods(["GET", "POST"])
def criteria_edit(request: HttpRequest, rule_id: int | None = None) -> HttpResponse:
    access.require(request.user, Capability.CRITERIA_EDIT)
    rule = None
    if rule_id is not None:
        rule = selectors.allocation_rule_get(pk=rule_id)
    initial: dict = {"enabled": True, "priority": 100}
    if rule:
        initial = {
            "version": rule.version,
            "name": rule.name,
            "field_name": rule.field,
            "operator": rule.operator,
            "value": rule.value,
            "recommended_unit": rule.recommended_unit.code,
            "priority": rule.priority,
            "reason": rule.reason,
            "enabled": rule.enabled,
        }
    form = forms.AllocationRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if rule is not None and version is None:
            version = 0  # an edit without the version it was built from counts as stale
        try:
            services.allocation_rule_save(
                actor=request.user, rule=rule, expected_version=version, **data
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Criterion saved. New and edited cases use it from now on.")
            return redirect("cases:criteria")
    return _render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": "Edit a criterion" if rule else "Add a criterion",
            "back": reverse("cases:criteria"),
        },
    )


@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Capability.CASE_VIEW)
    return _render(
        request, "cases/compliance.html", {"rows": selectors.allocation_compliance(request.user)}
    )
