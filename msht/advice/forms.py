"""Forms for early investigative advice: shapes only; the services hold the rules."""

from django import forms

from msht.reference.models import ExploitationType, PoliceForce, Unit
from msht.web.forms import GovDateField

from .models import DeclineReason, Urgency

MAX_ITEMS = 5


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10_000,
        error_messages={
            "required": f"Enter the {label.lower()}, or 0",
            "invalid": f"{label} must be a whole number, like 2",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be 10,000 or fewer",
        },
        widget=forms.NumberInput,
    )


class RequestForm(forms.Form):
    operation_name = forms.CharField(
        label="Operation name",
        max_length=100,
        error_messages={
            "required": "Enter the operation name",
            "max_length": "Operation name must be 100 characters or fewer",
        },
    )
    officer_name = forms.CharField(
        label="Officer in the case",
        max_length=200,
        help_text="Rank and name, like DS Ben Clarke",
        error_messages={
            "required": "Enter the name of the officer in the case",
            "max_length": "Officer in the case must be 200 characters or fewer",
        },
    )
    officer_contact = forms.CharField(
        label="Officer's contact details",
        max_length=200,
        help_text="A work email address or telephone number",
        error_messages={
            "required": "Enter the officer's contact details",
            "max_length": "Officer's contact details must be 200 characters or fewer",
        },
    )
    summary = forms.CharField(
        label="Summary of the allegation",
        max_length=5000,
        widget=forms.Textarea,
        help_text="What is alleged, where and when. Do not name victims or witnesses.",
        error_messages={
            "required": "Enter a summary of the allegation",
            "max_length": "Summary of the allegation must be 5,000 characters or fewer",
        },
    )
    exploitation_types = forms.ModelMultipleChoiceField(
        label="Types of exploitation",
        queryset=ExploitationType.objects.enabled(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select types of exploitation from the list"},
    )
    suspect_count = _count_field("Number of suspects")
    victim_count = _count_field("Number of potential victims")
    advice_sought = forms.CharField(
        label="Advice sought",
        max_length=5000,
        widget=forms.Textarea,
        help_text="The questions you would like a prosecutor to answer",
        error_messages={
            "required": "Enter the advice you are asking for",
            "max_length": "Advice sought must be 5,000 characters or fewer",
        },
    )
    urgency = forms.ChoiceField(
        label="How urgent is the request?",
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how urgent the request is",
            "invalid_choice": "Select how urgent the request is",
        },
    )
    requested_by_date = GovDateField(
        label="Date you need the advice by",
        allow_future=True,
        error_messages={"required": "Enter the date you need the advice by"},
    )


class AcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.enabled(),
        empty_label="Select a unit",
        error_messages={
            "required": "Select the unit that will give the advice",
            "invalid_choice": "Select the unit that will give the advice",
        },
    )
    lawyer: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Prosecutor",
        queryset=None,
        empty_label="Select a prosecutor",
        error_messages={
            "required": "Select the prosecutor who will give the advice",
            "invalid_choice": "Select a prosecutor from the request's Area",
        },
    )
    reason = forms.CharField(
        label="Reason for a different unit (if any)",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        help_text="Needed only when you choose a unit other than the recommended one",
        error_messages={"max_length": "The reason must be 1,000 characters or fewer"},
    )

    def __init__(self, *args, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawyer"].queryset = lawyers


class DeclineForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reasons = forms.MultipleChoiceField(
        label="Why is the request declined?",
        choices=DeclineReason.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply, and add a detail where it helps the police",
        error_messages={
            "required": "Select at least one reason for declining the request",
            "invalid_choice": "Select reasons from the list",
        },
    )
    police_respond_by = GovDateField(
        label="Date by which the police should respond",
        allow_future=True,
        error_messages={"required": "Enter the date by which the police should respond"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in DeclineReason.choices:
            self.fields[f"detail_{code}"] = forms.CharField(
                label=f"Detail: {label.lower()} (optional)",
                required=False,
                max_length=500,
                error_messages={
                    "max_length": f"Detail for {label.lower()} must be 500 characters or fewer"
                },  # fmt: skip
            )

    def reason_details(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"detail_{code}", "")
            for code in self.cleaned_data.get("reasons", [])
        }


class AdviceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    given_on = GovDateField(
        label="Date the advice was given",
        error_messages={"required": "Enter the date the advice was given"},
    )
    summary = forms.CharField(
        label="Summary of the advice",
        max_length=5000,
        widget=forms.Textarea,
        help_text="The police partner sees this summary. Do not name victims or witnesses.",
        error_messages={
            "required": "Enter a summary of the advice",
            "max_length": "Summary of the advice must be 5,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(1, MAX_ITEMS + 1):
            self.fields[f"item_{index}"] = forms.CharField(
                label=f"Action plan item {index}",
                required=False,
                max_length=500,
                error_messages={
                    "max_length": f"Action plan item {index} must be 500 characters or fewer"
                },
            )
            self.fields[f"due_{index}"] = GovDateField(
                label=f"Date action plan item {index} is due", required=False, allow_future=True
            )

    def action_items(self) -> list:
        return [
            (self.cleaned_data.get(f"item_{i}", ""), self.cleaned_data.get(f"due_{i}"))
            for i in range(1, MAX_ITEMS + 1)
        ]


class LinkCaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    urn = forms.CharField(
        label="URN of the case",
        max_length=20,
        help_text="The case is registered if it is not in the service yet",
        error_messages={
            "required": "Enter the URN of the case",
            "max_length": "URN must be 20 characters or fewer",
        },
    )
    referred_on = GovDateField(
        label="Date the police referred the case",
        error_messages={"required": "Enter the date the police referred the case"},
    )


class JointPackForm(forms.Form):
    police_force: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Police force",
        queryset=None,
        empty_label="Select a police force",
        error_messages={
            "required": "Select the police force",
            "invalid_choice": "Select a police force from the list",
        },
    )
    month = forms.ChoiceField(
        label="Month",
        choices=[],
        error_messages={
            "required": "Select the month the pack covers",
            "invalid_choice": "Select a month from the list",
        },
    )

    def __init__(self, *args, forces, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["police_force"].queryset = forces
        self.fields["month"].choices = months


class ApiKeyForm(forms.Form):
    police_force = forms.ModelChoiceField(
        label="Police force",
        queryset=PoliceForce.objects.enabled(),
        empty_label="Select a police force",
        error_messages={
            "required": "Select the police force the key is for",
            "invalid_choice": "Select a police force from the list",
        },
    )
    name = forms.CharField(
        label="Name of the key",
        max_length=100,
        help_text="The system that will use it, like 'Niche RMS'",
        error_messages={
            "required": "Enter a name for the key, like the system that will use it",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    expires_on = GovDateField(
        label="Date the key expires",
        allow_future=True,
        error_messages={"required": "Enter the date the key expires"},
    )
