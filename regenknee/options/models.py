"""The options a patient with knee osteoarthritis may be offered, compared question by question.

An option's answers and references are structured data held on the option itself (validated
JSON, see ``rules.py``) rather than child rows: the review trail revises a model's own fields,
so one revision (and one history entry) carries an option's words, numbers, sources and
references together, and a reviewer approves exactly the state that was shown. The rules run
in ``clean()``, the same for the admin, revisions and ``sync_content``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from simple_history.models import HistoricalRecords

from regenknee.core.validation import LowerSlugField, RefusesNulCharacters, validate_position
from regenknee.editorial.diff import text_diff
from regenknee.editorial.models import VersionedModel
from regenknee.editorial.translation import TranslationFields

from . import rules


def problems_to_error(problems: list[rules.Problem]) -> ValidationError:
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        by_field.setdefault(problem.where[0], []).append(problem.message)
    return ValidationError(by_field)


ANSWERS_HELP = (
    "One entry per question, in this order: "
    + ", ".join(rules.QUESTION_KEYS)
    + '. Each: {"text": "…", "sources": ["key"]}; benefit and harms may add "frequencies": '
    '[{"label": "…", "with_option": 40, "without_option": 30, "comparison": "…", '
    '"sources": ["key"]}]; certainty adds "grade". See content/README.md, "Options comparison".'
)


class Option(RefusesNulCharacters, VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    class Kind(models.TextChoices):
        SELF_CARE = "self-care", "Self-care"
        MEDICINE = "medicine", "Medicine"
        INJECTION = "injection", "Injection"
        CELL_TREATMENT = "cell-treatment", "Cell treatment"
        SURGERY = "surgery", "Surgery"

    slug = LowerSlugField(
        max_length=100, unique=True, help_text="Lower-case letters, digits and hyphens."
    )
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField(
        default=0, validators=[validate_position], help_text="Order on the page; 1 comes first."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    surgery = models.BooleanField(default=False, help_text="Tick for operations.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    reviewed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(
        max_length=200, blank=True, help_text="Name and credentials of the clinical reviewer."
    )
    summary = models.TextField(max_length=500, help_text="One or two plain sentences.")
    answers = models.JSONField(default=dict, help_text=ANSWERS_HELP)
    references = models.JSONField(
        default=list,
        blank=True,
        help_text='A list of {"key", "authors", "title", "source", "year", "doi", "pmid", '
        '"url"}; each needs a title, a source and a DOI, PubMed ID or URL.',
    )
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    synced_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("options:comparison") + f"#{self.slug}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def reference_keys(self) -> set[str]:
        refs = self.references if isinstance(self.references, list) else []
        return {ref.get("key") for ref in refs if isinstance(ref, dict)}

    def problems(self) -> list[rules.Problem]:
        """Every broken rule, each with where it is (the admin form puts it on its field)."""
        found = rules.reference_problems(self.references)
        found += rules.answer_problems(self.answers, self.reference_keys())
        found += rules.summary_problems(self.summary)
        return found

    def clean(self):
        super().clean()
        self.summary = rules.one_line(self.summary)
        found = self.problems()
        if found:
            raise problems_to_error(found)

    def save(self, *args, **kwargs):
        self.summary = rules.one_line(self.summary)
        super().save(*args, **kwargs)


class OptionTranslation(RefusesNulCharacters, TranslationFields, VersionedModel):
    """An option in another language: only the words. Numbers, sources, references, position,
    kind and surgery come from the English option."""

    SOURCE_FIELDS = ("title", "summary", "answers")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    source = models.ForeignKey(
        Option, on_delete=models.CASCADE, related_name="translations", verbose_name="option"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=500)
    answers = models.JSONField(
        default=dict,
        help_text='The words only: {"involves": {"text": "…"}, "benefit": {"text": "…", '
        '"frequencies": [{"label": "…", "comparison": "…"}]}, …}, one per English answer.',
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    reviewed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(
        max_length=200, blank=True, help_text="Name and credentials of the clinical reviewer."
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["source__position", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_option_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def problems(self) -> list[rules.Problem]:
        if self.source_id is None:
            return []
        found = rules.translation_problems(
            self.answers, self.source.answers, self.source.reference_keys()
        )
        found += rules.summary_problems(self.summary)
        return found

    def clean(self):
        super().clean()
        self.summary = rules.one_line(self.summary)
        found = self.problems()
        if found:
            raise problems_to_error(found)

    def save(self, *args, **kwargs):
        self.summary = rules.one_line(self.summary)
        if not self.source_hash:
            self.mark_made_from_current_source()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("options:comparison") + f"#{self.source.slug}"

    def source_changes(self) -> list[tuple[str, list]]:
        """As every translation's, with the answers shown as readable lines, not JSON."""
        now = self.source_values(self.source)
        changes = []
        for name in self.SOURCE_FIELDS:
            old, new = self.source_snapshot.get(name), now[name]
            if old == new:
                continue
            if name == "answers":
                changes.append(("Answers", text_diff(answers_as_text(old), answers_as_text(new))))
            else:
                changes.append((name.capitalize(), text_diff(str(old or ""), str(new or ""))))
        return changes


def answers_as_text(answers) -> str:
    """English answers as lines a translator can compare: question, text, each frequency."""
    lines = []
    for key in rules.QUESTION_KEYS:
        answer = (answers or {}).get(key)
        if not isinstance(answer, dict):
            continue
        if answer.get("brief"):
            lines.append(f"{key} (brief): {answer['brief']}")
        lines.append(f"{key}: {answer.get('text', '')}")
        for item in answer.get("frequencies") or []:
            if isinstance(item, dict):
                lines.append(
                    f"  {item.get('label', '')}: {item.get('with_option')} vs "
                    f"{item.get('without_option')} ({item.get('comparison') or '-'})"
                )
    return "\n".join(lines)
