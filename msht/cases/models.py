"""The case register: cases, their suspects and defendants, charges, outcomes, orders, events.

Key milestone dates and the outcome are kept on `Case` (denormalised, indexed) so performance
figures are plain aggregates; `CaseEvent` keeps the full history. Writes go through
`msht.cases.services`; reads through `msht.cases.selectors.cases_visible_to`.
"""

from django.conf import settings
from django.db import models

from .urn import urn_display


class CaseStatus(models.TextChoices):
    PRE_CHARGE = "pre_charge", "Pre-charge"
    REFERRED_BACK = "referred_back", "Referred back to police"
    CHARGED = "charged", "Charged"
    IN_COURT = "in_court", "In court"
    FINALISED = "finalised", "Finalised"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    OUT_OF_COURT = "out_of_court", "Out-of-court disposal"


# Which status may follow which. Finalised and out-of-court disposals are the end.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.PRE_CHARGE: frozenset(
        {
            CaseStatus.CHARGED,
            CaseStatus.NO_FURTHER_ACTION,
            CaseStatus.REFERRED_BACK,
            CaseStatus.OUT_OF_COURT,
        }
    ),
    CaseStatus.REFERRED_BACK: frozenset({CaseStatus.PRE_CHARGE, CaseStatus.NO_FURTHER_ACTION}),
    CaseStatus.CHARGED: frozenset({CaseStatus.IN_COURT, CaseStatus.FINALISED}),
    CaseStatus.IN_COURT: frozenset({CaseStatus.FINALISED}),
    CaseStatus.FINALISED: frozenset(),
    # A victim's right to review can reopen a decision not to charge.
    CaseStatus.NO_FURTHER_ACTION: frozenset({CaseStatus.PRE_CHARGE}),
    CaseStatus.OUT_OF_COURT: frozenset(),
}


class ChargingDecision(models.TextChoices):
    CHARGE = "charge", "Charge"
    NFA_EVIDENTIAL = "nfa_evidential", "No further action: evidential"
    NFA_PUBLIC_INTEREST = "nfa_public_interest", "No further action: public interest"
    REFER_BACK = "refer_back", "Refer back to police with an action plan"
    OUT_OF_COURT = "out_of_court", "Out-of-court disposal"


class CaseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("area", "unit", "police_force")


