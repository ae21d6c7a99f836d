"""Who leads this work and how it is overseen.

- `Post`: a role in the register of leads (a national role, or an Area's MSHT lead for all
  strands or one strand). Each change of holder is a new `Holding` row that closes the one
  before it, so the history is never overwritten.
- `LegalEnquiry`: a question to the national legal lead, answered by the legal policy adviser.
- `Meeting`, `MeetingDecision`, `MeetingAction`: governance meetings, their decisions, and
  actions tracked to completion.

Writes go through `msht.people.services`; reads through `msht.people.selectors`.
"""

from django.conf import settings
from django.db import models


class PostKind(models.TextChoices):
    NATIONAL_POLICY_LEAD = "national_policy_lead", "National policy lead"
    LEGAL_POLICY_ADVISER = "legal_policy_adviser", "Legal policy adviser"
    NATIONAL_LEAD_CCP = "national_lead_ccp", "National lead Chief Crown Prosecutor"
    INTERNATIONAL_LEAD = "international_lead", "International lead"
    AREA_LEAD = "area_lead", "Area MSHT lead"


NATIONAL_KINDS = [
    PostKind.NATIONAL_POLICY_LEAD,
    PostKind.LEGAL_POLICY_ADVISER,
    PostKind.NATIONAL_LEAD_CCP,
    PostKind.INTERNATIONAL_LEAD,
]


class Strand(models.TextChoices):
    ALL = "all", "All strands"
    SEXUAL = "sexual", "Sexual exploitation"
    LABOUR = "labour", "Labour exploitation"
    CRIMINAL = "criminal", "Criminal exploitation"


class Post(models.Model):
    kind = models.CharField(max_length=30, choices=PostKind.choices)
    area = models.ForeignKey(
        "reference.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    strand = models.CharField(max_length=20, choices=Strand.choices, default=Strand.ALL)
    order = models.PositiveIntegerField(default=0)
    # Optimistic locking: every new holding bumps it (docs/decisions/0100).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "area__order", "area__name", "strand", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "area", "strand"], name="people_post_kind_area_strand_unique"
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(area__isnull=True),
                name="people_post_national_kind_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.kind != PostKind.AREA_LEAD:
            return self.get_kind_display()
        area = self.area.name if self.area is not None else "Area"
        if self.strand == Strand.ALL:
            return f"{area} MSHT lead"
        return f"{area} MSHT lead, {self.get_strand_display().lower()}"

    @property
    def is_national(self) -> bool:
        return self.area_id is None


class Holding(models.Model):
    """Who held a post from `starts_on` to `ended_on` (open while `ended_on` is empty)."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="holdings")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people_leads",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people_deputies",
    )
    successor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people_successions",
    )
    starts_on = models.DateField()
    planned_end_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(ended_on__isnull=True),
                name="people_holding_one_current_per_post",
            )
        ]
        indexes = [models.Index(fields=["ended_on", "post"], name="people_holding_current")]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.lead_id} from {self.starts_on}"


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent"


# Working days the national legal lead aims to answer in, by urgency.
TARGET_WORKING_DAYS = {Urgency.ROUTINE: 10, Urgency.URGENT: 2}


class EnquiryStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ANSWERED = "answered", "Answered"


class LegalEnquiry(models.Model):
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="legal_enquiries"
    )
    # The asker's Area when they asked (for the measures; a later move does not change it).
    area = models.ForeignKey(
        "reference.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    topic = models.ForeignKey("hub.LegalIssue", on_delete=models.PROTECT, related_name="+")
    question = models.TextField(max_length=5000)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.ROUTINE)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_enquiries",
    )
    raised_at = models.DateTimeField()
    raised_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=EnquiryStatus.choices, default=EnquiryStatus.OPEN
    )
    answer = models.TextField(blank=True, max_length=10000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_enquiries_answered",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    # Working days from raised to answered (England and Wales bank holidays excluded).
    turnaround_working_days = models.PositiveIntegerField(null=True, blank=True)
    hub_item = models.ForeignKey(
        "hub.Item",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_enquiries",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name_plural = "legal enquiries"
        indexes = [
            models.Index(fields=["status", "due_on"], name="people_enquiry_queue"),
            models.Index(fields=["asked_by", "-raised_at"], name="people_enquiry_asker"),
            models.Index(fields=["raised_on"], name="people_enquiry_raised"),
        ]

    def __str__(self) -> str:
        return f"Legal enquiry {self.pk}"

    @property
    def reference(self) -> str:
        return f"LE-{self.pk:05d}"


class Body(models.TextChoices):
    AREA_PERFORMANCE_REVIEW = "apr", "Area Performance Review"
    CASEWORK_REVIEW_GROUP = "crg", "Area casework review group"
    NATIONAL_BOARD = "board", "National governance board"


AREA_BODIES = [Body.AREA_PERFORMANCE_REVIEW, Body.CASEWORK_REVIEW_GROUP]


class Meeting(models.Model):
    body = models.CharField(max_length=20, choices=Body.choices)
    area = models.ForeignKey(
        "reference.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField()
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="governance_meetings"
    )
    packs = models.ManyToManyField("insight.FrozenPack", blank=True, related_name="+")
    samples = models.ManyToManyField("quality.DipSample", blank=True, related_name="+")
    notes = models.TextField(blank=True, max_length=10000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["area", "-held_on"], name="people_meeting_area")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        where = f", {self.area.name}" if self.area is not None else ""
        return f"{self.get_body_display()}{where}"


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(max_length=2000)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class MeetingAction(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(max_length=2000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="governance_actions"
    )
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completion_note = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner", "completed_on", "due_on"], name="people_action_owner"),
        ]

    def __str__(self) -> str:
        return self.description[:60]
