"""Articles, their references, and the glossary.

The ``Article`` row always holds the live content. Its HTML is rendered when it is saved
(``body_html``, ``toc_html``), never per request.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.models import HistoricalRecords

from regenknee.core.validation import (
    LowerSlugField,
    RefusesNulCharacters,
    WebAddressField,
    validate_position,
)
from regenknee.editorial.models import VersionedModel
from regenknee.editorial.translation import TranslationFields

from .rendering import (
    GlossaryEntry,
    citation_keys,
    diagram_problems,
    reading_minutes,
    render_markdown,
)

SLUG_HELP = "Lower-case letters, digits and hyphens; it becomes part of the address."


def normalise_text(text: str) -> str:
    """Unix line endings and no trailing blank lines, so file and admin text compare equal."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


validate_reference_key = RegexValidator(
    r"^[\w.-]+$",
    "Use only letters, digits, '.', '-' and '_' (like dominici2006); it is cited as [@key].",
)
validate_year_from = MinValueValidator(1800, "Enter a year from 1800 to 2100.")
validate_year_to = MaxValueValidator(2100, "Enter a year from 1800 to 2100.")
validate_pmid = RegexValidator(r"^[0-9]+$", "A PubMed ID is digits only (like 16923606).")
MAX_ALIASES = 20
MAX_ALIAS_LENGTH = 100