class Case(models.Model):
    urn = models.CharField("URN", max_length=11, unique=True)
    area = models.ForeignKey("reference.Area", on_delete=models.PROTECT, related_name="cases")
    police_force = models.ForeignKey(
        "reference.PoliceForce", on_delete=models.PROTECT, related_name="cases"
    )
    operation_name = models.CharField(max_length=100, blank=True)
    exploitation_types = models.ManyToManyField(
        "reference.ExploitationType", blank=True, related_name="cases"
    )

    # Facts the casework referral criteria look at.
    international = models.BooleanField("International element", default=False)
    organised_crime_group = models.BooleanField("Organised crime group", default=False)
    joint_investigation_team = models.BooleanField("Joint investigation team", default=False)
    child_victim = models.BooleanField("Child victim", default=False)
    county_lines = models.BooleanField("County lines", default=False)
    victim_count = models.PositiveIntegerField("Number of victims", default=0)
    suspect_count = models.PositiveIntegerField("Number of suspects", default=0)

    # Allocation: what the criteria recommend, and what was done.
    recommended_unit = models.ForeignKey(
        "reference.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommendation_reasons = models.JSONField(default=list, blank=True)
    unit = models.ForeignKey(
        "reference.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    allocation_reason = models.TextField(
        blank=True, help_text="Why the case went to a different unit from the recommended one."
    )
    lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases_as_lawyer",
    )
    paralegal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases_as_paralegal",
    )

    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.PRE_CHARGE
    )

    # Milestones (the latest of each; the history is in CaseEvent).
    referral_date = models.DateField("Police referral date", null=True, blank=True)
    advice_requested_date = models.DateField(null=True, blank=True)
    advice_given_date = models.DateField(null=True, blank=True)
    advice_lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    charging_decision = models.CharField(
        max_length=20, choices=ChargingDecision.choices, blank=True
    )
    charging_decision_date = models.DateField(null=True, blank=True)
    charge_date = models.DateField(null=True, blank=True)
    first_hearing_date = models.DateField(null=True, blank=True)
    trial_date = models.DateField(null=True, blank=True)
    finalised_date = models.DateField(null=True, blank=True)
    outcome = models.ForeignKey(
        "reference.FinalisationOutcome",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    unsuccessful_reason = models.ForeignKey(
        "reference.UnsuccessfulReason",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    principal_offence = models.ForeignKey(
        "reference.Offence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="principal_cases",
        help_text="The principal charge's offence, kept here for counting by offence.",
    )

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-referral_date", "-id"]
        indexes = [
            models.Index(fields=["area", "-referral_date", "-id"], name="case_area_referral"),
            models.Index(fields=["-referral_date", "-id"], name="case_referral"),
            models.Index(
                fields=["area", "status", "-referral_date", "-id"], name="case_area_status_referral"
            ),
            models.Index(fields=["area", "urn"], name="case_area_urn"),
            models.Index(fields=["area", "status", "urn"], name="case_area_status_urn"),
            models.Index(
                fields=["area", "status", "charge_date", "id"], name="case_area_status_charge"
            ),
            models.Index(fields=["area", "charge_date", "id"], name="case_area_charge"),
            models.Index(fields=["status", "-referral_date"], name="case_status_referral"),
            models.Index(fields=["charge_date"], name="case_charge_date"),
            models.Index(fields=["finalised_date"], name="case_finalised_date"),
            models.Index(fields=["area", "finalised_date"], name="case_area_finalised"),
            models.Index(fields=["unit", "-referral_date"], name="case_unit_referral"),
            models.Index(fields=["police_force", "-referral_date"], name="case_force_referral"),
            models.Index(fields=["operation_name"], name="case_operation"),
            models.Index(fields=["lawyer", "status"], name="case_lawyer_status"),
        ]

    def __str__(self) -> str:
        return self.urn_display

    @property
    def urn_display(self) -> str:
        return urn_display(self.urn)

    @property
    def is_open(self) -> bool:
        return self.status not in {CaseStatus.FINALISED, CaseStatus.OUT_OF_COURT}

    @property
    def advice_turnaround_days(self) -> int | None:
        if self.advice_requested_date and self.advice_given_date:
            return (self.advice_given_date - self.advice_requested_date).days
        return None

    @property
    def allocation_differs(self) -> bool:
        return bool(self.unit_id and self.recommended_unit_id != self.unit_id)


class CaseEvent(models.Model):
    """One thing that happened to a case, on a date: the full history (the "10 million")."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", "Case registered"
        POLICE_REFERRAL = "police_referral", "Police referral"
        POLICE_RESUBMISSION = "police_resubmission", "Police resubmission"
        ADVICE_REQUESTED = "advice_requested", "Early investigative advice requested"
        ADVICE_GIVEN = "advice_given", "Early investigative advice given"
        CHARGING_DECISION = "charging_decision", "Charging decision"
        FIRST_HEARING = "first_hearing", "First hearing"
        TRIAL = "trial", "Trial"
        FINALISATION = "finalisation", "Finalised"
        ALLOCATION = "allocation", "Allocated"
        DETAILS_CHANGED = "details_changed", "Details changed"
        DEFENDANT_ADDED = "defendant_added", "Suspect or defendant added"
        CHARGE_ADDED = "charge_added", "Charge added"
        PLEA = "plea", "Plea entered"
        VERDICT = "verdict", "Verdict"
        SENTENCE = "sentence", "Sentence"
        ORDER = "order", "Order"
        S45_SCREENING = "s45_screening", "Section 45 screening"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    occurred_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["case", "-occurred_on", "-id"], name="caseevent_case_date"),
            models.Index(fields=["kind", "occurred_on"], name="caseevent_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    AGE_18_24 = "18_24", "18 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_PLUS = "55_plus", "55 or over"
    UNKNOWN = "unknown", "Not known"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not known"


class IndicatorScreen(models.TextChoices):
    NOT_SCREENED = "not_screened", "Not yet screened"
    NO_INDICATORS = "no_indicators", "Screened: no trafficking indicators"
    INDICATORS = "indicators", "Screened: trafficking indicators present"


class TraffickingIndicator(models.TextChoices):
    CONTROLLED = "controlled", "Under the control or influence of others"
    DEBT = "debt", "Debt bondage or owing money to others"
    MOVEMENT = "movement", "Restricted movement or confined"
    DOCUMENTS = "documents", "Identity documents withheld"
    ACCOMMODATION = "accommodation", "Accommodation provided by others"
    YOUNG = "young", "Child or young adult"
    THREATS = "threats", "Threats or violence against them or their family"
    FOUND_AT_SITE = "found_at_site", "Found at a place of exploitation"
    OTHER = "other", "Other indicator"


class NrmStatus(models.TextChoices):
    NOT_REFERRED = "not_referred", "Not referred"
    REFERRED = "referred", "Referred, awaiting decision"
    RG_POSITIVE = "rg_positive", "Positive reasonable grounds decision"
    RG_NEGATIVE = "rg_negative", "Negative reasonable grounds decision"
    CG_POSITIVE = "cg_positive", "Positive conclusive grounds decision"
    CG_NEGATIVE = "cg_negative", "Negative conclusive grounds decision"


class S45Result(models.TextChoices):
    NOT_CONSIDERED = "not_considered", "Not yet considered"
    NOT_APPLICABLE = "not_applicable", "Not applicable (no indicators or Schedule 4 offence)"
    PROSECUTE = "prosecute", "Considered: prosecution continues"
    NOT_IN_PUBLIC_INTEREST = "not_in_public_interest", "Considered: not in the public interest"
    DEFENCE_LIKELY = "defence_likely", "Considered: s45 defence likely to succeed, stopped"
    DEFENCE_RAISED = "defence_raised", "s45 defence raised at court"


class Defendant(models.Model):
    """A suspect before charge, a defendant after. Pseudonymous: no names are held."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="defendants")
    reference = models.CharField(max_length=20, help_text="A pseudonymous reference, like D1.")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    nationality = models.ForeignKey(
        "reference.Nationality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # MSA 2015 s45: suspects who may themselves be victims.
    indicator_screen = models.CharField(
        max_length=20, choices=IndicatorScreen.choices, default=IndicatorScreen.NOT_SCREENED
    )
    indicators = models.JSONField(default=list, blank=True)
    screened_on = models.DateField(null=True, blank=True)
    nrm_status = models.CharField(
        max_length=20, choices=NrmStatus.choices, default=NrmStatus.NOT_REFERRED
    )
    nrm_referred_on = models.DateField(null=True, blank=True)
    nrm_decision_on = models.DateField(null=True, blank=True)
    s45_result = models.CharField(
        max_length=30, choices=S45Result.choices, default=S45Result.NOT_CONSIDERED
    )
    s45_considered_on = models.DateField(null=True, blank=True)
    s45_rationale = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "reference"], name="defendant_unique_ref")
        ]

    def __str__(self) -> str:
        return self.reference


