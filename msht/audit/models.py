"""The audit trail (Data Protection Act 2018 s62): append-only and hash-chained.

Each row's `hash` covers its own fields and its predecessor's hash, so an edited, deleted or
reordered row breaks the chain from that point; database triggers refuse UPDATE and DELETE.
Rows hold who did what to which record, never the personal data itself.
"""

from django.db import models


class Operation(models.TextChoices):
    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"
    SIGN_IN = "sign_in", "Sign-in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    SIGN_OUT = "sign_out", "Sign-out"
    SECOND_FACTOR = "second_factor", "Second factor"
    REFUSAL = "refusal", "Permission refused"
    ACCOUNT = "account", "Account change"


class AuditEvent(models.Model):
    sequence = models.BigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254, blank=True)
    operation = models.CharField(max_length=20, choices=Operation.choices)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=80, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    recipient = models.CharField(max_length=254, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor_id", "occurred_at"]),
            models.Index(fields=["operation", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.operation} {self.object_type} {self.object_id}"
