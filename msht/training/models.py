"""Training: the course catalogue, requirements by role and unit, completions, closed needs.

Writes go through `msht.training.services`; reads through `msht.training.selectors`, which reach
people only through `msht.accounts.access.training_people_q`.
"""

from django.conf import settings
from django.db import models

from msht.accounts.roles import Role


class CourseKind(models.TextChoices):
    E_LEARNING = "e_learning", "E-learning"
    CLASSROOM = "classroom", "Classroom"
    AWARENESS = "awareness", "Awareness"
    MANDATORY = "mandatory", "Mandatory"
    REFRESHER = "refresher", "Refresher"


class Course(models.Model):
    code = models.CharField(
        max_length=40, unique=True, help_text="The learning system's course code."
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=CourseKind.choices)
    duration_minutes = models.PositiveIntegerField()
    refresh_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="How often it must be taken again; blank for never."
    )
    description = models.TextField(blank=True)
    topics = models.ManyToManyField("quality.Topic", blank=True, related_name="courses")
    disabled_on = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_enabled(self) -> bool:
        return self.disabled_on is None


class Level(models.TextChoices):
    MANDATORY = "mandatory", "Mandatory"
    AWARENESS = "awareness", "Awareness"
    RECOMMENDED = "recommended", "Recommended"


# Mandatory and awareness courses count towards compliance; recommended ones do not.
REQUIRED_LEVELS = (Level.MANDATORY, Level.AWARENESS)
LEVEL_STRENGTH: dict[str, int] = {Level.MANDATORY: 3, Level.AWARENESS: 2, Level.RECOMMENDED: 1}


class Requirement(models.Model):
    """Who must take a course: a role (blank: every role) in a unit (blank: every unit)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="requirements")
    for_role = models.CharField(max_length=40, choices=Role.choices, blank=True)
    unit = models.ForeignKey(
        "reference.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    complex_casework_only = models.BooleanField(default=False)
    level = models.CharField(max_length=20, choices=Level.choices)
    refresh_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="Overrides the course's refresh interval when set."
    )
    due_within_days = models.PositiveIntegerField(
        default=90, help_text="Days a newcomer has to take the course for the first time."
    )
    disabled_on = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course__title", "for_role", "id"]

    def __str__(self) -> str:
        return f"{self.course.title}: {self.get_level_display()}"


class CompletionSource(models.TextChoices):
    RECORDED = "recorded", "Recorded by the training administrator"
    IMPORTED = "imported", "Imported from the learning system"


class Completion(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_completions"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    source = models.CharField(max_length=20, choices=CompletionSource.choices)
    reference = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        constraints = [
            # The natural key of an import row: importing a file again changes nothing.
            models.UniqueConstraint(
                fields=["person", "course", "completed_on"], name="completion_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["course", "completed_on"], name="completion_course")]

    def __str__(self) -> str:
        return f"{self.course} on {self.completed_on}"


class NeedClosure(models.Model):
    """A quality finding's training need (a finding about a person, tagged with a topic) closed
    by that person completing a course mapped to the topic."""

    finding = models.ForeignKey("quality.Finding", on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey("quality.Topic", on_delete=models.PROTECT, related_name="+")
    completion = models.ForeignKey(
        Completion, on_delete=models.PROTECT, related_name="need_closures"
    )
    closed_on = models.DateField()

    class Meta:
        ordering = ["-closed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["finding", "topic"], name="need_closed_once")
        ]

    def __str__(self) -> str:
        return f"Need closed on {self.closed_on}"
