"""Articles, their references, and the glossary.

The ``Article`` row always holds the live content. Its HTML is rendered when it is saved
(``body_html``, ``toc_html``), never per request.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .rendering import GlossaryEntry, reading_minutes, render_markdown

SLUG_HELP = "Lower-case letters, digits and hyphens; it becomes part of the address."


def normalise_text(text: str) -> str:
    """Unix line endings and no trailing blank lines, so file and admin text compare equal."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """Published articles whose publish time, if any, has passed: checked on every query,
        so scheduled articles appear without a cron job."""
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now())
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(max_length=100, unique=True, help_text=SLUG_HELP)
    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=500, help_text="One or two plain sentences, shown under the title."
    )
    body = models.TextField(help_text="Markdown. Cite references with [@key].")
    body_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    cited_keys = models.JSONField(editable=False, default=list)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    position = models.PositiveIntegerField(
        default=0, help_text="Place in the learning path; 1 comes first."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to publish as soon as it is approved."
    )
    reviewed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(
        max_length=200, blank=True, help_text="Name and credentials of the clinical reviewer."
    )
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    synced_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every save adds one, and a form saved from an older version is
    # refused, so one person's edit never silently overwrites another's.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["body_html", "toc_html", "cited_keys"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        permissions = [("approve_article", "Can approve and publish articles and revisions")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = normalise_text(self.body)
        self.summary = " ".join(self.summary.split())
        self.render()
        if self.pk:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def open_revision(self):
        """The pending edit of this published article, if there is one."""
        return self.revisions.filter(state__in=ArticleRevision.OPEN_STATES).first()

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    def render(self, glossary: tuple[GlossaryEntry, ...] | None = None) -> None:
        rendered = render_markdown(self.body, current_glossary() if glossary is None else glossary)
        self.body_html = rendered.html
        self.toc_html = rendered.toc_html
        self.cited_keys = list(rendered.cited_keys)
        self.word_count = rendered.word_count

    def references_in_citation_order(self):
        """References numbered as the text cites them; uncited ones follow in list order."""
        order = {key: index for index, key in enumerate(self.cited_keys)}
        return sorted(
            self.references.all(),
            key=lambda ref: (order.get(ref.key, len(order)), ref.position),
        )


class ReferenceFields(models.Model):
    """A structured reference; shared by live articles and pending revisions."""

    key = models.CharField(
        max_length=60, help_text="Short name cited in the text as [@key], e.g. dominici2006."
    )
    position = models.PositiveIntegerField(default=0)
    authors = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500)
    source = models.CharField(max_length=300, help_text="Journal, publisher or body.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    pmid = models.CharField("PubMed ID", max_length=20, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def source_names_year(self) -> bool:
        """A journal source such as "Nat Med 2023;29:3120" already names the year: print it once."""
        return bool(self.year) and str(self.year) in self.source


def reference_values(reference) -> dict:
    """A reference's own fields, to copy it between an article, a draft and their history."""
    return {name: getattr(reference, name) for name in REFERENCE_FIELD_NAMES}


REFERENCE_FIELD_NAMES = (
    "key",
    "position",
    "authors",
    "title",
    "source",
    "year",
    "doi",
    "pmid",
    "url",
)


class Reference(ReferenceFields):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")

    history = HistoricalRecords()

    class Meta(ReferenceFields.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="unique_reference_key")
        ]


class ArticleRevision(models.Model):
    """A pending edit of a published article. The live page keeps showing the Article row
    until a medical reviewer approves this revision, which copies it onto the Article."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft (not yet sent for review)"
        IN_REVIEW = "in_review", "Awaiting review"
        APPROVED = "approved", "Approved and published"
        DISCARDED = "discarded", "Discarded"

    OPEN_STATES = (State.DRAFT, State.IN_REVIEW)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=500, help_text="One or two plain sentences, shown under the title."
    )
    body = models.TextField(help_text="Markdown. Cite references with [@key].")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    note = models.TextField(
        blank=True, max_length=2000, help_text="What changed and why, for the reviewer."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            # At most one open draft per article, so two drafts never race to be approved.
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(state__in=["draft", "in_review"]),
                name="one_open_revision_per_article",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.get_state_display().lower()})"

    def save(self, *args, **kwargs):
        self.body = normalise_text(self.body)
        self.summary = " ".join(self.summary.split())
        if self.pk:
            self.version += 1
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @classmethod
    def start_from(
        cls, article: Article, user, source=None, references=None, note=""
    ) -> "ArticleRevision":
        """A new draft holding a copy of the live article's content and references, or of
        ``source`` and ``references`` (an earlier version, when reverting)."""
        source = source or article
        revision = cls.objects.create(
            article=article,
            title=source.title,
            summary=source.summary,
            body=source.body,
            note=note,
            created_by=user,
            updated_by=user,
        )
        RevisionReference.objects.bulk_create(
            RevisionReference(revision=revision, **reference_values(ref))
            for ref in (article.references.all() if references is None else references)
        )
        return revision


class RevisionReference(ReferenceFields):
    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.CASCADE, related_name="references"
    )

    class Meta(ReferenceFields.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "key"], name="unique_revision_reference_key"
            )
        ]


class GlossaryTerm(models.Model):
    term = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, help_text=SLUG_HELP)
    definition = models.TextField(max_length=600, help_text="One or two plain sentences.")
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other spellings or plurals to link in articles."
    )
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    synced_hash = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("articles:glossary") + f"#{self.slug}"

    def as_entry(self) -> GlossaryEntry:
        return GlossaryEntry(slug=self.slug, names=(self.term, *self.aliases))


def current_glossary() -> tuple[GlossaryEntry, ...]:
    return tuple(term.as_entry() for term in GlossaryTerm.objects.all())


def rerender_articles(skip_slugs: frozenset[str] | set[str] = frozenset()) -> int:
    """Re-renders every article after the glossary changes. Only derived fields change, so
    this writes no history."""
    glossary = current_glossary()
    articles = list(Article.objects.exclude(slug__in=skip_slugs))
    for article in articles:
        article.render(glossary)
    Article.objects.bulk_update(articles, ["body_html", "toc_html", "cited_keys", "word_count"])
    return len(articles)


class ContentChange(models.Model):
    """A change to a glossary term or checklist item proposed by an editor. It is applied only
    when a medical reviewer approves it; until then the live content stays as it is."""

    class State(models.TextChoices):
        IN_REVIEW = "in_review", "Awaiting review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Empty when the change adds something new."
    )
    label = models.CharField(max_length=300)
    data = models.JSONField(help_text="The proposed field values.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.IN_REVIEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.label} ({self.get_state_display().lower()})"
