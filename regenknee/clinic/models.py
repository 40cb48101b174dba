"""Who runs this site: the clinic's profile (one row) and the treatments it offers (its
programme), with their translations.

Both are reviewed content: the row is what the public sees, and it changes only through an
approved revision (see apps.py), whose approval records the review line. Nothing here is
filled in by the project: the clinic's staff publish their own details.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regenknee.core.validation import (
    LowerSlugField,
    RefusesNulCharacters,
    WebAddressField,
    validate_position,
)
from regenknee.editorial.models import VersionedModel
from regenknee.editorial.translation import TranslationFields

validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 ()./-]{5,28}[0-9]$",
    "Write the phone number with digits, spaces, brackets, dots, hyphens and a leading + "
    "only, like +82 2-1234-5678.",
    code="invalid_phone",
)

# Who a treatment is for, in the same words as the checklist form's diagnosis answers (its
# values are the same, so a patient's answer and a programme entry can be compared), kept here
# so this app does not reach into the checklist's internals.
PATIENT_GROUPS = (
    ("injury", _("A cartilage injury, not arthritis")),
    ("kl1", _("Osteoarthritis, Kellgren-Lawrence grade 1 (doubtful)")),
    ("kl2", _("Osteoarthritis, Kellgren-Lawrence grade 2 (mild)")),
    ("kl3", _("Osteoarthritis, Kellgren-Lawrence grade 3 (moderate)")),
    ("kl4", _("Osteoarthritis, Kellgren-Lawrence grade 4 (severe)")),
)
PATIENT_GROUP_VALUES = tuple(value for value, _label in PATIENT_GROUPS)
# A bound well inside every database's integer column; no knee treatment costs more.
MAX_WON = 1_000_000_000


class ReviewedPublication(models.Model):
    """Published or not, and the review line approval records (as on articles)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    reviewed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    synced_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ClinicProfile(RefusesNulCharacters, ReviewedPublication, VersionedModel):
    # Always True and unique: the database itself refuses a second profile, however it is
    # added (admin, sync, a shell, bulk_create); clean() says so in words first.
    singleton = models.BooleanField(default=True, editable=False, unique=True)
    name = models.CharField(max_length=200, help_text="The clinic's name as patients know it.")
    address = models.TextField(max_length=500, blank=True)
    phone = models.CharField(max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(
        blank=True, help_text="Shown on every page, and used by “Report a problem”."
    )
    website = WebAddressField(max_length=300, blank=True)
    languages = models.CharField(
        "languages spoken", max_length=200, blank=True, help_text="For example: Korean, English."
    )
    opening_hours = models.TextField(max_length=600, blank=True)
    international_registration = models.CharField(
        "international patient registration number",
        max_length=100,
        blank=True,
        help_text="The registration number as an institution that treats international "
        "patients (외국인환자 유치 의료기관), or empty if the clinic is not registered.",
    )
    statement = models.TextField(
        "funding and conflicts of interest",
        max_length=3000,
        help_text="In plain words: who pays for this site, which of the treatments described "
        "here the clinic offers, and how the information is kept independent.",
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="clinic_profile_singleton")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.singleton = True
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        others = type(self)._base_manager.exclude(pk=self.pk) if self.pk else None
        if (others if others is not None else type(self)._base_manager.all()).exists():
            raise ValidationError(
                "The site already has a clinic profile; change that one instead of adding another.",
                code="one_profile",
            )


def validate_patient_groups(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(
            f"Give a list of one or more of: {', '.join(PATIENT_GROUP_VALUES)}.",
            code="invalid_groups",
        )
    unknown = [repr(v) for v in value if v not in PATIENT_GROUP_VALUES]
    if unknown:
        raise ValidationError(
            f"Unknown patient group {', '.join(unknown)} (use: {', '.join(PATIENT_GROUP_VALUES)}).",
            code="invalid_groups",
        )
    if len(set(value)) != len(value):
        raise ValidationError("A patient group is listed twice.", code="invalid_groups")


PRICE_HINT = 'Give at least one price line, like [{"item": "Injection", "won": 1000000}].'


def validate_price_items(value) -> None:
    """An itemised price: a list of {"item": what it pays for, "won": whole won}."""
    if not isinstance(value, list) or not value:
        raise ValidationError(PRICE_HINT, code="invalid_price")
    problems = []
    for number, line in enumerate(value, start=1):
        if not isinstance(line, dict) or set(line) != {"item", "won"}:
            problems.append(f"Price line {number} must have exactly 'item' and 'won'.")
            continue
        item, won = line["item"], line["won"]
        if not isinstance(item, str) or not item.strip() or len(item) > 200:
            problems.append(f"Price line {number}: 'item' must be text of 1 to 200 characters.")
        if isinstance(won, bool) or not isinstance(won, int) or not 0 <= won <= MAX_WON:
            problems.append(
                f"Price line {number}: 'won' must be a whole number of won from 0 to "
                f"{MAX_WON:,}, without commas or a currency sign."
            )
    if problems:
        raise ValidationError(problems, code="invalid_price")


class ProgrammeEntry(RefusesNulCharacters, ReviewedPublication, VersionedModel):
    class Regulation(models.TextChoices):
        APPROVED_PRODUCT = "approved_product", _("Approved product (MFDS product approval)")
        NEW_HEALTH_TECHNOLOGY = "new_health_technology", _("New health technology (신의료기술)")
        CLINICAL_RESEARCH = "clinical_research", _("Approved clinical research")
        CLINICAL_TRIAL = "clinical_trial", _("Registered clinical trial")
        OTHER = "other", _("Other (explained below)")

    slug = LowerSlugField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0, validators=[validate_position])
    treatment = models.CharField(max_length=200, help_text="The treatment, as patients know it.")
    product = models.CharField(max_length=200, help_text="The product or cell preparation used.")
    maker = models.CharField("who makes it", max_length=200)
    regulation = models.CharField("regulatory status", max_length=40, choices=Regulation.choices)
    approval_number = models.CharField(
        "approval, listing or trial number",
        max_length=100,
        blank=True,
        help_text="Required unless the status is “Other”.",
    )
    regulation_details = models.TextField("what exactly is approved", max_length=1000, blank=True)
    patient_groups = models.JSONField(
        "the patients it is for",
        default=list,
        validators=[validate_patient_groups],
        error_messages={
            "blank": f"Give a list of one or more of: {', '.join(PATIENT_GROUP_VALUES)}."
        },
        help_text=f"A list of: {', '.join(PATIENT_GROUP_VALUES)}.",
    )
    price_items = models.JSONField(
        "itemised price (won)",
        default=list,
        validators=[validate_price_items],
        error_messages={"blank": PRICE_HINT},
        help_text="Every line the patient pays, including any admission, like "
        '[{"item": "Admission, 1 night", "won": 150000}].',
    )
    follow_up = models.TextField("follow-up plan", max_length=1500)
    complaints = models.TextField(
        "where to complain",
        max_length=1000,
        help_text="Who patients can complain to, inside and outside the clinic.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "programme entry"
        verbose_name_plural = "programme entries"

    def __str__(self):
        return self.treatment

    def clean(self):
        super().clean()
        if self.regulation != self.Regulation.OTHER and not self.approval_number.strip():
            raise ValidationError(
                {"approval_number": "Give the approval, listing or trial number."}
            )

    @property
    def total_won(self) -> int:
        return sum(line["won"] for line in self.price_items if isinstance(line, dict))

    def patient_group_labels(self) -> list[str]:
        labels = dict(PATIENT_GROUPS)
        return [str(labels[v]) for v in self.patient_groups if v in labels]


# --- translations -------------------------------------------------------------------------
# Numbers, addresses of the web and e-mail, and the review come from the English rows; a
# translation holds the words a patient reads. An empty field shows the English one.


class ClinicProfileTranslation(RefusesNulCharacters, TranslationFields, VersionedModel):
    SOURCE_FIELDS = ("name", "address", "languages", "opening_hours", "statement")

    source = models.ForeignKey(
        ClinicProfile, on_delete=models.CASCADE, related_name="translations", verbose_name="profile"
    )
    name = models.CharField(max_length=200, blank=True)
    address = models.TextField(max_length=500, blank=True)
    languages = models.CharField("languages spoken", max_length=200, blank=True)
    opening_hours = models.TextField(max_length=600, blank=True)
    statement = models.TextField("funding and conflicts of interest", max_length=3000)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_profile_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.name or self.source} ({self.language})"

    def save(self, *args, **kwargs):
        if not self.source_hash:
            self.mark_made_from_current_source()
        super().save(*args, **kwargs)


def validate_price_labels(value) -> None:
    if not isinstance(value, list) or any(not isinstance(v, str) or len(v) > 200 for v in value):
        raise ValidationError(
            "Give the price lines' names as a list of text, in the English order.",
            code="invalid_labels",
        )


class ProgrammeEntryTranslation(RefusesNulCharacters, TranslationFields, VersionedModel):
    SOURCE_FIELDS = ("treatment", "regulation_details", "follow_up", "complaints", "price_items")

    source = models.ForeignKey(
        ProgrammeEntry, on_delete=models.CASCADE, related_name="translations", verbose_name="entry"
    )
    treatment = models.CharField(max_length=200)
    regulation_details = models.TextField(max_length=1000, blank=True)
    follow_up = models.TextField("follow-up plan", max_length=1500)
    complaints = models.TextField("where to complain", max_length=1000)
    price_labels = models.JSONField(
        "price lines' names",
        default=list,
        blank=True,
        validators=[validate_price_labels],
        help_text="The names of the English price lines, translated, in the same order.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "source__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="one_programme_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.treatment} ({self.language})"

    def save(self, *args, **kwargs):
        if not self.source_hash:
            self.mark_made_from_current_source()
        super().save(*args, **kwargs)
