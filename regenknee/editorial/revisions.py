"""The review rules, as functions the admin, commands and tests all call.

Start a revision of an item, save it (conditionally on the version the editor saw), send it for
review, send it back with a note, approve exactly the version the reviewer saw (now or at a
scheduled time), discard it (it stays in the history) and revert an item to an earlier version.
"""

import datetime
import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .middleware import schedule_changed
from .models import EditConflict, Revision
from .registry import Follow, ReviewedType, spec_for

APPROVE_PERMISSION = "editorial.approve_revision"
REVIEW_INTERVAL_DAYS = 365


class RevisionChanged(ValidationError):
    """The revision was saved again after the reviewer's page was shown."""


def can_approve(user) -> bool:
    return bool(user and user.is_active and user.has_perm(APPROVE_PERMISSION))


def person(user) -> str:
    if user is None:
        return "someone no longer on the staff"
    return user.get_full_name() or user.get_username()


def default_review_due(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


# --- copying an item to and from plain data ------------------------------------------------


def serialize(obj, names) -> dict:
    """The named fields of a row (or a historical record of it) as JSON-safe data."""
    values = {name: obj._meta.get_field(name).value_from_object(obj) for name in names}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def assign(instance, names, values: dict) -> None:
    for name in names:
        if name in values:
            field = instance._meta.get_field(name)
            setattr(instance, field.attname, field.to_python(values[name]))


def snapshot(obj, spec: ReviewedType | None = None) -> dict:
    """The revisable state of a live item: its editable fields and the rows it follows."""
    spec = spec or spec_for(obj)
    data = serialize(obj, spec.field_names())
    for follow in spec.follow:
        data[follow.name] = [
            serialize(row, follow.field_names()) for row in getattr(obj, follow.name).all()
        ]
    return data


def build(revision: Revision, live=None):
    """The live item with the revision's state applied (not saved), and its followed rows."""
    spec = spec_for(revision.model)
    instance = live if live is not None else (revision.live_object() or revision.model())
    assign(instance, spec.field_names(), revision.data)
    rows = {}
    for follow in spec.follow:
        rows[follow.name] = []
        for values in revision.data.get(follow.name, []):
            row = follow.model()
            assign(row, follow.field_names(), values)
            rows[follow.name].append(row)
    return instance, rows


def readable(error: ValidationError, model) -> list[str]:
    """Messages that name fields as staff know them ("Definition: …"), never "definition"."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        for message in errors:
            if name == "__all__":
                messages.append(message)
                continue
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except Exception:
                label = name.replace("_", " ")
            messages.append(f"{label[:1].upper()}{label[1:]}: {message}")
    return messages


def problems(spec: ReviewedType, instance, rows, data) -> list[str]:
    """Every reason this state cannot go live: the model's own validation, each followed row's,
    and the type's content checks."""
    found = []
    try:
        instance.full_clean(exclude=not_editable(type(instance)))
    except ValidationError as error:
        found += readable(error, type(instance))
    for follow in spec.follow:
        for index, row in enumerate(rows.get(follow.name, []), start=1):
            try:
                row.full_clean(
                    exclude=[follow.parent_field, *not_editable(follow.model)],
                    validate_unique=False,
                )
            except ValidationError as error:
                label = follow.label or str(follow.model._meta.verbose_name)
                found += [
                    f"{label.capitalize()} {index}: {m}" for m in readable(error, follow.model)
                ]
        keys = [tuple(serialize(row, follow.field_names()).items()) for row in rows[follow.name]]
        if len(set(keys)) != len(keys):
            found.append(f"Two {follow.model._meta.verbose_name_plural} are the same.")
    if spec.check:
        found += spec.check(instance, data)
    return found


def not_editable(model) -> list[str]:
    """Derived fields (rendered HTML, versions): set on save, not proposed, not validated."""
    return [f.name for f in model._meta.concrete_fields if not f.editable]


def label_for(instance) -> str:
    return f"{instance._meta.verbose_name.capitalize()}: {instance}"[:300]


# --- starting and saving -------------------------------------------------------------------


def open_revision(obj) -> Revision | None:
    return Revision.objects.open().for_object(obj).first()


def start_revision(obj, user, *, model=None, data=None, note="") -> Revision:
    """The open revision of a live item, started from its live state if there is none yet.
    ``obj`` None starts a revision that adds a new item of ``model`` with ``data``."""
    if obj is None:
        instance = model()
        assign(instance, spec_for(model).field_names(), data)
        return Revision.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            label=label_for(instance),
            data=data,
            note=note,
            created_by=user,
            updated_by=user,
        )
    spec = spec_for(obj)
    with transaction.atomic():
        # Lock the live row so two people starting at once end up with one revision.
        live = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        existing = open_revision(live)
        if existing is not None:
            return existing
        return Revision.objects.create(
            content_type=ContentType.objects.get_for_model(live),
            object_id=live.pk,
            label=label_for(live),
            data=snapshot(live, spec) if data is None else data,
            base_version=live.version,
            note=note,
            created_by=user,
            updated_by=user,
        )


