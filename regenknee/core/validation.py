"""Validation shared by every kind of content, whatever way it comes in.

The rules live on the models (field validators, ``clean()``), so the admin's forms, proposals
and ``sync_content`` all run the same ``full_clean()``: what one way in accepts, every other
way accepts too.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator, URLValidator
from django.db import models

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

validate_slug_text = RegexValidator(
    SLUG_PATTERN,
    "Use only lower-case letters, digits and single hyphens (like knee-cartilage).",
    code="invalid_slug",
)
validate_web_address = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address that starts with https:// or http://.",
)


class LowerSlugField(models.SlugField):
    """A slug that is only lower-case letters, digits and single hyphens: it becomes part of
    an address, a file name and a key in content files."""

    default_validators = [validate_slug_text]


class WebAddressField(models.URLField):
    """A link a patient may follow: http or https only (no ftp, no javascript:)."""

    default_validators = [validate_web_address]

    def formfield(self, **kwargs):
        # An address typed without a scheme is taken as https (Django 6's default).
        return super().formfield(**{"assume_scheme": "https", **kwargs})


NUL = "\x00"
NUL_MESSAGE = "Remove the invisible NUL character (\\0); it cannot be stored."


def contains_nul(value) -> bool:
    """Whether a text or JSON value holds a NUL character anywhere (PostgreSQL refuses it)."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(item) for item in value)
    return False


class RefusesNulCharacters:
    """Mixed into content models: any text or JSON field holding a NUL character is a
    validation error on that field rather than a database error on PostgreSQL."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            if contains_nul(getattr(self, field.attname)):
                errors[field.name] = [ValidationError(NUL_MESSAGE, code="null_characters")]
        if errors:
            raise ValidationError(errors)


# Positions order a short list (the learning path, a checklist's groups); a bound well inside
# every database's integer column keeps "a number too large" a validation error everywhere.
MAX_POSITION = 9999
validate_position = MaxValueValidator(MAX_POSITION, f"Use a number from 0 to {MAX_POSITION}.")
