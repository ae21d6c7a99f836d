"""Training forms: GOV.UK error messages that name the field; services do the writing."""

from typing import cast

from django import forms

from msht.accounts.roles import Role
from msht.quality.models import Topic
from msht.reference.models import Area, Unit
from msht.web.forms import GovDateField

from .models import Course, CourseKind, Level
from .selectors import STATUS_FILTERS


def _set_choices(field: forms.Field, choices: list) -> None:
    cast(forms.ChoiceField, field).choices = choices


ENABLED_CHOICES = [("yes", "Yes"), ("no", "No, no longer in use")]


class VersionedForm(forms.Form):
    """Carries the version of the record the form was built from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class CourseForm(VersionedForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the course title"}
    )
    code = forms.CharField(
        label="Course code",
        max_length=40,
        help_text="The learning system's code for the course, like MSHT-AWARENESS.",
        error_messages={"required": "Enter the course code"},
    )
    provider = forms.CharField(
        label="Provider",
        max_length=200,
        error_messages={"required": "Enter who provides the course"},
    )
    kind = forms.ChoiceField(
        label="Kind of course",
        choices=CourseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of course"},
    )
    duration_minutes = forms.IntegerField(
        label="Duration in minutes",
        min_value=1,
        max_value=10_000,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter the duration in minutes",
            "invalid": "Duration must be a whole number of minutes, like 60",
            "min_value": "Duration must be at least 1 minute",
            "max_value": "Duration must be 10,000 minutes or fewer",
        },
    )
    refresh_months = forms.IntegerField(
        label="Refresh interval in months (optional)",
        required=False,
        min_value=1,
        max_value=120,
        widget=forms.NumberInput,
        help_text="How often people must take it again. Leave blank if it never expires.",
        error_messages={
            "invalid": "Refresh interval must be a whole number of months, like 24",
            "min_value": "Refresh interval must be at least 1 month",
            "max_value": "Refresh interval must be 120 months or fewer",
        },
    )
    description = forms.CharField(
        label="Description (optional)", required=False, max_length=2000, widget=forms.Textarea
    )
    topics = forms.ModelMultipleChoiceField(
        label="Quality training topics it covers (optional)",
        queryset=Topic.objects.filter(disabled_on__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Completing the course closes a person's training needs on these topics.",
        error_messages={"invalid_choice": "Choose topics from the list"},
    )
    enabled = forms.ChoiceField(
        label="Is the course offered?",
        choices=ENABLED_CHOICES,
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the course is offered"},
    )

    def clean_description(self):
        return self.cleaned_data["description"].strip()


def _course_choices():
    return [("", "Choose a course")] + [
        (str(pk), title)
        for pk, title in Course.objects.filter(disabled_on__isnull=True)
        .order_by("title")
        .values_list("pk", "title")
    ]


class RequirementForm(VersionedForm):
    course = forms.TypedChoiceField(
        label="Course", coerce=int, error_messages={"required": "Choose the course"}
    )
    for_role = forms.ChoiceField(
        label="Role",
        required=False,
        choices=[("", "Every role")] + list(Role.choices),
        error_messages={"invalid_choice": "Choose a role from the list"},
    )
    unit = forms.ModelChoiceField(
        label="Unit",
        required=False,
        queryset=Unit.objects.enabled(),
        empty_label="Every unit",
        error_messages={"invalid_choice": "Choose a unit from the list"},
    )
    complex_casework_only = forms.BooleanField(
        label="Only people who handle complex casework", required=False
    )
    level = forms.ChoiceField(
        label="Level",
        choices=Level.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the course is mandatory, awareness or recommended"
        },
    )
    refresh_months = forms.IntegerField(
        label="Refresh interval in months (optional)",
        required=False,
        min_value=1,
        max_value=120,
        widget=forms.NumberInput,
        help_text="Leave blank to use the course's own refresh interval.",
        error_messages={
            "invalid": "Refresh interval must be a whole number of months, like 24",
            "min_value": "Refresh interval must be at least 1 month",
            "max_value": "Refresh interval must be 120 months or fewer",
        },
    )
    due_within_days = forms.IntegerField(
        label="Days a newcomer has to take it",
        min_value=0,
        max_value=730,
        initial=90,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter how many days a newcomer has to take the course",
            "invalid": "Days a newcomer has must be a whole number, like 90",
            "min_value": "Days a newcomer has must be 0 or more",
            "max_value": "Days a newcomer has must be 730 or fewer",
        },
    )
    enabled = forms.ChoiceField(
        label="Does the requirement apply?",
        choices=[("yes", "Yes"), ("no", "No, no longer required")],
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the requirement applies"},
    )

    def __init__(self, *args, current_course: Course | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _course_choices()
        if current_course is not None and current_course.disabled_on is not None:
            choices.append((str(current_course.pk), f"{current_course.title} (no longer offered)"))
        _set_choices(self.fields["course"], choices)
        self.fields["course"].error_messages["invalid_choice"] = "Choose a course from the list"


class CompletionForm(forms.Form):
    email = forms.EmailField(
        label="Email address of the person",
        max_length=254,
        error_messages={
            "required": "Enter the email address of the person who completed the course",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    course = forms.TypedChoiceField(
        label="Course", coerce=int, error_messages={"required": "Choose the course"}
    )
    completed_on = GovDateField(
        label="Date completed",
        error_messages={"required": "Enter the date the course was completed"},
    )
    reference = forms.CharField(
        label="Learning record (optional)",
        required=False,
        max_length=100,
        help_text="The learning system's record number, if it has one.",
        error_messages={"max_length": "Learning record must be 100 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["course"], _course_choices())
        self.fields["course"].error_messages["invalid_choice"] = "Choose a course from the list"


class FilterForm(forms.Form):
    """Compliance filters; every value is a code, every choice is shown by name."""

    area = forms.ChoiceField(label="Area", required=False)
    unit = forms.ChoiceField(label="Unit", required=False)
    role = forms.ChoiceField(label="Role", required=False)
    course = forms.ChoiceField(label="Course", required=False)

    def __init__(self, *args, show_area: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(
            self.fields["area"],
            [("", "All Areas")] + list(Area.objects.enabled().values_list("code", "name")),
        )
        _set_choices(
            self.fields["unit"],
            [("", "All units")] + list(Unit.objects.enabled().values_list("code", "name")),
        )
        _set_choices(self.fields["role"], [("", "All roles")] + list(Role.choices))
        _set_choices(
            self.fields["course"],
            [("", "All courses")]
            + list(Course.objects.order_by("title").values_list("code", "title")),
        )
        for name, what in (
            ("area", "an Area"),
            ("unit", "a unit"),
            ("role", "a role"),
            ("course", "a course"),
        ):
            self.fields[name].error_messages["invalid_choice"] = f"Choose {what} from the list"
        if not show_area:
            del self.fields["area"]


class PeopleFilterForm(FilterForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=list(STATUS_FILTERS.items()),
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
