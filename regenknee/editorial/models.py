"""The one review trail: a revision holds the proposed state of any reviewed item, the
version of the live item it was based on, and where it is in review.

``VersionedModel`` gives every reviewed model (and revisions themselves) a version number that
each save raises by one with a conditional write, so two people saving the same row at the same
moment can never both succeed: the loser's save raises ``EditConflict`` and changes nothing.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

EDIT_CONFLICT_MESSAGE = (
    "Someone else saved this while you were editing, so your changes were not saved. Your "
    "text is still in the form below: copy what you changed, reload the page to see their "
    "version, then make your changes again."
)


class EditConflict(Exception):
    """The row changed (or went) since it was read: saving now would overwrite that change."""

    def __init__(self, message: str = EDIT_CONFLICT_MESSAGE):
        super().__init__(message)
        self.message = message


class VersionedModel(models.Model):
    """A row whose saves are conditional on the version it was read at.

    The check and the increment are one ``UPDATE … WHERE version = expected`` in the same
    transaction as the save, so it holds for the admin, commands, sync and another server alike.
    To save on behalf of a form, set ``version`` to the version the form was shown with."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise EditConflict()
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            return super().save(*args, **kwargs)


class RevisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=Revision.OPEN_STATES)

    def for_object(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Revision(VersionedModel):
    """A proposed state of one item (new when ``object_id`` is empty). The live row is not
    touched until a medical reviewer approves exactly this version of the revision."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft (not yet sent for review)"
        IN_REVIEW = "in_review", "Awaiting review"
        SENT_BACK = "sent_back", "Sent back by the reviewer"
        SCHEDULED = "scheduled", "Approved, goes live at the time set"
        APPROVED = "approved", "Approved and live"
        DISCARDED = "discarded", "Discarded (kept in the history)"

    OPEN_STATES = (State.DRAFT, State.IN_REVIEW, State.SENT_BACK)
    EDITABLE_STATES = (State.DRAFT, State.SENT_BACK, State.IN_REVIEW)

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Empty when the revision adds something new."
    )
    label = models.CharField(max_length=300)
    data = models.JSONField(encoder=DjangoJSONEncoder, help_text="The proposed state.")
    base_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version of the live item this was started from."
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    note = models.TextField(
        "note for the reviewer", blank=True, max_length=2000, help_text="What changed and why."
    )
    review_note = models.TextField("reviewer's note", blank=True, max_length=2000)
    publish_at = models.DateTimeField(null=True, blank=True)
    review = models.JSONField(
        null=True, blank=True, encoder=DjangoJSONEncoder, help_text="The review to record."
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
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "change for review"
        verbose_name_plural = "changes for review"
        permissions = [("approve_revision", "Can approve revisions and publish them")]
        constraints = [
            # At most one open revision per live item, so two proposals never race to be
            # approved and the second never silently drops the first.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=["draft", "in_review", "sent_back"], object_id__isnull=False),
                name="one_open_revision_per_item",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def model(self):
        return self.content_type.model_class()

    def live_object(self):
        if self.object_id is None:
            return None
        return self.model._base_manager.filter(pk=self.object_id).first()
