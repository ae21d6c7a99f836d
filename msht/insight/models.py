"""Frozen packs: a published pack's figures with what is needed to reproduce them."""

import uuid

from django.conf import settings
from django.db import models


class FrozenPack(models.Model):
    """A pack as released: its figures, the data's as-at time, filters and code version.

    Rebuilding with the stored parameters (`msht.insight.services.pack_rebuild`) must give the
    same figures while the underlying cases are unchanged; `diff_packs` shows what moved.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    audience = models.CharField(max_length=20)
    area = models.ForeignKey(
        "reference.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    params = models.JSONField(help_text="Period, history, filters and audience of the build.")
    as_at = models.DateTimeField(help_text="Only cases registered by this time were counted.")
    code_version = models.CharField(max_length=100)
    figures = models.JSONField()
    figures_sha256 = models.CharField(max_length=64)
    built_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} (frozen {self.created_at:%d %B %Y %H:%M})"
