"""Forms for the victims pages. Field names match the services' keyword arguments."""

from django import forms

from msht.cases.models import AgeBand, Gender
from msht.reference.models import ExploitationType, Language, Nationality
from msht.web.forms import GovDateField

from .models import (
    ApplicationStatus,
    Eligibility,
    EngagementReason,
    EngagementStatus,
    FirstResponder,
    GroundsDecision,
    InterviewIssue,
    InterviewQuality,
    LetterKind,
    ReviewDecisionKind,
    ReviewOutcome,
    SpecialMeasure,
    SupportEffect,
    SupportKind,
    SupportOrganisation,
    SupportOutcome,
    SupportPurpose,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _blank(label: str, choices) -> list:
    return [("", label), *[(value, text) for value, text in choices if value != ""]]


def _offer(field: forms.Field, choices: list) -> None:
    field.choices = choices
    field.widget.choices = choices


STALE_PAGE = "This page is out of date. Open it again from the victims and witnesses tab"


class VersionedForm(forms.Form):
    """Carries the version of the person the page was built from (optimistic locking)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={"invalid": STALE_PAGE, "min_value": STALE_PAGE},
    )


class VictimForm(forms.Form):
    role = forms.ChoiceField(
        label="Victim or witness",
        choices=[("victim", "Victim"), ("witness", "Witness"), ("both", "Victim and witness")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person is a victim, a witness or both"},
    )
    age_band = forms.ChoiceField(label="Age band", choices=AgeBand.choices, initial=AgeBand.UNKNOWN)
    gender = forms.ChoiceField(label="Gender", choices=Gender.choices, initial=Gender.UNKNOWN)
    nationality = forms.CharField(label="Nationality", required=False, widget=forms.Select)

    def __init__(self, *args, identity: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _offer(
            self.fields["nationality"],
            [("", "Not known")]
            + list(Nationality.objects.enabled().order_by("name").values_list("code", "name")),
        )
        if identity:
            self.fields.update(IdentityForm().fields)


class IdentityForm(VersionedForm):
    name = forms.CharField(label="Full name (optional)", required=False, max_length=200)
    date_of_birth = GovDateField(label="Date of birth (optional)", required=False)
    contact = forms.CharField(
        label="Contact details (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        help_text="Stored encrypted and shown only to the case team after they give a reason.",
    )


class RevealForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to see this person's identity?",
        max_length=500,
        widget=forms.Textarea,
        help_text="Your reason is kept in the audit trail with your name.",
        error_messages={"required": "Enter why you need to see this person's identity"},
    )


class NrmForm(VersionedForm):
    referred = forms.ChoiceField(
        label="Has the person been referred to the National Referral Mechanism?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the person has been referred to the NRM"},
    )
    referral_date = GovDateField(label="Date of the NRM referral", required=False)
    first_responder = forms.ChoiceField(
        label="First responder type",
        required=False,
        choices=_blank("Choose a first responder", FirstResponder.choices),
    )
    rg_decision = forms.ChoiceField(
        label="Reasonable grounds decision",
        required=False,
        choices=_blank("No decision yet", GroundsDecision.choices),
    )
    rg_decision_date = GovDateField(label="Date of the reasonable grounds decision", required=False)
    cg_decision = forms.ChoiceField(
        label="Conclusive grounds decision",
        required=False,
        choices=_blank("No decision yet", GroundsDecision.choices),
    )
    cg_decision_date = GovDateField(label="Date of the conclusive grounds decision", required=False)
    exploitation_types = forms.MultipleChoiceField(
        label="Exploitation experienced",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploitation_types"].choices = list(
            ExploitationType.objects.enabled().values_list("code", "name")
        )


class SpecialMeasureApplyForm(VersionedForm):
    measure = forms.ChoiceField(
        label="Special measure",
        choices=SpecialMeasure.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the special measure applied for"},
    )
    eligibility = forms.ChoiceField(
        label="Eligibility",
        choices=Eligibility.choices,
        initial=Eligibility.MSA_S46,
    )
    applied_on = GovDateField(label="Date of the application")


class TrialDateForm(VersionedForm):
    trial_date = GovDateField(
        label="Date of the trial",
        required=False,
        allow_future=True,
        help_text="Leave empty if the trial is not listed or has been vacated.",
    )


class SpecialMeasureDecideForm(VersionedForm):
    status = forms.ChoiceField(
        label="Decision",
        choices=[(v, t) for v, t in ApplicationStatus.choices if v != ApplicationStatus.APPLIED],
        widget=forms.RadioSelect,
        error_messages={"required": "Select granted, refused or withdrawn"},
    )
    decided_on = GovDateField(label="Date of the decision")


class InterviewForm(VersionedForm):
    interviewed_on = GovDateField(label="Date of the interview")
    quality = forms.ChoiceField(
        label="Quality of the recording",
        choices=InterviewQuality.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the quality of the interview"},
    )
    issues = forms.MultipleChoiceField(
        label="Issues",
        required=False,
        choices=InterviewIssue.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class InterpreterRequestForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Interpreter or intermediary",
        choices=SupportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select interpreter or intermediary"},
    )
    # A CharField offering choices: an unknown code reaches the service, which explains it.
    language = forms.CharField(label="Language", required=False, widget=forms.Select)
    purpose = forms.ChoiceField(
        label="Needed for",
        choices=_blank("Choose what it is needed for", SupportPurpose.choices),
        error_messages={"required": "Select what it is needed for"},
    )
    requested_on = GovDateField(label="Date of the request")
    needed_by = GovDateField(label="Date needed (the hearing or interview)", allow_future=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offer(
            self.fields["language"],
            [("", "Choose a language")]
            + list(Language.objects.enabled().order_by("name").values_list("code", "name")),
        )


class InterpreterBookForm(VersionedForm):
    booked_on = GovDateField(label="Date the booking was confirmed")


class InterpreterOutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="What happened",
        choices=SupportOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    effect = forms.ChoiceField(
        label="Effect on the case",
        choices=SupportEffect.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the effect on the case"},
    )


class EngagementForm(VersionedForm):
    status = forms.ChoiceField(
        label="Engagement",
        choices=EngagementStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the victim's engagement"},
    )
    occurred_on = GovDateField(label="Date")
    reason = forms.ChoiceField(label="Reason", required=False, choices=EngagementReason.choices)
    support_organisation = forms.ChoiceField(
        label="Support organisation involved",
        required=False,
        choices=SupportOrganisation.choices,
    )


class ReviewRequestForm(VersionedForm):
    decision_kind = forms.ChoiceField(
        label="Decision to be reviewed",
        choices=ReviewDecisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision the victim asked to be reviewed"},
    )
    requested_on = GovDateField(label="Date of the request")


class ReviewOutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the review"},
    )
    outcome_on = GovDateField(label="Date of the outcome")


class LetterForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Decision explained",
        choices=LetterKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision the letter explains"},
    )
    decision_on = GovDateField(label="Date of the decision")
    sent_on = GovDateField(label="Date the letter was sent")
