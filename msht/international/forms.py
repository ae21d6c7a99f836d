"""Forms for the international pages. They shape input; the services decide what is valid, and
every message names its field."""

import re

from django import forms

from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.reference.models import Nationality
from msht.web.forms import GovDateField

from .models import (
    ActivityKind,
    DeploymentStatus,
    Direction,
    ExtraditionStatus,
    MlaStatus,
    ObjectiveKind,
    Region,
)


def country_choices(blank: str = "Choose a country") -> list[tuple[str, str]]:
    countries = Nationality.objects.enabled().order_by("name").values_list("code", "name")
    return [("", blank), *countries]


def money_field(label: str, *, required: bool = True, hint: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        help_text=hint,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"{label} must be an amount, like 1250.50",
            "max_decimal_places": f"{label} must have no more than 2 decimal places",
            "max_digits": f"{label} must be less than 10,000,000,000",
            "max_whole_digits": f"{label} must be less than 10,000,000,000",
        },
    )


def number_field(label: str) -> forms.DecimalField:
    field = money_field(label)
    field.error_messages["invalid"] = f"{label} must be a number, like 40 or 62.5"
    return field


def count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"{label} must be a whole number, like 12",
        },
    )


def text_field(label: str, *, max_length: int, required: bool = True, area: bool = False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea if area else forms.TextInput,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


def choice_field(label: str, choices, *, message: str, radios: bool = False, required=True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={"required": message, "invalid_choice": message},
    )


def date_field(label: str, *, required: bool = True, future: bool = False) -> GovDateField:
    return GovDateField(
        label=label,
        required=required,
        allow_future=future,
        error_messages={"required": f"Enter the {label[0].lower() + label[1:]}"},
    )


def year_field(label: str = "Financial year") -> forms.CharField:
    field = text_field(label, max_length=7)
    field.help_text = "April to March, like 2025-26"
    field.widget.attrs["class"] = "govuk-input--width-5"
    return field


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DeploymentFilterForm(forms.Form):
    country = forms.ChoiceField(label="Country", required=False)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *Region.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *DeploymentStatus.choices]
    )
    year = forms.CharField(
        label="Financial year", required=False, max_length=7, help_text="Like 2025-26"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices("Any country")


class DeploymentForm(forms.Form):
    country = choice_field("Country", [], message="Select the country")
    region = choice_field("Region", Region.choices, message="Select the region")
    post = text_field("Post", max_length=200)
    adviser = forms.ChoiceField(label="Adviser's account", required=False)
    adviser_name = text_field("Adviser's name", max_length=200, required=False)
    start_date = date_field("Start date", future=True)
    end_date = date_field("End date", future=True)
    funding_line = text_field("Funding line", max_length=200)
    status = choice_field(
        "Status", DeploymentStatus.choices, message="Select the status", radios=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["adviser_name"].help_text = "If the adviser has no account here"
        advisers = User.objects.filter(role=Role.INTERNATIONAL, is_active=True).order_by(
            "full_name"
        )
        self.fields["adviser"].choices = [("", "No account: give a name below")] + [
            (str(u.pk), u.full_name) for u in advisers
        ]


class DeploymentEditForm(VersionedForm, DeploymentForm):
    pass


class CostForm(forms.Form):
    financial_year = year_field()
    staff = money_field("Staff cost", hint="Pounds")
    travel = money_field("Travel cost", hint="Pounds")
    programme = money_field("Programme cost", hint="Pounds")


class ObjectiveForm(forms.Form):
    kind = choice_field(
        "Kind of objective",
        ObjectiveKind.choices,
        message="Select the kind of objective",
        radios=True,
    )
    description = text_field("Objective", max_length=2000, area=True)


class IndicatorForm(forms.Form):
    name = text_field("Indicator name", max_length=200)
    definition = text_field("Definition", max_length=2000, area=True)
    unit = text_field("Unit", max_length=50)
    baseline_value = number_field("Baseline value")
    baseline_date = date_field("Baseline date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].help_text = "For example: officials, per cent, cases"
        self.fields["definition"].help_text = "Phrase it so that a higher value is better"


class TargetForm(forms.Form):
    financial_year = year_field("Target period")
    value = number_field("Target")


class ActualForm(forms.Form):
    financial_year = year_field("Period")
    value = number_field("Actual value")
    measured_on = date_field("Date measured")
    source = text_field("Source", max_length=200)
    evidence = text_field("Evidence note", max_length=2000, required=False, area=True)


class ActivityForm(forms.Form):
    kind = choice_field(
        "Kind of activity",
        ActivityKind.choices,
        message="Select the kind of activity",
        radios=True,
    )
    delivered_on = date_field("Date of the activity")
    description = text_field("Description", max_length=500)
    quantity = count_field("Number")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "quantity"
        ].help_text = (
            "Officials trained, cases supported, pieces of legislation or operations assisted"
        )


def split_urns(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]+", text or "") if part.strip()]


def urns_field() -> forms.CharField:
    field = text_field("Case URNs", max_length=500)
    field.help_text = "One or more case URNs, separated by commas"
    field.error_messages["required"] = "Enter the URN of at least one case"
    return field


class MlaForm(forms.Form):
    case_urns = urns_field()
    direction = choice_field(
        "Direction",
        Direction.choices,
        message="Select whether the request is outgoing or incoming",
        radios=True,
    )
    country = choice_field("Country", [], message="Select the country")
    sent_on = date_field("Date sent")
    asked = text_field("What is asked", max_length=2000, area=True)
    status = choice_field("Status", MlaStatus.choices, message="Select the status")
    concluded_on = date_field("Date executed, refused or withdrawn", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class MlaUpdateForm(VersionedForm):
    status = choice_field("Status", MlaStatus.choices, message="Select the status")
    concluded_on = date_field("Date executed, refused or withdrawn", required=False)
    asked = text_field("What is asked", max_length=2000, area=True)


class ExtraditionForm(forms.Form):
    case_urns = urns_field()
    direction = choice_field(
        "Direction",
        Direction.choices,
        message="Select whether the request is outgoing or incoming",
        radios=True,
    )
    country = choice_field("Country", [], message="Select the country")
    requested_on = date_field("Date of the request")
    status = choice_field("Status", ExtraditionStatus.choices, message="Select the status")
    concluded_on = date_field("Date concluded", required=False)
    notes = text_field("Notes", max_length=2000, required=False, area=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class ExtraditionUpdateForm(VersionedForm):
    status = choice_field("Status", ExtraditionStatus.choices, message="Select the status")
    concluded_on = date_field("Date concluded", required=False)
    notes = text_field("Notes", max_length=2000, required=False, area=True)


class JitDetailsForm(forms.Form):
    name = text_field("Name of the team", max_length=200)
    partner_1 = choice_field("Partner country", [], message="Select at least one partner country")
    partner_2 = choice_field("Second partner country (optional)", [], message="", required=False)
    partner_3 = choice_field("Third partner country (optional)", [], message="", required=False)
    agency = text_field("Lead agency", max_length=200)
    eurojust_funding = money_field("Eurojust funding", required=False, hint="Pounds, if any")
    started_on = date_field("Start date")
    ended_on = date_field("End date", required=False, future=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("partner_1", "partner_2", "partner_3"):
            self.fields[name].choices = country_choices()
            self.fields[name].error_messages["invalid_choice"] = "Select a partner country"

    def partner_codes(self) -> list[str]:
        data = self.cleaned_data
        return list(dict.fromkeys(c for c in (data.get(f"partner_{i}") for i in (1, 2, 3)) if c))


class JitForm(JitDetailsForm):
    case_urns = urns_field()

    field_order = ["case_urns"]


class JitUpdateForm(VersionedForm, JitDetailsForm):
    pass


class ReportForm(forms.Form):
    quarter = forms.CharField(
        label="Quarter",
        max_length=12,
        help_text="Financial year and quarter, like 2025-26 Q2 (July to September 2025)",
        error_messages={"required": "Enter the quarter, like 2025-26 Q2"},
    )
