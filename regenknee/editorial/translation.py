"""What every translation shares: its language, the source it was made from, and whether that
source has changed since.

A translation records the hash of its source's translatable fields at the time it was made
(``source_hash``, also written in its content file) and a snapshot of those fields
(``source_snapshot``), so a translator can be shown exactly what changed in the source since:
the snapshot against the source as it is now. Content apps subclass ``TranslationFields``;
nothing here names a content app.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .diff import text_diff

SOURCE_HASH_LENGTH = 16


def validate_translation_language(value: str) -> None:
    """A translation is in one of the site's languages, and not the default one (the default
    language is the source)."""
    codes = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    if value not in codes:
        raise ValidationError(
            f"'{value}' is not a language this site is translated into "
            f"(the choices are: {', '.join(codes) or 'none yet'}).",
            code="unknown_language",
        )


def fields_hash(values: dict) -> str:
    """A short, stable fingerprint of a source's translatable fields, the same whether the
    values came from a content file or from the database."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:SOURCE_HASH_LENGTH]


class TranslationFields(models.Model):
    """Fields of every translation. The subclass gives ``source`` (the foreign key to what it
    translates) and lists the source's translatable fields in ``SOURCE_FIELDS``."""

    SOURCE_FIELDS: tuple[str, ...] = ()

    language = models.CharField(max_length=10, validators=[validate_translation_language])
    source_hash = models.CharField(
        max_length=SOURCE_HASH_LENGTH,
        editable=False,
        help_text="Fingerprint of the source's text this translation was made from.",
    )
    source_snapshot = models.JSONField(default=dict, editable=False)
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    synced_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def source_values(cls, source) -> dict:
        """The source's translatable fields as they are now, normalised like a file's."""
        values = {}
        for name in cls.SOURCE_FIELDS:
            value = getattr(source, name)
            values[name] = list(value) if isinstance(value, list | tuple) else value
        return values

    @classmethod
    def source_fingerprint(cls, source) -> str:
        return fields_hash(cls.source_values(source))

    def mark_made_from_current_source(self) -> None:
        """Records that this translation follows the source as it is now."""
        self.source_snapshot = self.source_values(self.source)
        self.source_hash = fields_hash(self.source_snapshot)

    @property
    def is_stale(self) -> bool:
        """The source has changed since this translation was made."""
        return self.source_hash != self.source_fingerprint(self.source)

    def source_changes(self) -> list[tuple[str, list]]:
        """For each source field that changed since the translation: (field label, line diff
        of the source's old text against its new text)."""
        now = self.source_values(self.source)
        changes = []
        for name in self.SOURCE_FIELDS:
            old, new = self.source_snapshot.get(name), now[name]
            if old == new:
                continue
            field = type(self.source)._meta.get_field(name)
            label = str(field.verbose_name)
            changes.append((label[:1].upper() + label[1:], text_diff(as_text(old), as_text(new))))
        return changes


def snapshot_of(translation, fingerprint: str) -> dict:
    """The source's translatable fields when they had ``fingerprint``: as they are now, or an
    earlier version from the source's history; empty when no version with that text is known
    (the translator is then shown the whole current text)."""
    source = translation.source
    if translation.source_fingerprint(source) == fingerprint:
        return translation.source_values(source)
    for old in source.history.all():
        values = type(translation).source_values(old)
        if fields_hash(values) == fingerprint:
            return values
    return {}


def as_text(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


def stale_pks(model) -> list[int]:
    """The translations of ``model`` whose source changed since they were made."""
    return [t.pk for t in model.objects.select_related("source") if t.is_stale]


def translation_language(language: str | None = None) -> str:
    """The language a page should look for translations in: the active language (or the one
    given), or "" when it is the site's default language, whose content is the source."""
    from django.utils import translation

    language = (language or translation.get_language() or "").lower()
    default = settings.LANGUAGE_CODE.lower()
    if not language or language.split("-")[0] == default.split("-")[0]:
        return ""
    return language


def out_of_date_queue(model):
    """A reviewed type's queue of translations whose source changed since."""

    def queues(today):
        return {"out_of_date": model.objects.filter(pk__in=stale_pks(model))}

    return queues
