"""Review before publishing for glossary terms and checklist items.

When an editor saves one of these in the admin, the change is kept as a ContentChange instead
of being applied; a medical reviewer sees exactly what would change and approves or rejects
it. Reviewers' own saves apply at once. Articles have their own, fuller workflow (revisions,
preview, review dates); these short items need only this.
"""

import json

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from . import workflow
from .inlines import LockableInline
from .models import ContentChange


def proposed_values(obj, form) -> dict:
    """The form's values for the model's own fields, as JSON-safe data."""
    names = [f.name for f in obj._meta.concrete_fields if f.name in form.fields]
    values = {name: obj._meta.get_field(name).value_from_object(obj) for name in names}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def propose(obj, form, user) -> ContentChange:
    return ContentChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        label=f"{obj._meta.verbose_name.capitalize()}: {obj}"[:300],
        data=proposed_values(obj, form),
        created_by=user,
    )


def build_instance(change: ContentChange):
    """The live object with the proposed values applied (not saved)."""
    model = change.content_type.model_class()
    instance = model.objects.filter(pk=change.object_id).first() if change.object_id else None
    instance = instance or model()
    for name, value in change.data.items():
        field = model._meta.get_field(name)
        setattr(instance, field.attname, field.to_python(value))
    return instance


def differences(change: ContentChange) -> list[tuple[str, str, str]]:
    model = change.content_type.model_class()
    live = model.objects.filter(pk=change.object_id).first() if change.object_id else None
    rows = []
    for name, value in change.data.items():
        field = model._meta.get_field(name)
        before = field.value_from_object(live) if live else ""
        after = field.to_python(value)
        if before != after:
            rows.append((str(field.verbose_name), "" if live is None else str(before), str(after)))
    return rows


def approve(change: ContentChange, user) -> None:
    if not workflow.can_approve(user):
        raise PermissionDenied
    with transaction.atomic():
        change = ContentChange.objects.select_for_update().get(pk=change.pk)
        if change.state != ContentChange.State.IN_REVIEW:
            raise ValidationError("This change has already been decided.")
        instance = build_instance(change)
        instance.full_clean()
        instance.save()
        change.state, change.decided_by, change.decided_at = (
            ContentChange.State.APPROVED,
            user,
            timezone.now(),
        )
        change.object_id = instance.pk
        change.save()
    for hook in AFTER_APPROVAL.get(type(instance), []):
        hook(instance)


def reject(change: ContentChange, user) -> None:
    if not workflow.can_approve(user):
        raise PermissionDenied
    if change.state != ContentChange.State.IN_REVIEW:
        raise ValidationError("This change has already been decided.")
    change.state, change.decided_by, change.decided_at = (
        ContentChange.State.REJECTED,
        user,
        timezone.now(),
    )
    change.save()


# Things to do after a change to a model is applied (the glossary re-links articles).
AFTER_APPROVAL: dict[type, list] = {}


class ReviewedContentAdmin(SimpleHistoryAdmin):
    """An admin whose saves by editors become proposals for a medical reviewer."""

    def _proposes(self, request) -> bool:
        return not workflow.can_approve(request.user)

    def save_model(self, request, obj, form, change):
        if self._proposes(request):
            request._proposed_change = propose(obj, form, request.user)
            return
        super().save_model(request, obj, form, change)
        for hook in AFTER_APPROVAL.get(type(obj), []):
            hook(obj)

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "_proposed_change", None):
            super().save_related(request, form, formsets, change)

    def log_addition(self, request, obj, message):
        if not getattr(request, "_proposed_change", None):
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if not getattr(request, "_proposed_change", None):
            return super().log_change(request, obj, message)

    def _sent_for_review(self, request):
        change = request._proposed_change
        messages.success(
            request,
            "Sent for review. A medical reviewer will approve it before it appears on the site.",
        )
        return HttpResponseRedirect(
            reverse("admin:articles_contentchange_change", args=[change.pk])
        )

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "_proposed_change", None):
            return self._sent_for_review(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(request, "_proposed_change", None):
            return self._sent_for_review(request)
        return super().response_change(request, obj)


class ReadOnlyForEditorsInline(LockableInline):
    """An inline that only reviewers change directly (editors propose each item on its own)."""

    def locked(self, request, obj):
        return not workflow.can_approve(request.user)


@admin.register(ContentChange)
class ContentChangeAdmin(SimpleHistoryAdmin):
    list_display = ("label", "state", "created_by", "created_at", "decided_by")
    list_filter = ("state", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided with Approve or Reject, never edited

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/change/", view(self.review_view), name="articles_contentchange_change"),
            path("<int:pk>/decide/", view(self.decide_view), name="articles_contentchange_decide"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        change = get_object_or_404(ContentChange, pk=pk)
        if not self.has_view_permission(request, change):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": change.label,
            "change": change,
            "rows": differences(change),
            "can_approve": workflow.can_approve(request.user),
        }
        return TemplateResponse(request, "admin/articles/contentchange/review.html", context)

    def decide_view(self, request, pk):
        change = get_object_or_404(ContentChange, pk=pk)
        if request.method != "POST" or not workflow.can_approve(request.user):
            raise PermissionDenied
        back = reverse("admin:articles_contentchange_change", args=[pk])
        try:
            if "approve" in request.POST:
                approve(change, request.user)
                messages.success(request, "Approved: the change is now live.")
            else:
                reject(change, request.user)
                messages.success(request, "Rejected: nothing on the site changed.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(back)
