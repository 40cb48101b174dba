"""The kinds of content that go through review, and how each is copied into a revision.

A content app registers its models in its ``AppConfig.ready``; nothing here names a content
app. A revision stores every editable field of the model (so a field added later is covered
without code changes) plus the rows that ``follow`` names (an article's references), the way
django-reversion's ``register(model, follow=...)`` versions an object with its related rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

# Fields that say where a row came from or how it is published, never part of its content.
NEVER_REVISED = frozenset({"id", "version", "source_path", "synced_hash"})


@dataclass(frozen=True)
class Follow:
    """Rows that belong to an item and are revised with it (an article's references)."""

    name: str  # the related name on the item, e.g. "references"
    model: type[models.Model]
    parent_field: str  # the foreign key to the item, e.g. "article"
    label: str = ""

    def field_names(self) -> tuple[str, ...]:
        return editable_field_names(self.model, exclude={self.parent_field})


@dataclass(frozen=True)
class ReviewedType:
    model: type[models.Model]
    # Fields kept out of revisions (workflow fields that approval sets, such as review dates).
    exclude: frozenset[str] = frozenset()
    follow: tuple[Follow, ...] = ()
    # Whether a live item changes only through a revision; None means "always". Articles that
    # were never published are edited directly and published by approval instead.
    needs_revision: Callable[[models.Model], bool] | None = None
    # Blocking problems in a proposed state (list of messages), checked again at approval.
    check: Callable[[models.Model, dict], list[str]] | None = None
    # Called with the item and the review record when an approved revision is applied.
    record_review: Callable[[models.Model, dict], None] | None = None
    # Called once after a transaction that changed items of this type commits.
    after_change: tuple[Callable[[], None], ...] = ()
    # The admin preview of a proposed state, if the type has a public page.
    preview: Callable | None = None
    # This type's own review queues: a function of today returning querysets of live items
    # by queue name ("never_reviewed", "overdue", "due_soon", "awaiting").
    queues: Callable | None = None
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def field_names(self) -> tuple[str, ...]:
        return editable_field_names(self.model, exclude=self.exclude)

    def revises(self, obj) -> bool:
        return self.needs_revision is None or obj is None or bool(self.needs_revision(obj))


def editable_field_names(model, exclude=frozenset()) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in NEVER_REVISED | set(exclude)
    )


REVIEWED: dict[type, ReviewedType] = {}


def register(spec: ReviewedType) -> ReviewedType:
    REVIEWED[spec.model] = spec
    return spec


def spec_for(model_or_obj) -> ReviewedType:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    model = model._meta.concrete_model
    try:
        return REVIEWED[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered for review") from None


def is_reviewed(model) -> bool:
    return model._meta.concrete_model in REVIEWED


def spec_owning(model) -> ReviewedType | None:
    """The reviewed type of a model or of the item a followed row belongs to."""
    model = model._meta.concrete_model
    if model in REVIEWED:
        return REVIEWED[model]
    for spec in REVIEWED.values():
        if any(follow.model is model for follow in spec.follow):
            return spec
    return None
