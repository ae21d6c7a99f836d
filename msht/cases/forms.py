"""Forms for the case pages. They collect and shape input; the services decide what is valid."""

from django import forms
from django.core.exceptions import ValidationError

from msht.reference import selectors as reference
from msht.reference.models import FinalisationOutcome, Nationality, Offence, UnsuccessfulReason
from msht.web.forms import GovDateField

from .models import (
    AgeBand,
    AllocationRule,
    CaseStatus,
    ChargingDecision,
    Gender,
    IndicatorScreen,
    NrmStatus,
    OrderKind,
    OrderResult,
    Plea,
    S45Result,
    SentenceKind,
    TraffickingIndicator,
    Verdict,
)
from .selectors import SORTS
from .urn import urn_parse


def _code_choices(queryset, blank: str | None = None):
    choices = [(item.code, item.name) for item in queryset]
    return ([("", blank)] if blank is not None else []) + choices


class CodeChoiceField(forms.ModelChoiceField):
    """A reference value chosen by its code; a code that is not offered is a form error."""

    def __init__(self, *, what: str, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        messages = {"invalid_choice": f"Choose {what} from the list"}
        messages.update(kwargs.pop("error_messages", {}))
        super().__init__(error_messages=messages, **kwargs)


class PersonChoiceField(forms.ModelChoiceField):
    def __init__(self, *, what: str, **kwargs):
        kwargs.setdefault("queryset", None)
        super().__init__(
            error_messages={"invalid_choice": f"Choose {what} from the list"}, **kwargs
        )

    def label_from_instance(self, obj) -> str:
        return obj.full_name


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            form.add_error(key if key in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class VersionedForm(forms.Form):
    """Carries the version of the case the form was built from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label="URN or operation name", required=False, max_length=100)
    area = forms.ChoiceField(label="Area", required=False)
    unit = forms.ChoiceField(label="Unit", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *CaseStatus.choices]
    )
    exploitation_type = forms.ChoiceField(label="Exploitation type", required=False)
    offence = forms.ChoiceField(label="Principal offence", required=False)
    police_force = forms.ChoiceField(label="Police force", required=False)
    referred_from = GovDateField(label="Referred on or after", required=False)
    referred_to = GovDateField(label="Referred on or before", required=False)
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _code_choices(reference.areas_enabled(), "Any Area")
        self.fields["unit"].choices = _code_choices(reference.units_enabled(), "Any unit")
        self.fields["exploitation_type"].choices = _code_choices(
            reference.exploitation_types_enabled(), "Any type"
        )
        self.fields["offence"].choices = _code_choices(reference.offences_enabled(), "Any offence")
        self.fields["police_force"].choices = _code_choices(
            reference.police_forces_enabled(), "Any force"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("referred_from"), data.get("referred_to")
        if start and end and end < start:
            self.add_error("referred_to", "Referred on or before must be after the start date")
        return data


class CaseDetailsForm(forms.Form):
    operation_name = forms.CharField(
        label="Operation name",
        required=False,
        max_length=100,
        help_text="The police operation name, if there is one.",
    )
    exploitation_types = forms.ModelMultipleChoiceField(
        label="Types of exploitation",
        queryset=None,
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Choose types of exploitation from the list"},
    )
    international = forms.BooleanField(label="International element", required=False)
    organised_crime_group = forms.BooleanField(label="Organised crime group", required=False)
    joint_investigation_team = forms.BooleanField(label="Joint investigation team", required=False)
    child_victim = forms.BooleanField(label="Child victim", required=False)
    county_lines = forms.BooleanField(label="County lines", required=False)
    victim_count = forms.IntegerField(
        label="Number of victims",
        min_value=0,
        max_value=10_000,
        initial=0,
        error_messages={
            "invalid": "Number of victims must be a whole number, like 3",
            "required": "Enter the number of victims (0 if none known yet)",
        },
    )
    suspect_count = forms.IntegerField(
        label="Number of suspects",
        min_value=0,
        max_value=10_000,
        initial=0,
        error_messages={
            "invalid": "Number of suspects must be a whole number, like 2",
            "required": "Enter the number of suspects (0 if none known yet)",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploitation_types"].queryset = reference.exploitation_types_enabled()


class CaseCreateForm(CaseDetailsForm):
    urn = forms.CharField(
        label="URN",
        max_length=30,
        help_text="Police force code, unit code, number and year, like 01YE0123424.",
        error_messages={"required": "Enter the URN"},
    )
    area = CodeChoiceField(
        what="the Area",
        queryset=reference.areas_enabled(),
        label="Area",
        required=False,
        empty_label="The police force's Area",
        help_text="Leave as it is to use the police force's Area.",
    )
    field_order = ["urn", "area"]

    def clean_urn(self):
        forces = set(reference.police_forces_enabled().values_list("code", flat=True))
        return str(urn_parse(self.cleaned_data["urn"], force_codes=forces))


class CaseEditForm(VersionedForm, CaseDetailsForm):
    pass


class ReferralForm(VersionedForm):
    referred_on = GovDateField(label="Police referral date")


class AdviceForm(VersionedForm):
    requested_on = GovDateField(label="Date advice was requested")
    given_on = GovDateField(
        label="Date advice was given",
        required=False,
        help_text="Leave blank if advice has not been given yet.",
    )
    lawyer = PersonChoiceField(
        what="the lawyer",
        label="Lawyer who gave the advice",
        required=False,
        empty_label="Choose a lawyer",
    )

    def __init__(self, *args, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawyer"].queryset = lawyers


class ChargingDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Charging decision",
        choices=ChargingDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the charging decision"},
    )
    decided_on = GovDateField(label="Date of the charging decision")
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        widget=forms.Textarea,
        max_length=4000,
        help_text="Needed for every decision other than charge.",
    )
    action_plan = forms.CharField(
        label="Action plan for the police",
        required=False,
        widget=forms.Textarea,
        max_length=4000,
        help_text="Needed when the case is referred back.",
    )


class FirstHearingForm(VersionedForm):
    heard_on = GovDateField(label="Date of first hearing")


class TrialForm(VersionedForm):
    trial_on = GovDateField(label="Date the trial started")


class FinalisationForm(VersionedForm):
    finalised_on = GovDateField(label="Date of finalisation")
    outcome = CodeChoiceField(
        what="the outcome",
        queryset=FinalisationOutcome.objects.enabled(),
        label="Outcome",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the outcome"},
    )
    unsuccessful_reason = CodeChoiceField(
        what="the reason",
        queryset=UnsuccessfulReason.objects.enabled(),
        label="Reason the case was unsuccessful",
        required=False,
        empty_label="Choose a reason",
        help_text="Needed when the outcome is not a conviction.",
    )


class AllocationForm(VersionedForm):
    unit = CodeChoiceField(
        what="the unit",
        queryset=reference.units_enabled(),
        label="Allocated unit",
        empty_label="Choose a unit",
        error_messages={"required": "Choose the unit"},
    )
    lawyer = PersonChoiceField(
        what="a lawyer", label="Lawyer", required=False, empty_label="Not allocated"
    )
    paralegal = PersonChoiceField(
        what="a paralegal", label="Paralegal", required=False, empty_label="Not allocated"
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        help_text="Needed when the unit is not the one the criteria recommend.",
    )

    def __init__(self, *args, lawyers, paralegals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawyer"].queryset = lawyers
        self.fields["paralegal"].queryset = paralegals


class DefendantForm(VersionedForm):
    reference = forms.CharField(
        label="Reference",
        max_length=20,
        help_text="A pseudonymous reference such as D1 or S2. Never a name.",
        error_messages={"required": "Enter a reference, like D1 (not a name)"},
    )
    age_band = forms.ChoiceField(label="Age band", choices=AgeBand.choices)
    gender = forms.ChoiceField(label="Gender", choices=Gender.choices)
    nationality = CodeChoiceField(
        what="the nationality",
        queryset=Nationality.objects.enabled(),
        label="Nationality",
        required=False,
        empty_label="Not known",
    )


class ChargeForm(forms.Form):
    offence = CodeChoiceField(
        what="the offence",
        queryset=Offence.objects.enabled(),
        label="Offence",
        empty_label="Choose an offence",
        error_messages={"required": "Choose the offence"},
    )
    charged_on = GovDateField(label="Date of charge")
    is_principal = forms.BooleanField(label="This is the principal charge", required=False)


class ChargeResultForm(forms.Form):
    plea = forms.ChoiceField(label="Plea", choices=Plea.choices, required=False)
    plea_on = GovDateField(label="Date of plea", required=False)
    verdict = forms.ChoiceField(label="Verdict", choices=Verdict.choices, required=False)
    verdict_on = GovDateField(label="Date of verdict", required=False)


class SentenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Sentence",
        choices=[("", "Choose"), *SentenceKind.choices],
        error_messages={"required": "Choose the sentence"},
    )
    custody_months = forms.IntegerField(
        label="Length in months",
        required=False,
        min_value=1,
        max_value=1200,
        error_messages={"invalid": "Length must be a whole number of months"},
    )
    sentenced_on = GovDateField(label="Date of sentence")


class S45Form(VersionedForm):
    indicator_screen = forms.ChoiceField(
        label="Trafficking indicators screen",
        choices=IndicatorScreen.choices,
        widget=forms.RadioSelect,
    )
    screened_on = GovDateField(label="Date of the screen", required=False)
    indicators = forms.MultipleChoiceField(
        label="Indicators present",
        choices=TraffickingIndicator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nrm_status = forms.ChoiceField(label="National Referral Mechanism", choices=NrmStatus.choices)
    nrm_referred_on = GovDateField(label="Date of the NRM referral", required=False)
    nrm_decision_on = GovDateField(label="Date of the NRM decision", required=False)
    s45_result = forms.ChoiceField(
        label="Section 45 and public interest consideration",
        choices=S45Result.choices,
        widget=forms.RadioSelect,
    )
    s45_considered_on = GovDateField(label="Date of the consideration", required=False)
    s45_rationale = forms.CharField(
        label="Rationale", required=False, widget=forms.Textarea, max_length=4000
    )


class DefendantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.reference


class OrderForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Kind of order", choices=OrderKind.choices, widget=forms.RadioSelect
    )
    defendant = DefendantChoiceField(
        queryset=None,
        label="Suspect or defendant",
        required=False,
        empty_label="Not linked to one person",
        error_messages={"invalid_choice": "Choose a suspect or defendant of this case"},
    )
    result = forms.ChoiceField(label="What happened", choices=OrderResult.choices)
    applied_on = GovDateField(label="Date of the application")
    decided_on = GovDateField(label="Date of the court's decision", required=False)
    duration_months = forms.IntegerField(
        label="Length of the order in months", required=False, min_value=1, max_value=1200
    )
    amount_pounds = forms.DecimalField(
        label="Amount in pounds", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    breached_on = GovDateField(label="Date of a breach (s30)", required=False)

    def __init__(self, *args, defendants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["defendant"].queryset = defendants


class AllocationRuleForm(forms.Form):
    # The version of the rule the form was built from; blank for a new rule (optimistic locking).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    name = forms.CharField(label="Name", max_length=120)
    field_name = forms.ChoiceField(label="Looks at", choices=AllocationRule.Field.choices)
    operator = forms.ChoiceField(label="Comparison", choices=AllocationRule.Operator.choices)
    value = forms.CharField(
        label="Value",
        required=False,
        max_length=40,
        help_text="A number, or an exploitation type code such as SEXUAL.",
    )
    recommended_unit = CodeChoiceField(
        what="the recommended unit",
        queryset=reference.units_enabled(),
        label="Recommended unit",
        empty_label=None,
    )
    priority = forms.IntegerField(
        label="Priority",
        min_value=0,
        max_value=100_000,
        help_text="Lower numbers win when rules disagree.",
    )
    reason = forms.CharField(label="Reason shown to caseworkers", max_length=300)
    enabled = forms.BooleanField(label="Rule is in use", required=False)
