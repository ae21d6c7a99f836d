"""Import batches and the partner data that imports bring in (Home Office NRM statistics)."""

import uuid

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One file imported (or simulated) by one person: its hash, counts, status and report."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        COMPLETED = "completed", "Imported"
        SIMULATED = "simulated", "Checked (nothing saved)"
        REFUSED = "refused", "Not imported"
        FAILED = "failed", "Stopped"

    FINISHED = (Status.COMPLETED, Status.SIMULATED, Status.REFUSED, Status.FAILED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=40)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.BigIntegerField(default=0)
    stored_path = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="import_batches",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    simulate = models.BooleanField(default=False)
    valid_rows_only = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    message = models.CharField(max_length=500, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    # The first errors (row, column, value, message); the count above holds them all.
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class NrmTable(models.TextChoices):
    REFERRALS = "referrals", "NRM referrals by quarter, age and location of exploitation"
    REASONABLE_GROUNDS = "reasonable_grounds", "Reasonable grounds decisions"
    CONCLUSIVE_GROUNDS = "conclusive_grounds", "Conclusive grounds decisions"
    DUTY_TO_NOTIFY = "duty_to_notify", "Duty to Notify reports"
    DUTY_TO_NOTIFY_NATIONALITY = "dtn_nationality", "Duty to Notify reports by nationality"
    REFERRALS_BY_RESPONDER = (
        "referrals_responder",
        ("NRM referrals by first responder, exploitation type, age, gender and nationality"),
    )


class NrmFigureBase(models.Model):
    """A cell of a Home Office NRM table. Blank dimension = not broken down by it."""

    table = models.CharField(max_length=30, choices=NrmTable.choices)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(null=True, blank=True)  # null: the whole year
    age_group = models.CharField(max_length=60, blank=True)
    location = models.CharField(max_length=60, blank=True)
    decision = models.CharField(max_length=60, blank=True)
    responder_type = models.CharField(max_length=80, blank=True)
    responder = models.CharField(max_length=120, blank=True)
    exploitation_type = models.CharField(max_length=80, blank=True)
    gender = models.CharField(max_length=30, blank=True)
    nationality = models.CharField(max_length=80, blank=True)
    value = models.PositiveIntegerField()
    # table|year|quarter|dimensions: the natural key that makes re-imports idempotent.
    key = models.CharField(max_length=400, unique=True)
    source_file = models.CharField(max_length=120)

    class Meta:
        abstract = True
        ordering = ["table", "year", "quarter"]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class NrmStatistic(NrmFigureBase):
    """A part: a cell with no 'Total' in any dimension. Sums of these are safe."""

    class Meta(NrmFigureBase.Meta):
        indexes = [models.Index(fields=["table", "year"])]


class NrmPublishedTotal(NrmFigureBase):
    """A total the Home Office published beside its parts. Kept apart so it is never added
    to the parts; a blank dimension here means 'all values of it'. Used to check imports."""

    class Meta(NrmFigureBase.Meta):
        indexes = [models.Index(fields=["table", "year"])]
