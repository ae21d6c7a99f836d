"""International work: criminal justice adviser (CJA) deployments with their results framework,
costs and activities; and international casework (mutual legal assistance, extradition, joint
investigation teams) linked to cases.

Ratings and value-for-money figures are never stored: they are derived from targets, actuals,
activities and costs by `msht.international.ratings` whenever they are shown.
"""

from django.conf import settings
from django.db import models


class Region(models.TextChoices):
    EUROPE = "europe", "Europe"
    WESTERN_BALKANS = "western_balkans", "Western Balkans"
    AFRICA = "africa", "Africa"
    MENA = "mena", "Middle East and North Africa"
    SOUTH_ASIA = "south_asia", "South Asia"
    EAST_ASIA = "east_asia", "East Asia and the Pacific"
    AMERICAS = "americas", "Americas and the Caribbean"


class DeploymentStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    ENDED = "ended", "Ended"


class Deployment(models.Model):
    """A criminal justice adviser posted overseas."""

    country = models.ForeignKey(
        "reference.Nationality", on_delete=models.PROTECT, related_name="cja_deployments"
    )
    region = models.CharField(max_length=20, choices=Region.choices)
    post = models.CharField(max_length=200, help_text="The embassy or high commission.")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cja_deployments",
    )
    adviser_name = models.CharField(max_length=200, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    funding_line = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=DeploymentStatus.choices)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["country__name", "-start_date", "id"]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self) -> str:
        return f"{self.country.name}: {self.post}"

    @property
    def adviser_display(self) -> str:
        if self.adviser is not None:
            return self.adviser.full_name
        return self.adviser_name or "Not named"


class DeploymentCost(models.Model):
    """What a deployment cost in one financial year (April to March), in pounds."""

    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="costs")
    financial_year = models.PositiveIntegerField(help_text="The year the financial year starts.")
    staff = models.DecimalField(max_digits=12, decimal_places=2)
    travel = models.DecimalField(max_digits=12, decimal_places=2)
    programme = models.DecimalField(max_digits=12, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["deployment", "financial_year"], name="intl_cost_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deployment_id}: {self.financial_year}"

    @property
    def total(self):
        return self.staff + self.travel + self.programme


class ObjectiveKind(models.TextChoices):
    CAPACITY = "capacity_building", "Capacity building"
    CASEWORK = "casework_support", "Casework support"
    LEGISLATION = "legislative_reform", "Legislative reform"
    OPERATIONAL = "operational_cooperation", "Operational cooperation"


class Objective(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="objectives")
    kind = models.CharField(max_length=30, choices=ObjectiveKind.choices)
    description = models.TextField(max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Indicator(models.Model):
    """A success measure under an objective; higher values are better."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200)
    definition = models.TextField(max_length=2000)
    unit = models.CharField(max_length=50)
    baseline_value = models.DecimalField(max_digits=12, decimal_places=2)
    baseline_date = models.DateField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    financial_year = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "financial_year"], name="intl_target_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.financial_year}"


class IndicatorActual(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    financial_year = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    measured_on = models.DateField()
    source = models.CharField(max_length=200)
    evidence = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "financial_year"], name="intl_actual_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.financial_year}"


class ActivityKind(models.TextChoices):
    TRAINING = "training", "Training delivered"
    CASE_SUPPORT = "case_support", "Cases supported"
    LEGISLATION = "legislation", "Legislation advised on"
    OPERATION = "operation", "Operations assisted"


ACTIVITY_QUANTITY_LABELS = {
    ActivityKind.TRAINING: "officials trained",
    ActivityKind.CASE_SUPPORT: "cases supported",
    ActivityKind.LEGISLATION: "pieces of legislation",
    ActivityKind.OPERATION: "operations",
}


class Activity(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    delivered_on = models.DateField()
    description = models.CharField(max_length=500)
    quantity = models.PositiveIntegerField(
        help_text="Officials trained, cases supported, pieces of legislation or operations."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-delivered_on", "-id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.description

    @property
    def quantity_label(self) -> str:
        return ACTIVITY_QUANTITY_LABELS[ActivityKind(self.kind)]


# --- International casework ---------------------------------------------------------------


class Direction(models.TextChoices):
    OUTGOING = "outgoing", "Outgoing (we ask)"
    INCOMING = "incoming", "Incoming (we are asked)"


class MlaStatus(models.TextChoices):
    SENT = "sent", "Sent"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    PART_EXECUTED = "part_executed", "Partly executed"
    EXECUTED = "executed", "Executed"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


MLA_CONCLUDED = (MlaStatus.EXECUTED, MlaStatus.REFUSED, MlaStatus.WITHDRAWN)


class MlaRequest(models.Model):
    """A letter of request for mutual legal assistance, sent or received."""

    direction = models.CharField(max_length=10, choices=Direction.choices)
    country = models.ForeignKey("reference.Nationality", on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField()
    asked = models.TextField(max_length=2000)
    status = models.CharField(max_length=20, choices=MlaStatus.choices, default=MlaStatus.SENT)
    concluded_on = models.DateField(null=True, blank=True)
    cases = models.ManyToManyField("cases.Case", related_name="mla_requests")
    hub_item = models.ForeignKey(
        "hub.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = "MLA request"
        indexes = [models.Index(fields=["status", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} request, {self.country.name}"


class ExtraditionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ARRESTED = "arrested", "Person arrested"
    ORDERED = "ordered", "Extradition ordered"
    SURRENDERED = "surrendered", "Surrendered"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


EXTRADITION_CONCLUDED = (
    ExtraditionStatus.SURRENDERED,
    ExtraditionStatus.REFUSED,
    ExtraditionStatus.WITHDRAWN,
)


class Extradition(models.Model):
    direction = models.CharField(max_length=10, choices=Direction.choices)
    country = models.ForeignKey("reference.Nationality", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ExtraditionStatus.choices, default=ExtraditionStatus.REQUESTED
    )
    concluded_on = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    cases = models.ManyToManyField("cases.Case", related_name="extraditions")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"Extradition, {self.country.name}"


class Jit(models.Model):
    """A joint investigation team."""

    name = models.CharField(max_length=200)
    partner_countries = models.ManyToManyField("reference.Nationality", related_name="+")
    agency = models.CharField(max_length=200, help_text="The lead UK agency.")
    eurojust_funding = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Pounds."
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    cases = models.ManyToManyField("cases.Case", related_name="jits")
    hub_item = models.ForeignKey(
        "hub.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "joint investigation team"

    def __str__(self) -> str:
        return self.name
