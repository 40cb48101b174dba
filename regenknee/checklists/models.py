"""The question bank behind the consultation checklist. Nothing a patient types is stored:
there is deliberately no model for answers."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from regenknee.core.validation import (
    LowerSlugField,
    RefusesNulCharacters,
    WebAddressField,
    validate_position,
)
from regenknee.editorial.models import VersionedModel
from regenknee.editorial.translation import TranslationFields

from .answers import ANSWER_FIELDS, validate_applies_when
from .builder import DEFAULT_PRIORITY, HIGHEST_PRIORITY, LOWEST_PRIORITY, PRIORITY_CHOICES


class QuestionGroup(RefusesNulCharacters, VersionedModel):
    slug = LowerSlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    intro = models.TextField(max_length=600, blank=True)
    position = models.PositiveIntegerField(default=0, validators=[validate_position])
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    synced_hash = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


def applies_when_help():
    fields = "; ".join(f"{name}: {', '.join(values)}" for name, values in ANSWER_FIELDS.items())
    return (
        'Which answers make this question appear, e.g. {"cell_source": ["bone_marrow", "fat"]}. '
        f"Leave as {{}} to always ask it. Fields and values: {fields}."
    )


class Question(RefusesNulCharacters, VersionedModel):
    group = models.ForeignKey(QuestionGroup, on_delete=models.CASCADE, related_name="questions")
    key = LowerSlugField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0, validators=[validate_position])
    priority = models.PositiveSmallIntegerField(
        choices=PRIORITY_CHOICES,
        default=DEFAULT_PRIORITY,
        validators=[MinValueValidator(HIGHEST_PRIORITY), MaxValueValidator(LOWEST_PRIORITY)],
        help_text="How soon a patient should ask it: the most important questions for each "
        'patient, up to 10, are printed first under "Ask these first". A question that '
        "answers one of the patient's concerns counts one step more important.",
    )
    text = models.CharField(max_length=300, help_text="The question, as the patient asks it.")
    why = models.TextField("why it matters", max_length=600)
    clear_answer = models.TextField("what a clear answer sounds like", max_length=600)
    vague_answer = models.TextField("what a vague answer sounds like", max_length=600)
    applies_when = models.JSONField(
        default=dict, blank=True, validators=[validate_applies_when], help_text=applies_when_help
    )
    source = models.CharField(max_length=400)
    source_url = WebAddressField("source URL", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["group__position", "position", "pk"]

    def __str__(self):
        return self.text


class RedFlag(RefusesNulCharacters, VersionedModel):
    key = LowerSlugField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0, validators=[validate_position])
    sign = models.CharField(max_length=300, help_text="The warning sign, in plain words.")
    why = models.TextField("why it matters", max_length=600)
    source = models.CharField(max_length=400)
    source_url = WebAddressField("source URL", max_length=500, blank=True)
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    synced_hash = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.sign


# --- translations -------------------------------------------------------------------------
# Keys, order, priorities, rules and sources come from the English rows; a translation holds
# only the words a patient reads.


class QuestionGroupTranslation(RefusesNulCharacters, TranslationFields, VersionedModel):
    SOURCE_FIELDS = ("title", "intro")

    source = models.ForeignKey(
        QuestionGroup, on_delete=models.CASCADE, related_name="translations", verbose_name="group"
    )
    title = models.CharField(max_length=200)
    intro = models.TextField(max_length=600, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "source__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_group_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        if not self.source_hash:
            self.mark_made_from_current_source()
        super().save(*args, **kwargs)


class QuestionTranslation(RefusesNulCharacters, TranslationFields, VersionedModel):
    SOURCE_FIELDS = ("text", "why", "clear_answer", "vague_answer")

    source = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="translations", verbose_name="question"
    )
    text = models.CharField(max_length=300)
    why = models.TextField("why it matters", max_length=600)
    clear_answer = models.TextField("what a clear answer sounds like", max_length=600)
    vague_answer = models.TextField("what a vague answer sounds like", max_length=600)

    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "source__group__position", "source__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_question_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.text} ({self.language})"

    def save(self, *args, **kwargs):
        if not self.source_hash:
            self.mark_made_from_current_source()
        super().save(*args, **kwargs)


class RedFlagTranslation(RefusesNulCharacters, TranslationFields, VersionedModel):
    SOURCE_FIELDS = ("sign", "why")

    source = models.ForeignKey(
        RedFlag, on_delete=models.CASCADE, related_name="translations", verbose_name="red flag"
    )
    sign = models.CharField(max_length=300)
    why = models.TextField("why it matters", max_length=600)

    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "source__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_red_flag_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.sign} ({self.language})"

    def save(self, *args, **kwargs):
        if not self.source_hash:
            self.mark_made_from_current_source()
        super().save(*args, **kwargs)
