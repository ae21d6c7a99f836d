"""Forms for quality pages. They check the shape of input; the services check the rules."""

from django import forms
from django.core.exceptions import ValidationError

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.reference.models import Area, Unit
from msht.web.forms import GovDateField

from .models import AssessmentTemplate, Question, Rating, SampleBasis, SampleMethod, Topic
from .sampling import MAX_SEED
from .services import SCALE_MESSAGE


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def reviewers_for_area(area_id: int):
    """People who may review a case of this Area: national reviewers and the Area's unit heads."""
    return (
        User.objects.filter(is_active=True)
        .filter(access.quality_reviewers_q(area_id))
        .order_by("full_name", "id")
    )


def staff_for_area(area_id: int):
    return (
        User.objects.filter(is_active=True)
        .filter(access.area_casework_staff_q(area_id))
        .order_by("full_name", "id")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({Role(obj.role).label})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({Role(obj.role).label})"


STALE_PAGE = "This page is out of date. Open the assessment again and make your changes again"


class VersionedForm(forms.Form):
    """Carries the version of the assessment the page was built from (optimistic locking)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={"invalid": STALE_PAGE, "min_value": STALE_PAGE},
    )


class AnswersForm(VersionedForm):
    """One rating and comment per question of the assessment's template version."""

    def __init__(self, *args, questions: list[Question], answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            existing = answers.get(question.pk)
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=f"{question.code}: {question.text}",
                choices=Rating.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=question.guidance,
                initial=existing.rating if existing else None,
                error_messages={"invalid_choice": SCALE_MESSAGE},
            )
            self.fields[f"c{question.pk}"] = forms.CharField(
                label=f"Comment on {question.code} (optional)",
                required=False,
                max_length=4000,
                widget=forms.Textarea,
                initial=existing.comment if existing else "",
            )
        self.fields["summary"] = forms.CharField(
            label="Overall summary (optional)",
            required=False,
            max_length=8000,
            widget=forms.Textarea,
        )
        self.question_ids = [q.pk for q in questions]

    def answers(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            pk: (data[f"q{pk}"], data.get(f"c{pk}", ""))
            for pk in self.question_ids
            if data.get(f"q{pk}")
        }


class FindingForm(forms.Form):
    text = forms.CharField(
        label="Finding",
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": "Describe the finding"},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Training topics",
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one training topic"},
    )
    person = PersonChoiceField(
        label="Member of staff it concerns (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not about one person",
    )
    question = forms.ModelChoiceField(
        label="Question it relates to (optional)",
        queryset=Question.objects.none(),
        required=False,
        empty_label="Not about one question",
    )

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, prefix="finding", **kwargs)
        self.fields["topics"].queryset = Topic.objects.filter(disabled_on__isnull=True)
        self.fields["person"].queryset = staff_for_area(assessment.case.area_id)
        self.fields["question"].queryset = Question.objects.filter(
            standard__version_id=assessment.template_version_id
        ).order_by("standard__order", "order")


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action",
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": "Describe the action"},
    )
    owner = PersonChoiceField(
        label="Owner",
        queryset=User.objects.none(),
        error_messages={"required": "Choose who owns the action"},
    )
    due_date = GovDateField(
        label="Date the action is due",
        allow_future=True,
        error_messages={"required": "Enter the date the action is due"},
    )

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, prefix="action", **kwargs)
        self.fields["owner"].queryset = staff_for_area(assessment.case.area_id)


class SignOffForm(VersionedForm):
    comment = forms.CharField(
        label="Sign-off comment (optional)", required=False, max_length=4000, widget=forms.Textarea
    )


class ReassignForm(VersionedForm):
    reviewer = PersonChoiceField(
        label="Reviewer",
        queryset=User.objects.none(),
        error_messages={"required": "Choose a reviewer"},
    )

    def __init__(self, *args, area_id: int, **kwargs):
        super().__init__(*args, prefix="reassign", **kwargs)
        self.fields["reviewer"].queryset = reviewers_for_area(area_id)


class AssessmentStartForm(forms.Form):
    urn = forms.CharField(
        label="Case URN", max_length=20, error_messages={"required": "Enter the case's URN"}
    )
    template = forms.ModelChoiceField(
        label="Kind of review",
        queryset=AssessmentTemplate.objects.order_by("name"),
        empty_label=None,
    )
    reviewer = PersonChoiceField(
        label="Reviewer",
        queryset=User.objects.none(),
        error_messages={"required": "Choose a reviewer"},
    )
    due_date = GovDateField(
        label="Date the review is due",
        allow_future=True,
        error_messages={"required": "Enter the date the review is due"},
    )

    def __init__(self, *args, area_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers_for_area(area_id)


class SampleForm(forms.Form):
    period_start = GovDateField(
        label="Start of the period", error_messages={"required": "Enter the start of the period"}
    )
    period_end = GovDateField(
        label="End of the period", error_messages={"required": "Enter the end of the period"}
    )
    basis = forms.ChoiceField(
        label="Which date puts a case in the period",
        choices=SampleBasis.choices,
        initial=SampleBasis.REFERRAL,
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label="How many cases",
        choices=SampleMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a share of the cases or a number of cases"},
    )
    rate_percent = forms.DecimalField(
        label="Share of cases, as a percentage",
        required=False,
        min_value=0.01,
        max_value=100,
        decimal_places=2,
        help_text="For example, 10 for one case in ten.",
        error_messages={
            "invalid": "Enter the share as a number, like 10",
            "min_value": "The share of cases must be more than 0%",
            "max_value": "The share of cases must be no more than 100%",
        },
    )
    count = forms.IntegerField(
        label="Number of cases",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter the number of cases as a whole number, like 12",
            "min_value": "The number of cases must be 1 or more",
        },
    )
    template = forms.ModelChoiceField(
        label="Kind of review",
        queryset=AssessmentTemplate.objects.order_by("name"),
        empty_label=None,
    )
    reviewers = PeopleChoiceField(
        label="Reviewers",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Cases are shared between the reviewers in turn.",
        error_messages={"required": "Choose at least one reviewer"},
    )
    due_date = GovDateField(
        label="Date the reviews are due",
        allow_future=True,
        error_messages={"required": "Enter the date the reviews are due"},
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text="Leave empty for a new random sample. Enter a recorded seed to draw the same "
        "sample again.",
        error_messages={
            "invalid": "The seed must be a whole number",
            "min_value": "The seed must be 0 or more",
            "max_value": "The seed is too large",
        },
    )

    def __init__(self, *args, area_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewers_for_area(area_id)


class DashboardFilterForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.filter(kind="area").order_by("order"),
        required=False,
        to_field_name="code",
        empty_label="All Areas you can see",
    )
    unit = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.order_by("order"),
        required=False,
        to_field_name="code",
        empty_label="All units",
    )
    completed_from = GovDateField(label="Completed from", required=False)
    completed_to = GovDateField(label="Completed to", required=False)
