"""Forms for the hub's pages; the services validate the rules, these validate the shapes."""

import re

from django import forms

from msht.reference.models import Area, ExploitationType, Offence
from msht.web.forms import GovDateField

from .models import Kind, LegalIssue, MsaSection
from .selectors import SearchFilters, filter_choices


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the hub", required=False, max_length=200)
    kind = forms.ChoiceField(label="Kind of item", required=False)
    legal_issue = forms.ChoiceField(label="Legal issue", required=False)
    exploitation_type = forms.ChoiceField(label="Exploitation type", required=False)
    msa_section = forms.ChoiceField(label="MSA section", required=False)
    offence = forms.ChoiceField(label="Offence", required=False)
    area = forms.ChoiceField(label="Area", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in filter_choices().items():
            self.fields[name].choices = [("", "Any")] + list(choices)
            self.fields[name].error_messages["invalid_choice"] = (
                f"Select a {self.fields[name].label.lower()} from the list"  # noqa: S608
            )
        self.fields["q"].error_messages["max_length"] = (
            "Search words must be 200 characters or fewer"
        )

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            **{
                name: data.get(name) or ""
                for name in (
                    "kind",
                    "legal_issue",
                    "exploitation_type",
                    "msa_section",
                    "offence",
                    "area",
                )
            }
        )


def _tags(model, label: str, queryset=None) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        required=False,
        to_field_name="code",
        queryset=(queryset if queryset is not None else model.objects.all()).filter(
            disabled_on__isnull=True
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": f"Select {label.lower()} from the list",  # noqa: S608
            "invalid_pk_value": f"Select {label.lower()} from the list",  # noqa: S608
        },
    )


STALE_PAGE = "This page is out of date. Open the item again and make your changes again"


class ItemForm(forms.Form):
    # The version of the item the page was built from (optimistic locking); empty for a new item.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={"invalid": STALE_PAGE, "min_value": STALE_PAGE},
    )
    kind = forms.ChoiceField(
        label="Kind of item",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of item",
            "invalid_choice": "Select the kind of item",
        },
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    summary = forms.CharField(
        label="Summary",
        max_length=1000,
        widget=forms.Textarea,
        help_text="One or two sentences shown in search results.",
        error_messages={"required": "Enter a summary"},
    )
    body = forms.CharField(
        label="Content",
        max_length=100_000,
        widget=forms.Textarea,
        help_text="Markdown: ## for headings, **bold**, - for lists, [text](https://...) for "
        "links. Do not include names or details that identify a victim or suspect.",
        error_messages={"required": "Enter the content"},
    )
    legal_issues = _tags(LegalIssue, "Legal issues")
    msa_sections = _tags(MsaSection, "MSA sections")
    exploitation_types = _tags(ExploitationType, "Exploitation types")
    offences = _tags(Offence, "Offences")
    areas = _tags(Area, "Areas", Area.objects.filter(kind=Area.Kind.AREA))

    case_urns = forms.CharField(
        label="Linked cases",
        required=False,
        max_length=2000,
        help_text="URNs of cases this item draws on, separated by commas, for example "
        "01YE0123424. You can link only cases you can see; readers who cannot see a case "
        "see nothing of the link.",
    )

    TAGS = ("legal_issues", "msa_sections", "exploitation_types", "offences", "areas")

    def __init__(self, *args, links_cases: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not links_cases:
            del self.fields["case_urns"]

    def cleaned_case_urns(self) -> list[str] | None:
        if "case_urns" not in self.fields:
            return None
        return [urn for urn in re.split(r"[,;\n]+", self.cleaned_data["case_urns"]) if urn.strip()]

    @classmethod
    def initial_for(cls, item, linked_cases=()) -> dict:
        initial = {
            "version": item.version,
            "kind": item.kind,
            "title": item.title,
            "summary": item.summary,
            "body": item.body,
        }
        for name in cls.TAGS:
            initial[name] = list(getattr(item, name).values_list("code", flat=True))
        initial["case_urns"] = ", ".join(case.urn for case in linked_cases)
        return initial


class ReviewByForm(forms.Form):
    review_by = GovDateField(
        label="Review-by date",
        allow_future=True,
        help_text="The date by which an editor must check the item is still right.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_by"].error_messages["required"] = (
            "Enter the date by which the item must be reviewed"
        )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="What the author needs to change",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter what the author needs to change"},
    )


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label="Why is this item being archived?",
        max_length=400,
        error_messages={"required": "Enter why the item is being archived"},
    )


class FeedbackForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Area",
        required=False,
        to_field_name="code",
        empty_label="Select an Area",
        queryset=Area.objects.filter(kind=Area.Kind.AREA, disabled_on__isnull=True),
        error_messages={"invalid_choice": "Select the Area the feedback is for"},
    )
    subject = forms.CharField(
        label="Subject", max_length=200, error_messages={"required": "Enter a subject"}
    )
    body = forms.CharField(
        label="Feedback",
        max_length=5000,
        widget=forms.Textarea,
        help_text="What happened and what you would like to change. Give the case's URN if "
        "needed, but no names of victims, witnesses or suspects.",
        error_messages={"required": "Enter the feedback"},
    )

    def __init__(self, *args, needs_area: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_area:
            del self.fields["area"]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Enter the answer"},
    )
