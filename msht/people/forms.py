"""Forms for people and governance: shapes and GOV.UK messages only; the services decide."""

from django import forms

from msht.hub.models import LegalIssue
from msht.insight.models import FrozenPack
from msht.quality.models import DipSample
from msht.reference.models import Area
from msht.web.forms import GovDateField

from .models import AREA_BODIES, Body, Strand, Urgency


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        where = f", {obj.area.name}" if obj.area_id else ""
        return f"{obj.full_name} ({obj.get_role_display()}{where})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        where = f", {obj.area.name}" if obj.area_id else ""
        return f"{obj.full_name} ({obj.get_role_display()}{where})"


def _person(label: str, queryset, message: str, required: bool = False) -> PersonChoiceField:
    return PersonChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        empty_label="No one" if not required else "Choose a person",
        error_messages={"required": message, "invalid_choice": message},
    )


class HoldingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"] = _person("Lead", people, "Select the lead from the list")
        self.fields["deputy"] = _person("Deputy", people, "Select the deputy from the list")
        self.fields["successor"] = _person(
            "Named successor", people, "Select the successor from the list"
        )
        self.fields["starts_on"] = GovDateField(
            label="Date the change takes effect",
            allow_future=True,
            error_messages={"required": "Enter the date the change takes effect"},
        )
        self.fields["planned_end_on"] = GovDateField(
            label="Planned end date", required=False, allow_future=True
        )
        self.fields["note"] = forms.CharField(
            label="Note (optional)",
            required=False,
            max_length=500,
            error_messages={"max_length": "Note must be 500 characters or fewer"},
        )


class PostForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.none(),
        empty_label="Choose an Area",
        error_messages={"required": "Select the Area", "invalid_choice": "Select the Area"},
    )
    strand = forms.ChoiceField(
        label="Strand",
        choices=[(v, label) for v, label in Strand.choices if v != Strand.ALL],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the strand the lead covers",
            "invalid_choice": "Select the strand the lead covers",
        },
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class EnquiryForm(forms.Form):
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=LegalIssue.objects.none(),
        empty_label="Choose a topic",
        error_messages={
            "required": "Select the topic of the enquiry",
            "invalid_choice": "Select the topic of the enquiry",
        },
    )
    question = forms.CharField(
        label="Your question",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Do not include victims' or suspects' names.",
        error_messages={
            "required": "Enter your question",
            "max_length": "Question must be 5,000 characters or fewer",
        },
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=[
            (Urgency.ROUTINE, "Routine: an answer within 10 working days"),
            (Urgency.URGENT, "Urgent: an answer within 2 working days"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how urgent the enquiry is",
            "invalid_choice": "Select how urgent the enquiry is",
        },
    )
    case_urn = forms.CharField(
        label="Case URN (optional)",
        required=False,
        max_length=30,
        help_text="Link a case you can see, for example 01YE0123424.",
        error_messages={"max_length": "Enter a URN like 01YE0123424"},
    )

    def __init__(self, *args, topics, links_cases: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]
        if not links_cases:
            del self.fields["case_urn"]


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label="Answer",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={
            "required": "Enter the answer",
            "max_length": "Answer must be 10,000 characters or fewer",
        },
    )


class EnquiryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any"), ("open", "Waiting for an answer"), ("answered", "Answered")],
    )


class MeetingForm(forms.Form):
    body = forms.ChoiceField(
        label="Meeting",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the meeting", "invalid_choice": "Select the meeting"},
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.none(),
        required=False,
        empty_label="Choose an Area",
        error_messages={"invalid_choice": "Select the Area the meeting was for"},
    )
    held_on = GovDateField(
        label="Date of the meeting", error_messages={"required": "Enter the date of the meeting"}
    )
    attendees = PeopleChoiceField(
        label="Attendees",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select attendees from the list"},
    )
    other_attendees = forms.CharField(
        label="Other attendees (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text="Email addresses of anyone else who attended, one a line.",
    )
    packs = forms.ModelMultipleChoiceField(
        label="Performance packs discussed (optional)",
        queryset=FrozenPack.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select packs from the list"},
    )
    samples = forms.ModelMultipleChoiceField(
        label="Quality sample rounds discussed (optional)",
        queryset=DipSample.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select quality sample rounds from the list"},
    )
    decisions = forms.CharField(
        label="Decisions (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=20000,
        help_text="One decision a line. You can add actions once the meeting is recorded.",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"max_length": "Notes must be 10,000 characters or fewer"},
    )

    def __init__(self, *args, bodies, areas, people, packs, samples, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b, Body(b).label) for b in bodies]
        self.fields["area"].queryset = areas
        self.fields["attendees"].queryset = people
        self.fields["packs"].queryset = packs
        self.fields["packs"].label_from_instance = lambda p: (
            f"{p.title} (frozen {p.created_at:%-d %B %Y})"
        )
        self.fields["samples"].queryset = samples
        self.fields["samples"].label_from_instance = lambda s: (
            f"{s.area.name} dip sample, {s.period_start:%-d %B %Y} to {s.period_end:%-d %B %Y}"
        )
        if not packs.exists():
            del self.fields["packs"]
        if not samples.exists():
            del self.fields["samples"]

    def clean(self):
        data = super().clean()
        if data.get("body") in AREA_BODIES and not data.get("area"):
            self.add_error("area", "Select the Area the meeting was for")
        return data

    def other_emails(self) -> list[str]:
        text = self.cleaned_data.get("other_attendees") or ""
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    def decision_lines(self) -> list[str]:
        text = self.cleaned_data.get("decisions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class DecisionForm(forms.Form):
    text = forms.CharField(
        label="Decision",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={
            "required": "Enter the decision",
            "max_length": "Decision must be 2,000 characters or fewer",
        },
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={
            "required": "Enter the action",
            "max_length": "Action must be 2,000 characters or fewer",
        },
    )
    due_on = GovDateField(
        label="Due date",
        allow_future=True,
        error_messages={"required": "Enter the date the action is due"},
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _person("Owner", owners, "Select who owns the action", True)
        # Show the owner before the due date.
        self.order_fields(["description", "owner", "due_on"])


class CompleteForm(forms.Form):
    note = forms.CharField(
        label="What was done (optional)",
        required=False,
        max_length=500,
        error_messages={"max_length": "Note must be 500 characters or fewer"},
    )
