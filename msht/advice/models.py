"""Early investigative advice (EIA): police requests, triage, advice; police returns; joint
packs for a force; partner API keys.

No victim identities are held here: a request carries numbers of suspects and potential victims,
never names. Writes go through `msht.advice.services`; reads through `msht.advice.selectors`.
"""

import uuid

from django.conf import settings
from django.db import models


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent"
    IMMEDIATE = "immediate", "Immediate: a suspect is in custody or a victim is at risk"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for triage"
    ACCEPTED = "accepted", "Accepted and allocated"
    DECLINED = "declined", "Declined"
    ADVICE_GIVEN = "advice_given", "Advice given"


class DeclineReason(models.TextChoices):
    MATERIAL_MISSING = "material_missing", "Material missing"
    NOT_MSHT = "not_msht", "Not modern slavery or human trafficking"
    OTHER_AREA = "other_area", "Refer to another Area"
    TOO_EARLY = "too_early", "Investigation too early for advice"
    OTHER = "other", "Other"


class AdviceRequest(models.Model):
    police_force = models.ForeignKey(
        "reference.PoliceForce", on_delete=models.PROTECT, related_name="advice_requests"
    )
    area = models.ForeignKey(
        "reference.Area", on_delete=models.PROTECT, related_name="advice_requests"
    )
    operation_name = models.CharField(max_length=100)
    officer_name = models.CharField("Officer in the case", max_length=200)
    officer_contact = models.CharField("Officer's contact details", max_length=200)
    summary = models.TextField("Summary of the allegation")
    exploitation_types = models.ManyToManyField(
        "reference.ExploitationType", blank=True, related_name="advice_requests"
    )
    suspect_count = models.PositiveIntegerField("Number of suspects", default=0)
    victim_count = models.PositiveIntegerField("Number of potential victims", default=0)
    advice_sought = models.TextField("Advice sought")
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.ROUTINE)
    requested_by_date = models.DateField("Advice needed by")
    requested_on = models.DateField("Date requested")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advice_requests",
    )
    requested_with_key = models.ForeignKey(
        "advice.PartnerApiKey",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advice_requests",
    )
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )

    # Triage.
    triaged_on = models.DateField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommended_unit = models.ForeignKey(
        "reference.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommendation_reasons = models.JSONField(default=list, blank=True)
    unit = models.ForeignKey(
        "reference.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advice_allocated",
    )
    allocation_reason = models.TextField(blank=True)
    police_respond_by = models.DateField(null=True, blank=True)

    # Advice.
    advice_given_on = models.DateField(null=True, blank=True)
    advice_summary = models.TextField(blank=True)
    advice_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The case the request became, when the police referred it for a charging decision.
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advice_requests",
    )

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["area", "status", "-requested_on"], name="eia_area_status"),
            models.Index(fields=["police_force", "-requested_on"], name="eia_force"),
            models.Index(fields=["requested_on"], name="eia_requested_on"),
        ]

    def __str__(self) -> str:
        return f"Operation {self.operation_name}"

    @property
    def reference(self) -> str:
        return f"EIA-{self.pk:05d}"


class RequestDecline(models.Model):
    """One structured reason a request was declined, with an optional detail."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="declines")
    reason = models.CharField(max_length=20, choices=DeclineReason.choices)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "reason"], name="eia_decline_once")
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class ActionPlanItem(models.Model):
    request = models.ForeignKey(
        AdviceRequest, on_delete=models.CASCADE, related_name="action_items"
    )
    description = models.CharField(max_length=500)
    due_on = models.DateField()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class PoliceReturn(models.Model):
    """A force's monthly return: MSHT crimes recorded, investigations, referrals to the CPS."""

    key = models.CharField(max_length=40, unique=True)  # "<force code>|YYYY-MM"
    police_force = models.ForeignKey(
        "reference.PoliceForce", on_delete=models.PROTECT, related_name="police_returns"
    )
    month = models.DateField(help_text="The first day of the month the return covers.")
    crimes_recorded = models.PositiveIntegerField()
    investigations_opened = models.PositiveIntegerField()
    referrals_to_cps = models.PositiveIntegerField()
    source_file = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["police_force", "month"]

    def __str__(self) -> str:
        return f"{self.police_force} {self.month:%B %Y}"


class PartnerApiKey(models.Model):
    """A force's key for the partner API. Only the SHA-256 of the token is stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    police_force = models.ForeignKey(
        "reference.PoliceForce", on_delete=models.PROTECT, related_name="api_keys"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class JointPack(models.Model):
    """A force's monthly joint pack: built in the background, reviewed by the Area by a
    deadline, then shared with the force (a disclosure)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be built"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready for the Area's review"
        SHARED = "shared", "Shared with the force"
        FAILED = "failed", "Could not be built"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    police_force = models.ForeignKey(
        "reference.PoliceForce", on_delete=models.PROTECT, related_name="joint_packs"
    )
    area = models.ForeignKey("reference.Area", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month the pack covers.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    review_by = models.DateField(null=True, blank=True)
    frozen = models.ForeignKey(
        "insight.FrozenPack", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    message = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-month", "police_force__name", "-id"]

    def __str__(self) -> str:
        return f"{self.police_force} joint pack, {self.month:%B %Y}"
