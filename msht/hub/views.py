"""The hub's pages. Thin: forms check shapes, services write, selectors read."""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.reference.models import Area

from . import selectors, services
from .forms import (
    AnswerForm,
    ArchiveForm,
    FeedbackForm,
    ItemForm,
    ReturnForm,
    ReviewByForm,
    SearchForm,
)
from .models import FeedbackStatus, Status


def needs(capability: str) -> Callable:
    """404 for anyone without the capability; a service refusal is a 404 as well."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            access.require(request.user, capability)
            try:
                return view(request, *args, **kwargs)
            except services.HubPermissionDenied as error:
                raise Http404 from error

        return wrapper

    return decorator


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _hub_context(request: HttpRequest, section: str, **context) -> dict:
    user = request.user
    links = [
        ("home", "Search", reverse("hub:home")),
        ("new", "What's new", reverse("hub:whats-new")),
    ]
    if access.can(user, Capability.HUB_WRITE):
        links += [
            ("mine", "Your items", reverse("hub:mine")),
            ("feedback", "Feedback", reverse("hub:feedback-list")),
        ]
    if access.can(user, Capability.HUB_PUBLISH):
        links.append(("review", "Review", reverse("hub:review")))
    context.update(
        {
            "hub_links": [
                {"key": key, "text": text, "href": href, "current": key == section}
                for key, text, href in links
            ],
            "can_write": access.can(user, Capability.HUB_WRITE),
            "can_publish": access.can(user, Capability.HUB_PUBLISH),
        }
    )
    return context


def _item_or_404(request: HttpRequest, pk: int):
    return access.get_visible_or_404(selectors.items_visible_to(request.user), pk=pk)


# --- Reading -------------------------------------------------------------------------------------


@require_GET
@needs(Capability.HUB_READ)
def home(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    status = 200
    page = None
    query = ""
    filters = selectors.SearchFilters()
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        if form.is_bound:
            query, filters = form.cleaned_data["q"], form.filters()
        page = selectors.items_search(
            user=request.user, query=query, filters=filters, page=request.GET.get("page", 1)
        )
    params = {key: value for key, value in request.GET.items() if key != "page" and value}
    return render(
        request,
        "hub/home.html",
        _hub_context(
            request,
            "home",
            form=form,
            page=page,
            query=query,
            filters=filters,
            searching=bool(query.strip()),
            page_has_errors=status == 400,
            query_string=urlencode(params),
        ),
        status=status,
    )


@require_GET
@needs(Capability.HUB_READ)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    user = request.user
    return render(
        request,
        "hub/item_detail.html",
        _hub_context(
            request,
            "home",
            item=item,
            tags=selectors.item_tags(item),
            related=selectors.related_items(user=user, item=item) if item.is_published else [],
            linked_cases=[
                _case_link(case) for case in selectors.linked_cases_visible_to(user=user, item=item)
            ],
            may_edit=services.may_edit(user, item),
            may_submit=item.status == Status.DRAFT
            and (item.author_id == user.pk or access.can(user, Capability.HUB_PUBLISH)),
            feedback=(
                item.source_feedback
                if item.source_feedback_id
                and selectors.feedback_visible_to(user).filter(pk=item.source_feedback_id).exists()
                else None
            ),
        ),
    )


@require_GET
@needs(Capability.HUB_READ)
def whats_new(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hub/whats_new.html",
        _hub_context(request, "new", items=selectors.items_whats_new(user=request.user)),
    )


@require_GET
@needs(Capability.HUB_READ)
def feed(request: HttpRequest) -> HttpResponse:
    """An Atom feed of recently published items, for those signed in."""
    atom = Atom1Feed(
        title="Casework hub: what's new",
        link=request.build_absolute_uri(reverse("hub:home")),
        description="Recently published case studies, points of law, good practice and lessons.",
        feed_url=request.build_absolute_uri(reverse("hub:feed")),
        language="en-gb",
    )
    for item in selectors.items_whats_new(user=request.user, days=365, limit=30):
        atom.add_item(
            title=item.title,
            link=request.build_absolute_uri(reverse("hub:item", args=[item.pk])),
            description=item.summary,
            pubdate=item.published_at,
            updateddate=item.last_reviewed_at or item.updated_at,
            categories=[item.get_kind_display()],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response


@require_GET
@needs(Capability.HUB_WRITE)
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hub/mine.html",
        _hub_context(request, "mine", items=selectors.items_by_author(request.user)),
    )


@require_GET
@needs(Capability.HUB_PUBLISH)
def review(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hub/review.html",
        _hub_context(
            request,
            "review",
            awaiting=list(selectors.items_awaiting_review(request.user)),
            due=list(selectors.items_due_for_review(request.user)),
            today=timezone.localdate(),
        ),
    )


# --- Writing items -------------------------------------------------------------------------------


def _item_fields(form: ItemForm) -> dict:
    data = form.cleaned_data
    return {name: data[name] for name in ("kind", "title", "summary", "body", *ItemForm.TAGS)}


def _links_cases(user) -> bool:
    return access.can(user, Capability.CASE_VIEW)


def _case_link(case) -> dict:
    href = ""
    for name in ("cases:case", "cases:detail"):
        try:
            href = reverse(name, args=[case.pk])
            break
        except NoReverseMatch:
            continue
    return {"text": case.urn_display, "href": href, "operation": case.operation_name}


@require_http_methods(["GET", "POST"])
@needs(Capability.HUB_WRITE)
def item_create(request: HttpRequest) -> HttpResponse:
    form = ItemForm(
        request.POST if request.method == "POST" else None, links_cases=_links_cases(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                actor=request.user,
                case_urns=form.cleaned_case_urns() or [],
                **_item_fields(form),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Draft saved. Send it for review when it is ready.")
            return redirect("hub:item", pk=item.pk)
    return render(
        request,
        "hub/item_form.html",
        _hub_context(
            request,
            "mine",
            form=form,
            item=None,
            page_has_errors=bool(form.errors),
        ),
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@needs(Capability.HUB_WRITE)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not services.may_edit(request.user, item):
        raise Http404
    links_cases = _links_cases(request.user)
    linked = selectors.linked_cases_visible_to(user=request.user, item=item) if links_cases else []
    form = ItemForm(
        request.POST or None, initial=ItemForm.initial_for(item, linked), links_cases=links_cases
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(
                actor=request.user,
                item=item,
                expected_version=form.cleaned_data["version"],
                case_urns=form.cleaned_case_urns(),
                **_item_fields(form),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Changes saved.")
            return redirect("hub:item", pk=item.pk)
    return render(
        request,
        "hub/item_form.html",
        _hub_context(
            request,
            "mine",
            form=form,
            item=item,
            page_has_errors=bool(form.errors),
        ),
        status=400 if form.errors else 200,
    )


@require_POST
@needs(Capability.HUB_WRITE)
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    try:
        services.item_submit_for_review(actor=request.user, item=item)
    except ValidationError as error:
        return _bad_request(request, item, error)
    messages.success(request, "Sent to the hub editors for review.")
    return redirect("hub:item", pk=item.pk)


def _bad_request(request: HttpRequest, item, error: ValidationError) -> HttpResponse:
    return render(
        request,
        "hub/refused.html",
        _hub_context(request, "home", item=item, reasons=error.messages),
        status=400,
    )


ACTIONS = {
    "publish": ("Publish", ReviewByForm, "Item published."),
    "confirm": ("Confirm the item is current", ReviewByForm, "Review recorded."),
    "return": ("Return to the author", ReturnForm, "Returned to the author."),
    "archive": ("Archive", ArchiveForm, "Item archived."),
}


def _editor_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = _item_or_404(request, pk)
    title, form_class, done = ACTIONS[action]
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data, actor = form.cleaned_data, request.user
        try:
            if action == "publish":
                services.item_publish(actor=actor, item=item, review_by=data["review_by"])
            elif action == "confirm":
                services.item_confirm_current(actor=actor, item=item, review_by=data["review_by"])
            elif action == "return":
                services.item_return_to_draft(actor=actor, item=item, note=data["note"])
            else:
                services.item_archive(actor=actor, item=item, reason=data["reason"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("hub:item", pk=item.pk)
    return render(
        request,
        "hub/item_action.html",
        _hub_context(
            request,
            "review",
            item=item,
            form=form,
            action=action,
            action_title=title,
            page_has_errors=bool(form.errors),
        ),
        status=400 if form.errors else 200,
    )


def _action_view(action: str) -> Callable:
    @require_http_methods(["GET", "POST"])
    @needs(Capability.HUB_PUBLISH)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _editor_action(request, pk, action)

    view.__name__ = f"item_{action}"
    return view


item_publish = _action_view("publish")
item_confirm = _action_view("confirm")
item_return = _action_view("return")
item_archive = _action_view("archive")


# --- Feedback ----------------------------------------------------------------------------------


def _needs_area(user) -> bool:
    return not (user.area_id and user.area.kind == Area.Kind.AREA)


@require_GET
@needs(Capability.HUB_WRITE)
def feedback_list(request: HttpRequest) -> HttpResponse:
    feedback = selectors.feedback_visible_to(request.user).order_by("-raised_at", "-id")[:200]
    return render(
        request, "hub/feedback_list.html", _hub_context(request, "feedback", feedback=feedback)
    )


@require_http_methods(["GET", "POST"])
@needs(Capability.HUB_WRITE)
def feedback_new(request: HttpRequest) -> HttpResponse:
    needs_area = _needs_area(request.user)
    form = FeedbackForm(request.POST if request.method == "POST" else None, needs_area=needs_area)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = services.feedback_raise(
                actor=request.user,
                subject=data["subject"],
                body=data["body"],
                area=data.get("area"),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Feedback raised.")
            return redirect("hub:feedback", pk=feedback.pk)
    return render(
        request,
        "hub/feedback_form.html",
        _hub_context(
            request,
            "feedback",
            form=form,
            needs_area=needs_area,
            page_has_errors=bool(form.errors),
        ),
        status=400 if form.errors else 200,
    )


def _feedback_page(request, feedback, answer_form=None, status=200) -> HttpResponse:
    user = request.user
    services.feedback_record_consultation(actor=user, feedback=feedback)
    may_answer = feedback.status == FeedbackStatus.RAISED and feedback.raised_by_id != user.pk
    lessons = selectors.items_visible_to(user).filter(source_feedback=feedback)
    return render(
        request,
        "hub/feedback_detail.html",
        _hub_context(
            request,
            "feedback",
            feedback=feedback,
            may_answer=may_answer,
            answer_form=answer_form or AnswerForm(),
            lessons=list(lessons),
            may_draft_lesson=(
                feedback.status == FeedbackStatus.ANSWERED
                and access.can(user, Capability.HUB_PUBLISH)
            ),
            page_has_errors=status == 400,
        ),
        status=status,
    )


def _feedback_or_404(request: HttpRequest, pk: int):
    return access.get_visible_or_404(selectors.feedback_visible_to(request.user), pk=pk)


@require_GET
@needs(Capability.HUB_WRITE)
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_page(request, _feedback_or_404(request, pk))


@require_POST
@needs(Capability.HUB_WRITE)
def feedback_answer(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = _feedback_or_404(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_answer(
                actor=request.user, feedback=feedback, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Answer sent.")
            return redirect("hub:feedback", pk=feedback.pk)
    return _feedback_page(request, feedback, answer_form=form, status=400)


@require_POST
@needs(Capability.HUB_PUBLISH)
def feedback_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = _feedback_or_404(request, pk)
    try:
        item = services.feedback_lesson_draft(actor=request.user, feedback=feedback)
    except ValidationError as error:
        form = AnswerForm()
        form.add_error(None, error)
        return _feedback_page(request, feedback, answer_form=form, status=400)
    messages.success(request, "Lesson drafted from the feedback. Edit it, then send it for review.")
    return redirect("hub:item-edit", pk=item.pk)
