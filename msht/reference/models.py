"""Reference data: loaded by data migrations, disabled when retired, never deleted."""

from django.db import models
from django.utils import timezone


class ReferenceQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(disabled_on__isnull=True)


class ReferenceData(models.Model):
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)
    disabled_on = models.DateTimeField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_enabled(self) -> bool:
        return self.disabled_on is None

    def disable(self) -> None:
        self.disabled_on = timezone.now()
        self.save(update_fields=["disabled_on"])


class Area(ReferenceData):
    class Kind(models.TextChoices):
        AREA = "area", "CPS Area"
        CPS_DIRECT = "cps_direct", "CPS Direct"
        HQ_DIVISION = "hq_division", "Headquarters casework division"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AREA)

    class Meta(ReferenceData.Meta):
        pass


class Unit(ReferenceData):
    """A kind of casework unit (complex casework, RASSO, ...), the allocation target."""

    class Meta(ReferenceData.Meta):
        pass


class PoliceForce(ReferenceData):
    """A police force; `code` is its two-digit force code, the first part of a URN."""

    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="police_forces"
    )

    class Meta(ReferenceData.Meta):
        ordering = ["name"]


class ExploitationType(ReferenceData):
    class Meta(ReferenceData.Meta):
        pass


class Offence(ReferenceData):
    statute = models.CharField(max_length=200)
    section = models.CharField(max_length=40)
    maximum_sentence = models.CharField(max_length=200)
    is_msa = models.BooleanField(
        default=False, help_text="An offence under the Modern Slavery Act 2015."
    )

    class Meta(ReferenceData.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.name} ({self.statute} {self.section})"


class FinalisationOutcome(ReferenceData):
    is_conviction = models.BooleanField(default=False)

    class Meta(ReferenceData.Meta):
        pass


class UnsuccessfulReason(ReferenceData):
    class Meta(ReferenceData.Meta):
        pass


class Nationality(ReferenceData):
    """A country or territory (ISO 3166-1 alpha-3 code)."""

    alpha_2 = models.CharField(max_length=2, unique=True)

    class Meta(ReferenceData.Meta):
        ordering = ["name"]
        verbose_name_plural = "nationalities"


class Language(ReferenceData):
    """A language (ISO 639-3 code, with its ISO 639-1 code where it has one)."""

    alpha_2 = models.CharField(max_length=2, blank=True)

    class Meta(ReferenceData.Meta):
        ordering = ["name"]