class Plea(models.TextChoices):
    NONE = "", "No plea yet"
    GUILTY = "guilty", "Guilty"
    NOT_GUILTY = "not_guilty", "Not guilty"
    GUILTY_LESSER = "guilty_lesser", "Guilty to a lesser offence"


class Verdict(models.TextChoices):
    PENDING = "", "No verdict yet"
    CONVICTED = "convicted", "Convicted"
    ACQUITTED = "acquitted", "Acquitted"
    DISCONTINUED = "discontinued", "Discontinued or withdrawn"
    LIE_ON_FILE = "lie_on_file", "Left to lie on file"


class Charge(models.Model):
    defendant = models.ForeignKey(Defendant, on_delete=models.CASCADE, related_name="charges")
    offence = models.ForeignKey("reference.Offence", on_delete=models.PROTECT, related_name="+")
    charged_on = models.DateField()
    is_principal = models.BooleanField(default=False)
    plea = models.CharField(max_length=20, choices=Plea.choices, blank=True)
    plea_on = models.DateField(null=True, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    verdict_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["defendant", "-is_principal", "id"]
        indexes = [models.Index(fields=["offence", "verdict"], name="charge_offence_verdict")]

    def __str__(self) -> str:
        return str(self.offence)


class SentenceKind(models.TextChoices):
    IMMEDIATE_CUSTODY = "immediate_custody", "Immediate custody"
    SUSPENDED = "suspended", "Suspended sentence"
    COMMUNITY = "community", "Community order"
    FINE = "fine", "Fine"
    DISCHARGE = "discharge", "Discharge"
    HOSPITAL = "hospital", "Hospital order"
    OTHER = "other", "Other"


class Sentence(models.Model):
    defendant = models.ForeignKey(Defendant, on_delete=models.CASCADE, related_name="sentences")
    kind = models.CharField(max_length=20, choices=SentenceKind.choices)
    custody_months = models.PositiveIntegerField(null=True, blank=True)
    sentenced_on = models.DateField()

    class Meta:
        ordering = ["defendant", "sentenced_on", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class OrderKind(models.TextChoices):
    PREVENTION = "prevention", "Slavery and trafficking prevention order (ss14-22)"
    RISK = "risk", "Slavery and trafficking risk order (ss23-29)"
    REPARATION = "reparation", "Slavery and trafficking reparation order (s8)"
    CONFISCATION = "confiscation", "Confiscation order"
    COMPENSATION = "compensation", "Compensation order"


class OrderResult(models.TextChoices):
    APPLIED = "applied", "Applied for"
    MADE = "made", "Made"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Order(models.Model):
    """An ancillary order. Risk orders may be made before charge (and without a conviction)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="orders")
    defendant = models.ForeignKey(
        Defendant, null=True, blank=True, on_delete=models.CASCADE, related_name="orders"
    )
    kind = models.CharField(max_length=20, choices=OrderKind.choices)
    result = models.CharField(max_length=20, choices=OrderResult.choices)
    applied_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    before_charge = models.BooleanField(default=False)
    duration_months = models.PositiveIntegerField(null=True, blank=True)
    amount_pounds = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    breached_on = models.DateField(
        null=True, blank=True, help_text="Date of a breach (MSA 2015 s30)."
    )

    class Meta:
        ordering = ["case", "applied_on", "id"]
        indexes = [models.Index(fields=["kind", "result"], name="order_kind_result")]

    def __str__(self) -> str:
        return self.get_kind_display()


class AllocationRule(models.Model):
    """One casework referral criterion, kept as data: if <field> <operator> <value>, then unit.

    Edited by the national lead. The enabled rules that match a case give its recommendation:
    the unit of the matching rule with the lowest priority number, and every matching reason.
    """

    class Field(models.TextChoices):
        VICTIM_COUNT = "victim_count", "Number of victims"
        SUSPECT_COUNT = "suspect_count", "Number of suspects"
        INTERNATIONAL = "international", "International element"
        ORGANISED_CRIME_GROUP = "organised_crime_group", "Organised crime group"
        JOINT_INVESTIGATION_TEAM = "joint_investigation_team", "Joint investigation team"
        CHILD_VICTIM = "child_victim", "Child victim"
        COUNTY_LINES = "county_lines", "County lines"
        EXPLOITATION_TYPE = "exploitation_type", "Exploitation type"
        ANY = "any", "Any case (fallback)"

    class Operator(models.TextChoices):
        IS_TRUE = "is_true", "is yes"
        AT_LEAST = "at_least", "is at least"
        AT_MOST = "at_most", "is at most"
        INCLUDES = "includes", "includes"
        ALWAYS = "always", "always"

    name = models.CharField(max_length=120)
    field = models.CharField(max_length=30, choices=Field.choices)
    operator = models.CharField(max_length=20, choices=Operator.choices)
    value = models.CharField(
        max_length=40,
        blank=True,
        help_text="A number for 'at least'/'at most', an exploitation type code for 'includes'.",
    )
    recommended_unit = models.ForeignKey(
        "reference.Unit", on_delete=models.PROTECT, related_name="allocation_rules"
    )
    priority = models.PositiveIntegerField(
        default=100, help_text="Lower numbers win when rules point to different units."
    )
    reason = models.CharField(max_length=300)
    enabled = models.BooleanField(default=True)
    # Optimistic locking (docs/decisions/0100): bumped by every save through the service.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        return self.name