def save_revision(revision, data, user, *, expected_version, note=None, rebase=False) -> Revision:
    """Stores an editor's new proposed state. Refused with ``EditConflict`` if the revision was
    saved by someone else since ``expected_version`` was shown, and with ``ValidationError``
    listing every problem if the state could never go live."""
    if not revision.is_open:
        raise ValidationError("This revision is closed; start a new one from the live item.")
    spec = spec_for(revision.model)
    candidate = Revision(content_type=revision.content_type, object_id=revision.object_id)
    candidate.data = data
    instance, rows = build(candidate)
    found = problems(spec, instance, rows, data)
    if found:
        raise ValidationError(found)
    revision.data = data
    revision.label = label_for(instance)
    revision.version = expected_version
    revision.updated_by = user
    if note is not None:
        revision.note = note
    if rebase:
        live = revision.live_object()
        revision.base_version = live.version if live else None
    revision.save()
    return revision


def is_conflicting(revision: Revision) -> bool:
    """Whether the live item changed (a direct save, a sync) since the revision was started."""
    if revision.object_id is None or revision.base_version is None:
        return False
    live = revision.live_object()
    return live is None or live.version != revision.base_version


CONFLICT_MESSAGE = (
    "The live version changed after this draft was started, so approving it could undo that "
    "change. Open the draft, compare it with the live version and save it again to base it on "
    "the live version."
)


# --- review -------------------------------------------------------------------------------


def _locked(revision) -> Revision:
    return Revision.objects.select_for_update().get(pk=revision.pk)


def submit(revision: Revision, user) -> Revision:
    with transaction.atomic():
        revision = _locked(revision)
        if revision.state not in (Revision.State.DRAFT, Revision.State.SENT_BACK):
            raise ValidationError("Only a draft can be sent for review.")
        revision.state = Revision.State.IN_REVIEW
        revision.submitted_at = timezone.now()
        revision.updated_by = user
        revision.save()
    return revision


def send_back(revision: Revision, user, note: str) -> Revision:
    """The reviewer returns a revision to its editor with the reason; nothing goes live."""
    if not can_approve(user):
        raise PermissionDenied
    note = (note or "").strip()
    if not note:
        raise ValidationError("Say what needs to change, so the editor can fix it.")
    with transaction.atomic():
        revision = _locked(revision)
        if revision.state != Revision.State.IN_REVIEW:
            raise ValidationError("Only a revision that is awaiting review can be sent back.")
        revision.state = Revision.State.SENT_BACK
        revision.review_note = note
        revision.decided_by, revision.decided_at = user, timezone.now()
        revision.save()
    return revision


def discard(revision: Revision, user, reason: str = "") -> Revision:
    """Closes a revision without publishing it. Its content stays, in its row and its history;
    anyone but its author must say why."""
    is_author = revision.created_by_id == getattr(user, "pk", None)
    if not (can_approve(user) or is_author):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not is_author and not reason:
        raise ValidationError("Say why this is discarded; the editor will see it.")
    with transaction.atomic():
        revision = _locked(revision)
        if not revision.is_open:
            raise ValidationError("This revision is already closed.")
        revision.state = Revision.State.DISCARDED
        if reason:
            revision.review_note = reason
        revision.decided_by, revision.decided_at = user, timezone.now()
        revision.save()
    return revision


def approve(revision, user, *, shown_version, review=None, publish_at=None):
    """Publishes exactly the version of the revision the reviewer was shown, or schedules it.

    ``review`` is the review to record on the item (for articles: who, when, next due).
    A future ``publish_at`` keeps the live version as it is until then."""
    if not can_approve(user):
        raise PermissionDenied
    with transaction.atomic():
        revision = _locked(revision)
        if revision.state != Revision.State.IN_REVIEW:
            raise ValidationError("Only a revision that is awaiting review can be approved.")
        if revision.version != shown_version:
            raise RevisionChanged(
                "This draft was changed after you opened this page, so it was not approved. "
                "The changes as they are now are shown below: check them and approve again."
            )
        if is_conflicting(revision):
            raise ValidationError(CONFLICT_MESSAGE)
        revision.review = review
        revision.decided_by, revision.decided_at = user, timezone.now()
        if publish_at is not None and publish_at > timezone.now() and revision.object_id:
            build_checked(revision)
            revision.state = Revision.State.SCHEDULED
            revision.publish_at = publish_at
            revision.save()
            transaction.on_commit(schedule_changed)
            return revision
        return apply(revision)