class NamesKnownDiagrams:
    """An article body may only name the site's own diagrams (``[[diagram:name]]``).

    Checked with the fields, so a content file, which reports the exact line of the problem
    itself, can leave the body out of the model's check like any field it already flagged."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.error_dict
        if "body" not in (exclude or ()):
            problems = [message for _, message in diagram_problems(self.body)]
            if problems:
                errors.setdefault("body", []).extend(
                    ValidationError(message[0].upper() + message[1:], code="unknown_diagram")
                    for message in problems
                )
        if errors:
            raise ValidationError(errors)


def validate_aliases(value) -> None:
    """Other names of a glossary term: a short list of short phrases."""
    if not isinstance(value, list) or not all(isinstance(alias, str) for alias in value):
        raise ValidationError(
            'Give other names as a list of words or phrases, like ["MSC", "MSCs"].',
            code="invalid_aliases",
        )
    if len(value) > MAX_ALIASES:
        raise ValidationError(f"Give at most {MAX_ALIASES} other names.", code="too_many_aliases")
    for alias in value:
        if not alias.strip() or len(alias) > MAX_ALIAS_LENGTH:
            raise ValidationError(
                f"Each other name must be 1 to {MAX_ALIAS_LENGTH} characters long.",
                code="invalid_alias",
            )


MAX_KEY_POINTS = 5
MAX_KEY_POINT_LENGTH = 300


def validate_key_points(value) -> None:
    """The "Key points" box at the top of an article: a short list of plain sentences, so a
    reader in a hurry gets the gist before the contents. Plain text: it is escaped on the page,
    never rendered as Markdown."""
    if not isinstance(value, list) or not all(isinstance(point, str) for point in value):
        raise ValidationError(
            "Give the key points as a list of plain sentences, one per line.",
            code="invalid_key_points",
        )
    if len(value) > MAX_KEY_POINTS:
        raise ValidationError(
            f"Give at most {MAX_KEY_POINTS} key points; they are the gist, not the article.",
            code="too_many_key_points",
        )
    for point in value:
        if not point.strip() or len(point) > MAX_KEY_POINT_LENGTH:
            raise ValidationError(
                f"Each key point must be one sentence of 1 to {MAX_KEY_POINT_LENGTH} characters.",
                code="invalid_key_point",
            )


def normalise_key_points(value):
    """One space between words and no empty lines, as a file and the admin both give them; a
    value that is not a list of strings is left for validation to refuse."""
    if isinstance(value, list) and all(isinstance(point, str) for point in value):
        return [" ".join(point.split()) for point in value if point.strip()]
    return value


KEY_POINTS_HELP = "Three to five plain sentences shown in a box under the summary, one per line."


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """Published articles whose publish time, if any, has passed: checked on every query,
        so scheduled articles appear without a cron job."""
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now())
        )


def next_publication_time() -> float:
    """The Unix time the next scheduled article goes live, or 0 if none is scheduled: the page
    cache keeps no page past it."""
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else 0


class Article(NamesKnownDiagrams, RefusesNulCharacters, VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    slug = LowerSlugField(max_length=100, unique=True, help_text=SLUG_HELP)
    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=500, help_text="One or two plain sentences, shown under the title."
    )
    key_points = models.JSONField(
        default=list, blank=True, validators=[validate_key_points], help_text=KEY_POINTS_HELP
    )
    body = models.TextField(help_text="Markdown. Cite references with [@key].")
    body_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    cited_keys = models.JSONField(editable=False, default=list)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    position = models.PositiveIntegerField(
        default=0,
        validators=[validate_position],
        help_text="Place in the learning path; 1 comes first.",
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

    history = HistoricalRecords(excluded_fields=["body_html", "toc_html", "cited_keys"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        self.key_points = normalise_key_points(self.key_points)

    def save(self, *args, **kwargs):
        self.body = normalise_text(self.body)
        self.summary = " ".join(self.summary.split())
        self.key_points = normalise_key_points(self.key_points)
        self.render()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def open_revision(self):
        """The pending edit of this published article, if there is one."""
        from regenknee.editorial.revisions import open_revision

        return open_revision(self)

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


class ReferenceFields(RefusesNulCharacters, models.Model):
    """A structured reference."""

    key = models.CharField(
        max_length=60,
        validators=[validate_reference_key],
        help_text="Short name cited in the text as [@key], e.g. dominici2006.",
    )
    position = models.PositiveIntegerField(default=0)
    authors = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500)
    source = models.CharField(max_length=300, help_text="Journal, publisher or body.")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_year_from, validate_year_to]
    )
    doi = models.CharField("DOI", max_length=200, blank=True)
    pmid = models.CharField("PubMed ID", max_length=20, blank=True, validators=[validate_pmid])
    url = WebAddressField("URL", max_length=500, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not (self.doi or self.pmid or self.url):
            raise ValidationError(
                f"Reference '{self.key}' needs a DOI, a PubMed ID or a URL, so readers can find it."
            )

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


class GlossaryTerm(RefusesNulCharacters, VersionedModel):
    term = models.CharField(max_length=100)
    slug = LowerSlugField(max_length=100, unique=True, help_text=SLUG_HELP)
    definition = models.TextField(max_length=600, help_text="One or two plain sentences.")
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text="Other spellings or plurals to link in articles.",
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

    def clean(self):
        super().clean()
        if isinstance(self.aliases, list) and all(isinstance(a, str) for a in self.aliases):
            self.aliases = [" ".join(alias.split()) for alias in self.aliases if alias.strip()]

    def as_entry(self) -> GlossaryEntry:
        # Aliases are validated on every way in; a row written another way still renders.
        aliases = self.aliases if isinstance(self.aliases, list) else []
        return GlossaryEntry(
            slug=self.slug, names=(self.term, *(a for a in aliases if isinstance(a, str)))
        )


def current_glossary() -> tuple[GlossaryEntry, ...]:
    return tuple(term.as_entry() for term in GlossaryTerm.objects.all())


def rerender_articles(skip_slugs: frozenset[str] | set[str] = frozenset()) -> int:
    """Re-renders every article after the glossary changes. Only derived fields change, so
    this writes no history."""
    from regenknee.core.pagecache import bump_generation

    glossary = current_glossary()
    articles = list(Article.objects.exclude(slug__in=skip_slugs))
    for article in articles:
        article.render(glossary)
    Article.objects.bulk_update(articles, ["body_html", "toc_html", "cited_keys", "word_count"])
    # bulk_update sends no signal, so the pages showing the old links are retired here, after
    # the new HTML is written, not only when the glossary row itself was saved.
    bump_generation()
    return len(articles)


# --- translations -------------------------------------------------------------------------


class ArticleTranslation(
    NamesKnownDiagrams, RefusesNulCharacters, TranslationFields, VersionedModel
):
    """An article in another language. Its references, position and address come from the
    English article it translates; it has its own text, status and clinical review."""

    SOURCE_FIELDS = ("title", "summary", "key_points", "body")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    source = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="translations", verbose_name="article"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=500)
    key_points = models.JSONField(
        default=list, blank=True, validators=[validate_key_points], help_text=KEY_POINTS_HELP
    )
    body = models.TextField(help_text="Markdown, with the same [@key] citations as the article.")
    body_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    cited_keys = models.JSONField(editable=False, default=list)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    reviewed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(
        max_length=200, blank=True, help_text="Name and credentials of the clinical reviewer."
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["body_html", "toc_html", "cited_keys"])

    class Meta:
        ordering = ["source__position", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_article_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def clean(self):
        super().clean()
        self.key_points = normalise_key_points(self.key_points)
        if self.source_id is None:
            return
        known = set(self.source.references.values_list("key", flat=True))
        unknown = [key for key in dict.fromkeys(citation_keys(self.body)) if key not in known]
        if unknown:
            raise ValidationError(
                {
                    "body": f"The text cites {', '.join(f'[@{k}]' for k in unknown)}, which the "
                    "English article has no reference for."
                }
            )

    def save(self, *args, **kwargs):
        self.body = normalise_text(self.body)
        self.summary = " ".join(self.summary.split())
        self.key_points = normalise_key_points(self.key_points)
        if not self.source_hash:
            self.mark_made_from_current_source()
        self.render()
        super().save(*args, **kwargs)

    def render(self, glossary: tuple[GlossaryEntry, ...] | None = None) -> None:
        if glossary is None:
            glossary = translated_glossary(self.language)
        rendered = render_markdown(self.body, glossary, self.language)
        self.body_html = rendered.html
        self.toc_html = rendered.toc_html
        self.cited_keys = list(rendered.cited_keys)
        self.word_count = rendered.word_count

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("articles:detail", args=[self.source.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    # The page template reads these as it reads an article's.
    @property
    def slug(self) -> str:
        return self.source.slug

    @property
    def position(self) -> int:
        return self.source.position

    @property
    def publish_at(self):
        return self.source.publish_at

    @property
    def references(self):
        return self.source.references

    def references_in_citation_order(self):
        order = {key: index for index, key in enumerate(self.cited_keys)}
        return sorted(
            self.source.references.all(),
            key=lambda ref: (order.get(ref.key, len(order)), ref.position),
        )


class GlossaryTermTranslation(RefusesNulCharacters, TranslationFields, VersionedModel):
    SOURCE_FIELDS = ("term", "aliases", "definition")

    source = models.ForeignKey(
        GlossaryTerm, on_delete=models.CASCADE, related_name="translations", verbose_name="term"
    )
    term = models.CharField(max_length=100)
    definition = models.TextField(max_length=600)
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text="Other names and spellings to link in articles in this language.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_glossary_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.term} ({self.language})"

    @property
    def slug(self) -> str:
        return self.source.slug

    def clean(self):
        super().clean()
        if isinstance(self.aliases, list) and all(isinstance(a, str) for a in self.aliases):
            self.aliases = [" ".join(alias.split()) for alias in self.aliases if alias.strip()]

    def save(self, *args, **kwargs):
        self.definition = " ".join(self.definition.split())
        if not self.source_hash:
            self.mark_made_from_current_source()
        super().save(*args, **kwargs)

    def as_entry(self) -> GlossaryEntry:
        aliases = self.aliases if isinstance(self.aliases, list) else []
        return GlossaryEntry(
            slug=self.source.slug,
            names=(self.term, *(a for a in aliases if isinstance(a, str))),
        )


def translated_glossary(language: str) -> tuple[GlossaryEntry, ...]:
    return tuple(
        term.as_entry()
        for term in GlossaryTermTranslation.objects.filter(language=language).select_related(
            "source"
        )
    )


def rerender_translations(skip_pks: frozenset[int] | set[int] = frozenset()) -> int:
    """Re-renders every article translation after a translated glossary changes."""
    from regenknee.core.pagecache import bump_generation

    translations = list(ArticleTranslation.objects.exclude(pk__in=skip_pks))
    glossaries: dict[str, tuple[GlossaryEntry, ...]] = {}
    for item in translations:
        if item.language not in glossaries:
            glossaries[item.language] = translated_glossary(item.language)
        item.render(glossaries[item.language])
    ArticleTranslation.objects.bulk_update(
        translations, ["body_html", "toc_html", "cited_keys", "word_count"]
    )
    bump_generation()
    return len(translations)
