"""Victims and witnesses on a case, and what the service does for them.

Pseudonymous by default: a victim is "V1: adult, female, Albania". The identifying details (name,
date of birth, contact) are one encrypted token in `identity_ciphertext` (see `crypto.py`); no
other field holds them. Everything the performance measures count is a date or a coded value
(see docs/victims.md). Writes go through `msht.victims.services`, reads through
`msht.victims.selectors`, which start from the case register's visibility rule.
"""

from django.conf import settings
from django.db import models

from msht.cases.models import AgeBand, Gender


class FirstResponder(models.TextChoices):
    POLICE = "police", "Police"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HOME_OFFICE = (
        "home_office",
        ("Home Office (UK Visas and Immigration, Border Force, Immigration Enforcement)"),
    )
    NGO = "ngo", "Designated non-governmental organisation"
    HEALTH_SOCIAL_CARE = "health_social_care", "Health and social care trust"
    OTHER = "other", "Other first responder"


class GroundsDecision(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"


class Victim(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="victims")
    number = models.PositiveIntegerField(help_text="V1, V2 ... within the case.")
    is_victim = models.BooleanField(default=True)
    is_witness = models.BooleanField(default=False)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    nationality = models.ForeignKey(
        "reference.Nationality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Name, date of birth and contact details, as one Fernet token. Never decrypted for a page
    # except by victim_identity_reveal.
    identity_ciphertext = models.TextField(blank=True, default="")

    # National Referral Mechanism.
    nrm_referred = models.BooleanField("Referred to the NRM", default=False)
    nrm_referral_date = models.DateField(null=True, blank=True)
    first_responder = models.CharField(max_length=30, choices=FirstResponder.choices, blank=True)
    rg_decision = models.CharField(
        "Reasonable grounds decision", max_length=10, choices=GroundsDecision.choices, blank=True
    )
    rg_decision_date = models.DateField(null=True, blank=True)
    cg_decision = models.CharField(
        "Conclusive grounds decision", max_length=10, choices=GroundsDecision.choices, blank=True
    )
    cg_decision_date = models.DateField(null=True, blank=True)
    exploitation_types = models.ManyToManyField(
        "reference.ExploitationType", blank=True, related_name="victims"
    )
    # The trial the person is warned to attend (may be in the future; the case register's
    # trial_date is the date a trial started). Special measures should be decided before it.
    trial_date = models.DateField("Trial date", null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking: every change to the person or anything recorded under them moves it on.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="victim_unique_number"),
        ]
        indexes = [
            models.Index(fields=["nrm_referral_date"], name="victim_nrm_referral"),
            models.Index(fields=["cg_decision", "cg_decision_date"], name="victim_cg"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def reference(self) -> str:
        return f"V{self.number}"

    @property
    def label(self) -> str:
        if self.age_band == AgeBand.UNDER_18:
            age = "child"
        elif self.age_band == AgeBand.UNKNOWN:
            age = "age not known"
        else:
            age = "adult"
        gender = (
            "gender not known"
            if self.gender == Gender.UNKNOWN
            else self.get_gender_display().lower()
        )
        nationality = self.nationality.name if self.nationality_id else "nationality not known"
        return f"{self.reference}: {age}, {gender}, {nationality}"

    @property
    def role_display(self) -> str:
        if self.is_victim and self.is_witness:
            return "Victim and witness"
        return "Witness" if self.is_witness else "Victim"

    @property
    def has_identity(self) -> bool:
        return bool(self.identity_ciphertext)

    @property
    def nrm_status(self) -> str:
        if self.cg_decision:
            return f"{self.get_cg_decision_display()} conclusive grounds decision"
        if self.rg_decision:
            return f"{self.get_rg_decision_display()} reasonable grounds decision"
        if self.nrm_referred:
            return "Referred, awaiting a decision"
        return "Not referred"


class SpecialMeasure(models.TextChoices):
    """Youth Justice and Criminal Evidence Act 1999 ss23-30."""

    SCREENS = "screens", "Screens (s23)"
    LIVE_LINK = "live_link", "Live link (s24)"
    PRIVATE = "private", "Evidence given in private (s25)"
    WIGS_GOWNS = "wigs_gowns", "Removal of wigs and gowns (s26)"
    VIDEO_EVIDENCE = "video_evidence", "Video-recorded evidence in chief (s27)"
    PRE_RECORDED_CROSS = "pre_recorded_cross", "Pre-recorded cross-examination (s28)"
    INTERMEDIARY = "intermediary", "Examination through an intermediary (s29)"
    COMMUNICATION_AIDS = "communication_aids", "Aids to communication (s30)"


class Eligibility(models.TextChoices):
    MSA_S46 = "msa_s46", "Automatic: complainant in a Modern Slavery Act offence (MSA 2015 s46)"
    UNDER_18 = "under_18", "Under 18 (YJCEA 1999 s16)"
    VULNERABLE = "vulnerable", "Vulnerable: mental or physical impairment (YJCEA 1999 s16)"
    FEAR_DISTRESS = "fear_distress", "Fear or distress about testifying (YJCEA 1999 s17)"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", "Applied for, awaiting decision"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SpecialMeasureApplication(models.Model):
    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="special_measures")
    measure = models.CharField(max_length=30, choices=SpecialMeasure.choices)
    eligibility = models.CharField(
        max_length=20, choices=Eligibility.choices, default=Eligibility.MSA_S46
    )
    applied_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    decided_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["victim", "applied_on", "id"]
        indexes = [models.Index(fields=["status", "measure"], name="sm_status_measure")]

    def __str__(self) -> str:
        return self.get_measure_display()


class InterviewQuality(models.TextChoices):
    GOOD = "good", "Good: usable as evidence in chief without editing"
    ADEQUATE = "adequate", "Adequate: usable with editing"
    POOR = "poor", "Poor: not fit to be played as evidence in chief"


class InterviewIssue(models.TextChoices):
    NO_RAPPORT = "no_rapport", "Rapport stage missing or too short"
    LEADING = "leading", "Leading or closed questions"
    TOO_LONG = "too_long", "Too long or repetitive"
    IRRELEVANT = "irrelevant", "Irrelevant or inadmissible material"
    AUDIO_VIDEO = "audio_video", "Poor sound or picture"
    INTERPRETER = "interpreter", "Interpretation problems"
    NOT_PLANNED = "not_planned", "Not planned with the ABE guidance"
    OTHER = "other", "Other issue"


class VideoInterview(models.Model):
    """A video-recorded (Achieving Best Evidence) interview and its quality rating."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="interviews")
    interviewed_on = models.DateField()
    quality = models.CharField(max_length=10, choices=InterviewQuality.choices)
    issues = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["victim", "interviewed_on", "id"]

    def __str__(self) -> str:
        return f"Interview on {self.interviewed_on}"

    @property
    def issue_labels(self) -> list[str]:
        return [InterviewIssue(code).label for code in self.issues if code in InterviewIssue.values]


class SupportKind(models.TextChoices):
    INTERPRETER = "interpreter", "Interpreter"
    INTERMEDIARY = "intermediary", "Registered intermediary"


class SupportPurpose(models.TextChoices):
    INTERVIEW = "interview", "Video-recorded interview"
    CONFERENCE = "conference", "Meeting or conference"
    FIRST_HEARING = "first_hearing", "First hearing"
    PRE_TRIAL = "pre_trial", "Pre-trial hearing"
    TRIAL = "trial", "Trial"
    SENTENCE = "sentence", "Sentencing hearing"
    OTHER = "other", "Other hearing"


class SupportOutcome(models.TextChoices):
    PROVIDED = "provided", "Provided on time"
    LATE = "late", "Provided late"
    NOT_PROVIDED = "not_provided", "Not provided"


class SupportEffect(models.TextChoices):
    NONE = "none", "No effect on the case"
    ADJOURNED = "adjourned", "Hearing adjourned"
    VACATED = "vacated", "Trial vacated"


class InterpreterBooking(models.Model):
    """An interpreter or registered intermediary, from request to what happened on the day."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="bookings")
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    language = models.ForeignKey(
        "reference.Language", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(max_length=20, choices=SupportPurpose.choices)
    requested_on = models.DateField()
    needed_by = models.DateField(help_text="The date of the hearing or interview.")
    booked_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=SupportOutcome.choices, blank=True)
    effect = models.CharField(max_length=20, choices=SupportEffect.choices, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["victim", "needed_by", "id"]
        indexes = [
            models.Index(fields=["booked_on", "needed_by"], name="booking_open"),
            models.Index(fields=["outcome", "effect"], name="booking_outcome"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.kind == SupportKind.INTERPRETER and self.language_id:
            return f"{self.language.name} interpreter"
        return self.get_kind_display()

    @property
    def lead_days(self) -> int | None:
        """Days between booking and the date needed (negative: booked after)."""
        if self.booked_on:
            return (self.needed_by - self.booked_on).days
        return None


class EngagementStatus(models.TextChoices):
    ENGAGED = "engaged", "Engaged"
    WAVERING = "wavering", "Wavering"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNCONTACTABLE = "uncontactable", "Uncontactable"
    LEFT_JURISDICTION = "left_jurisdiction", "Left the jurisdiction"


AT_RISK_STATUSES = (
    EngagementStatus.WAVERING,
    EngagementStatus.UNCONTACTABLE,
    EngagementStatus.WITHDRAWN,
)


class EngagementReason(models.TextChoices):
    NONE = "", "No particular reason"
    SUPPORTED = "supported", "Support in place and working"
    FEAR = "fear", "Fear of reprisals against them or their family"
    CONTROL = "control", "Still under the control or influence of the exploiters"
    RETURNED = "returned", "Returned to the exploiters"
    IMMIGRATION = "immigration", "Immigration or asylum concerns"
    DELAY = "delay", "Delay in the case"
    TRAUMA = "trauma", "Trauma or health"
    LOST_SUPPORT = "lost_support", "Support ended or withdrawn"
    MOVED = "moved", "Moved away or returned home"
    NO_CONTACT = "no_contact", "Contact details no longer work"
    OTHER = "other", "Other reason"


class SupportOrganisation(models.TextChoices):
    NONE = "", "None"
    MSVCC = "msvcc", "Modern Slavery Victim Care Contract (The Salvation Army and partners)"
    ICTG = "ictg", "Independent Child Trafficking Guardian"
    ISVA = "isva", "Independent Sexual Violence Adviser"
    WITNESS_SERVICE = "witness_service", "Witness Service"
    POLICE_WCU = "police_wcu", "Police witness care unit"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NGO = "ngo", "Other charity or non-governmental organisation"


class EngagementEvent(models.Model):
    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="engagement")
    status = models.CharField(max_length=20, choices=EngagementStatus.choices)
    occurred_on = models.DateField()
    reason = models.CharField(max_length=20, choices=EngagementReason.choices, blank=True)
    support_organisation = models.CharField(
        max_length=20, choices=SupportOrganisation.choices, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["victim", "-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["victim", "-occurred_on", "-id"], name="engagement_latest"),
            models.Index(fields=["status", "occurred_on"], name="engagement_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.occurred_on}"


class ReviewDecisionKind(models.TextChoices):
    NO_CHARGE = "no_charge", "Decision not to charge"
    DISCONTINUANCE = "discontinuance", "Decision to discontinue or withdraw all charges"
    NO_EVIDENCE = "no_evidence", "Decision to offer no evidence"
    OTHER = "other", "Other final decision"


class ReviewOutcome(models.TextChoices):
    UPHELD = "upheld", "Original decision upheld"
    OVERTURNED = "overturned", "Original decision overturned"
    WITHDRAWN = "withdrawn", "Request withdrawn by the victim"
    NOT_ELIGIBLE = "not_eligible", "Not eligible for review"


class ReviewRequest(models.Model):
    """A request under the Victims' Right to Review scheme."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="reviews")
    decision_kind = models.CharField(max_length=20, choices=ReviewDecisionKind.choices)
    requested_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["victim", "requested_on", "id"]
        indexes = [models.Index(fields=["outcome", "outcome_on"], name="review_outcome")]

    def __str__(self) -> str:
        return f"Review requested on {self.requested_on}"

    @property
    def days_taken(self) -> int | None:
        if self.outcome_on:
            return (self.outcome_on - self.requested_on).days
        return None


class LetterKind(models.TextChoices):
    NO_CHARGE = "no_charge", "Decision not to charge"
    DISCONTINUANCE = "discontinuance", "Decision to discontinue or withdraw charges"
    CHARGE_ALTERED = "charge_altered", "Charges substantially altered"
    REVIEW_OUTCOME = "review_outcome", "Outcome of a right to review request"
    OTHER = "other", "Other decision"


class DecisionLetter(models.Model):
    """A letter telling a victim of a decision, and how long it took against the target.

    The target (in working days) is stored with the letter when it is recorded, so a later
    change of target does not rewrite history. See docs/victims.md.
    """

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    decision_on = models.DateField()
    sent_on = models.DateField()
    working_days_taken = models.PositiveIntegerField()
    target_working_days = models.PositiveIntegerField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["victim", "decision_on", "id"]
        indexes = [models.Index(fields=["sent_on"], name="letter_sent")]

    def __str__(self) -> str:
        return f"Letter sent on {self.sent_on}"

    @property
    def within_target(self) -> bool:
        return self.working_days_taken <= self.target_working_days