def build_checked(revision, live=None):
    spec = spec_for(revision.model)
    instance, rows = build(revision, live)
    if spec.record_review and revision.review:
        spec.record_review(instance, revision.review)
    found = problems(spec, instance, rows, revision.data)
    if found:
        raise ValidationError(found)
    return instance, rows


def apply(revision: Revision):
    """Copies a locked, approved revision onto the live item in the caller's transaction."""
    spec = spec_for(revision.model)
    live = None
    if revision.object_id is not None:
        live = revision.model._base_manager.select_for_update().filter(pk=revision.object_id)
        live = live.first()
        if live is None:
            raise ValidationError("The item this revision changes has been deleted.")
    instance, rows = build_checked(revision, live)
    editor = person(revision.created_by)
    instance._change_reason = (
        f"Approved change by {editor}, reviewed by {person(revision.decided_by)}"
    )
    instance.save()
    replace_rows(instance, spec.follow, rows)
    revision.object_id = instance.pk
    revision.base_version = instance.version
    revision.state = Revision.State.APPROVED
    revision.save()
    return instance


def replace_rows(instance, follows: tuple[Follow, ...], rows: dict) -> None:
    for follow in follows:
        getattr(instance, follow.name).all().delete()
        new = rows.get(follow.name, [])
        for row in new:
            setattr(row, follow.parent_field, instance)
        if hasattr(follow.model, "history"):
            bulk_create_with_history(new, follow.model)
        else:
            follow.model.objects.bulk_create(new)


def publish_due(now: datetime.datetime | None = None) -> int:
    """Applies every scheduled revision whose time has come; returns how many."""
    now = now or timezone.now()
    due = Revision.objects.filter(state=Revision.State.SCHEDULED, publish_at__lte=now)
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            revision = Revision.objects.select_for_update().filter(
                pk=pk, state=Revision.State.SCHEDULED
            )
            revision = revision.first()
            if revision is not None:  # another server may have published it a moment ago
                apply(revision)
                count += 1
    return count


def next_scheduled() -> datetime.datetime | None:
    return (
        Revision.objects.filter(state=Revision.State.SCHEDULED)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


# --- history ------------------------------------------------------------------------------


def rows_as_of(obj, record, follow: Follow) -> list:
    """The followed rows as they stood while a historical version was current, that is,
    until the item's next change (followed rows are saved just after the item)."""
    following = obj.history.filter(history_date__gt=record.history_date).order_by("history_date")
    next_record = following.first()
    until = (
        next_record.history_date - datetime.timedelta(microseconds=1)
        if next_record
        else timezone.now()
    )
    rows = follow.model.history.as_of(until).filter(**{f"{follow.parent_field}_id": obj.pk})
    return list(rows)


def state_as_of(obj, record) -> dict:
    spec = spec_for(obj)
    data = serialize(record, spec.field_names())
    for follow in spec.follow:
        data[follow.name] = [
            serialize(row, follow.field_names()) for row in rows_as_of(obj, record, follow)
        ]
    return data


def revert(obj, history_id: int, user):
    """Brings back an earlier version. An item that changes only through review gets it as a
    new revision to review; any other item is changed at once (and that is in the history)."""
    spec = spec_for(obj)
    record = obj.history.get(history_id=history_id)
    data = state_as_of(obj, record)
    if spec.revises(obj):
        with transaction.atomic():
            type(obj)._base_manager.select_for_update().get(pk=obj.pk)
            if open_revision(obj):
                raise ValidationError(
                    "There is already a pending draft. Finish or discard it first."
                )
            return start_revision(
                obj,
                user,
                data=data,
                note=f"Reverted to the version of {record.history_date:%d %b %Y %H:%M}.",
            )
    with transaction.atomic():
        live = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        if live.version != obj.version:
            raise EditConflict()
        candidate = Revision(content_type=ContentType.objects.get_for_model(obj), data=data)
        _, rows = build(candidate)
        assign(live, spec.field_names(), data)
        live._change_reason = f"Reverted to the version of {record.history_date:%d %b %Y %H:%M}"
        live.save()
        replace_rows(live, spec.follow, rows)
    return live
