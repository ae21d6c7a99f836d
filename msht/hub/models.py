"""The casework hub: case studies, points of law, good practice and lessons learned.

An `Item` is written in Markdown by an author, reviewed and published by a hub editor, and
reviewed again for freshness by its review-by date. `FeedbackItem`s carry learning between an
Area and CPS Direct; an editor can turn one into a published lesson.

Full-text search lives beside the tables, per database (see migrations/0002 and
docs/decisions/0800-hub-full-text-search.md): an FTS5 table on SQLite and the `search_vector`
tsvector column with a GIN index on PostgreSQL, both kept in step by database triggers.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class HubTag(models.Model):
    """A hub-owned tag list (legal issues, MSA sections): loaded by migration, never deleted."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)
    disabled_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class LegalIssue(HubTag):
    class Meta(HubTag.Meta):
        pass


class MsaSection(HubTag):
    """A provision of the Modern Slavery Act 2015 (s1, s2, s45, ss14-22, ...)."""

    class Meta(HubTag.Meta):
        verbose_name = "MSA section"


class Kind(models.TextChoices):
    CASE_STUDY = "case_study", "Case study"
    POINT_OF_LAW = "point_of_law", "Novel point of law"
    GOOD_PRACTICE = "good_practice", "Good practice"
    LESSON = "lesson", "Lesson learned"
    GUIDANCE = "guidance", "Legal guidance"
    JIT = "jit", "Joint investigation team learning"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Item(models.Model):
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=1000)
    body = models.TextField(help_text="Markdown, as the author wrote it.")
    # Derived by the services from `body`: the sanitised HTML shown to readers and the plain
    # text that search indexes and quotes in snippets.
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(blank=True, editable=False)
    # Names of the item's tags, so a search for "s45" or "county lines" finds tagged items.
    keywords = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)

    legal_issues = models.ManyToManyField(LegalIssue, blank=True, related_name="items")
    msa_sections = models.ManyToManyField(MsaSection, blank=True, related_name="items")
    exploitation_types = models.ManyToManyField(
        "reference.ExploitationType", blank=True, related_name="hub_items"
    )
    offences = models.ManyToManyField("reference.Offence", blank=True, related_name="hub_items")
    areas = models.ManyToManyField("reference.Area", blank=True, related_name="hub_items")
    # Links to the case register. Only readers who may see a case see anything of the link.
    cases = models.ManyToManyField(
        "cases.Case", through="hub.CaseLink", blank=True, related_name="hub_items"
    )

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hub_items"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hub_items_published",
    )
    source_feedback = models.ForeignKey(
        "hub.FeedbackItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lessons",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Optimistic locking: every change to the item moves it on (msht.reference.versioning).
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    review_by = models.DateField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    editor_note = models.TextField(
        blank=True, help_text="The editor's note when returning a draft."
    )

    # PostgreSQL only (filled by a trigger; its GIN index is created by migration 0002).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["status", "review_by"]),
            models.Index(fields=["author", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class CaseLink(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="hub_links")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "case"], name="hub_caselink_item_case_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} -> {self.case_id}"


class FeedbackDirection(models.TextChoices):
    AREA_TO_CPSD = "area_to_cpsd", "From the Area to CPS Direct"
    CPSD_TO_AREA = "cpsd_to_area", "From CPS Direct to the Area"


class FeedbackStatus(models.TextChoices):
    RAISED = "raised", "Raised"
    ANSWERED = "answered", "Answered"
    LESSON_DRAFTED = "lesson_drafted", "Lesson being written"
    LESSON_PUBLISHED = "lesson_published", "Lesson published"


class FeedbackItem(models.Model):
    """Learning between an Area and CPS Direct about a charging decision or advice."""

    direction = models.CharField(max_length=20, choices=FeedbackDirection.choices)
    area = models.ForeignKey("reference.Area", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=5000)
    status = models.CharField(
        max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.RAISED
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hub_feedback_raised"
    )
    raised_at = models.DateTimeField()
    answer = models.TextField(blank=True, max_length=5000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hub_feedback_answered",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["area", "status"])]

    def __str__(self) -> str:
        return self.subject
