"""Quality assurance: versioned assessment templates, assessments on cases, dip samples.

A template (`AssessmentTemplate`) has numbered versions (`TemplateVersion`); a version holds
standards and their questions and is never changed once created: editing a template creates the
next version, and every assessment keeps pointing at the version it was made with.

Writes go through `msht.quality.services`; reads through `msht.quality.selectors`, which reach
cases only through `msht.cases.selectors.case_scope_q`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models


class Topic(models.Model):
    """A training topic that questions and findings are tagged with (reference data)."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)
    disabled_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TemplateKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individual quality assessment"
    PANEL = "panel", "Case management panel review"
    DISCLOSURE = "disclosure", "Disclosure gateway review"


class AssessmentTemplate(models.Model):
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=TemplateKind.choices)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_version(self) -> "TemplateVersion | None":
        return self.versions.order_by("-number").first()


class TemplateVersion(models.Model):
    template = models.ForeignKey(
        AssessmentTemplate, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    change_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, version {self.number}"


class Standard(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="standards")
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="standard_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="questions")
    code = models.CharField(max_length=40)
    text = models.CharField(max_length=500)
    guidance = models.TextField(blank=True)
    weight = models.PositiveIntegerField(default=1)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["standard__order", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Rating(models.TextChoices):
    FULLY_MET = "fully_met", "Fully met"
    PARTIALLY_MET = "partially_met", "Partially met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


# The share of a question's weight each rating earns; not applicable is left out of the score.
RATING_VALUES: dict[str, Decimal] = {
    Rating.FULLY_MET: Decimal("1"),
    Rating.PARTIALLY_MET: Decimal("0.5"),
    Rating.NOT_MET: Decimal("0"),
}
FAILING_RATINGS = (Rating.PARTIALLY_MET, Rating.NOT_MET)


class SampleMethod(models.TextChoices):
    RATE = "rate", "A share of the cases"
    COUNT = "count", "A number of cases"


class SampleBasis(models.TextChoices):
    REFERRAL = "referral_date", "Police referral date"
    CHARGING = "charging_decision_date", "Charging decision date"
    FINALISED = "finalised_date", "Finalisation date"


class DipSample(models.Model):
    """One round of dip sampling for an Area and a period, reproducible from its seed."""

    area = models.ForeignKey("reference.Area", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    basis = models.CharField(
        max_length=30, choices=SampleBasis.choices, default=SampleBasis.REFERRAL
    )
    method = models.CharField(max_length=10, choices=SampleMethod.choices)
    rate_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    requested_count = models.PositiveIntegerField(null=True, blank=True)
    seed = models.BigIntegerField()
    template_version = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="samples"
    )
    population_size = models.PositiveIntegerField()
    # {stratum key: {"population": N, "drawn": n}}, as drawn; a redraw is checked against it.
    strata = models.JSONField(default=dict)
    due_date = models.DateField()
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-drawn_at", "-id"]
        indexes = [models.Index(fields=["area", "-drawn_at"], name="dipsample_area_drawn")]

    def __str__(self) -> str:
        return f"Dip sample {self.pk}: {self.period_start} to {self.period_end}"


class AssessmentStatus(models.TextChoices):
    ASSIGNED = "assigned", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed, awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off"


OPEN_STATUSES = (AssessmentStatus.ASSIGNED, AssessmentStatus.IN_PROGRESS)
DONE_STATUSES = (AssessmentStatus.COMPLETED, AssessmentStatus.SIGNED_OFF)


class Assessment(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="quality_assessments"
    )
    template_version = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    sample = models.ForeignKey(
        DipSample, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    stratum = models.CharField(max_length=100, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quality_assessments"
    )
    due_date = models.DateField()
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.ASSIGNED
    )
    score = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Weighted share of the applicable questions met, as a percentage.",
    )
    summary = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every change to the assessment moves it on (msht.reference.versioning).
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            # Never the same case twice in one round of sampling.
            models.UniqueConstraint(
                fields=["sample", "case"],
                condition=models.Q(sample__isnull=False),
                name="assessment_case_once_per_sample",
            )
        ]
        indexes = [
            models.Index(fields=["reviewer", "status", "due_date"], name="assessment_reviewer"),
            models.Index(fields=["status", "due_date"], name="assessment_status_due"),
            models.Index(fields=["completed_at"], name="assessment_completed"),
        ]

    def __str__(self) -> str:
        return f"Assessment {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "question__standard__order", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_unique"),
            models.CheckConstraint(
                condition=models.Q(rating__in=Rating.values), name="answer_rating_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return self.get_rating_display()


class Finding(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    text = models.TextField()
    topics = models.ManyToManyField(Topic, related_name="findings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quality_findings",
        help_text="The member of staff the finding is about (for training needs).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class FollowUpAction(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quality_actions"
    )
    due_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["completed_on", "due_date"], name="action_open_due")]

    def __str__(self) -> str:
        return self.description[:60]
