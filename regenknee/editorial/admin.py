"""The review trail in the admin, and the pieces every reviewed content admin shares.

Staff meet names and sentences here, never field names or a bare "403 Forbidden": a step
someone may not take is explained and they are sent back to where they were.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from . import revisions
from .diff import compare_states
from .forms import HTTPS_URL_FIELDS, ReasonForm, ReviewForm, RevisionEditor, VersionedForm
from .models import EditConflict, Revision
from .queues import admin_url
from .registry import REVIEWED, spec_for

__all__ = [
    "HTTPS_URL_FIELDS",
    "LockableInline",
    "ReadOnlyForEditorsInline",
    "ReviewedContentAdmin",
    "VersionedForm",
]


def revision_url(revision, view="change") -> str:
    return reverse(f"admin:editorial_revision_{view}", args=[revision.pk])


def refuse(request, message, back) -> HttpResponseRedirect:
    messages.error(request, message)
    return HttpResponseRedirect(back)


# --- shared pieces for content admins ------------------------------------------------------


class LockableInline:
    """An inline that becomes read-only in some states."""

    def locked(self, request, obj) -> bool:
        raise NotImplementedError

    def has_add_permission(self, request, obj=None):
        return not self.locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.locked(request, obj) and super().has_delete_permission(request, obj)


class ReadOnlyForEditorsInline(LockableInline):
    """An inline that only reviewers change directly (editors propose each item on its own)."""

    def locked(self, request, obj):
        return not revisions.can_approve(request.user)


class ReviewedContentAdmin(SimpleHistoryAdmin):
    """The admin of a reviewed type. A reviewer's save applies at once; an editor's save
    becomes a revision sent for review. Every save is conditional on the version shown."""

    form = VersionedForm
    formfield_overrides = HTTPS_URL_FIELDS
    object_history_list_template = "admin/editorial/object_history_list.html"

    def saves_directly(self, request, obj) -> bool:
        return revisions.can_approve(request.user)

    def revert_disabled(self, request, obj=None):
        # simple-history's own revert would bypass review; "Revert" goes through revert_view.
        return not self.saves_directly(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "POST" and not self.saves_directly(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and not self.saves_directly(request, obj):
            pending = revisions.open_revision(obj)
            if pending is not None:
                messages.info(
                    request,
                    "This has a change waiting for review. Continue it here, so that the two "
                    "changes do not undo each other.",
                )
                return HttpResponseRedirect(revision_url(pending))
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            pass  # someone saved between this form's check and its save; all was rolled back
        try:
            # Showing the form again runs the check again, which now explains it, text kept.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        if self.saves_directly(request, obj):
            super().save_model(request, obj, form, change)
            return
        data = revisions.snapshot(obj) if obj.pk else self.new_item_data(obj)
        live = type(obj)._base_manager.filter(pk=obj.pk).first() if obj.pk else None
        if live is not None and revisions.open_revision(live):
            raise EditConflict()
        revision = revisions.start_revision(live, request.user, model=type(obj), data=data)
        if live is not None:
            # Based on the version this editor saw, so a change made since is flagged.
            Revision.objects.filter(pk=revision.pk).update(
                base_version=form.cleaned_data.get("expected_version") or live.version
            )
        revisions.submit(revision, request.user)
        request._proposed_revision = revision

    def new_item_data(self, obj) -> dict:
        spec = spec_for(obj)
        return revisions.serialize(obj, spec.field_names())

    def _proposed(self, request):
        return getattr(request, "_proposed_revision", None)

    def save_related(self, request, form, formsets, change):
        if not self._proposed(request):
            super().save_related(request, form, formsets, change)

    def log_addition(self, request, obj, message):
        if not self._proposed(request):
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if not self._proposed(request):
            return super().log_change(request, obj, message)

    def _sent_for_review(self, request):
        messages.success(
            request,
            "Sent for review. A medical reviewer will approve it before it appears on the site.",
        )
        return HttpResponseRedirect(revision_url(self._proposed(request)))

    def response_add(self, request, obj, post_url_continue=None):
        if self._proposed(request):
            return self._sent_for_review(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._proposed(request):
            return self._sent_for_review(request)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # One clear button: "Save" (or "Send for review"), not three variants of it.
        context.update(show_save_and_add_another=False, show_save_and_continue=False)
        if not add and obj is not None and not self.has_change_permission(request, obj):
            context.update(show_save=False)
        context["sends_for_review"] = not self.saves_directly(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


# --- the revisions themselves ---------------------------------------------------------------


class ContentTypeFilter(admin.SimpleListFilter):
    """Only the kinds of content that are reviewed, by the names staff know."""

    title = "kind of content"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return sorted(
            (
                (
                    str(ContentType.objects.get_for_model(model).pk),
                    spec.model._meta.verbose_name.capitalize(),
                )
                for model, spec in REVIEWED.items()
            ),
            key=lambda pair: pair[1],
        )

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(content_type_id=int(self.value()))
        return queryset


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "state", "editor", "updated_at")
    list_filter = ("state", ContentTypeFilter)
    search_fields = ("label", "note", "review_note")
    list_select_related = ("content_type", "created_by")

    @admin.display(description="kind of content")
    def kind(self, revision):
        return revision.content_type.model_class()._meta.verbose_name.capitalize()

    @admin.display(description="written by")
    def editor(self, revision):
        return revisions.person(revision.created_by)

    def has_add_permission(self, request):
        return False  # a revision starts from the item it changes

    def has_delete_permission(self, request, obj=None):
        return False  # discarded revisions stay in the history

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/change/", view(self.revision_view), name="editorial_revision_change"),
            path("<int:pk>/preview/", view(self.preview_view), name="editorial_revision_preview"),
            path("<int:pk>/approve/", view(self.approve_view), name="editorial_revision_approve"),
            path(
                "<int:pk>/send-back/",
                view(self.send_back_view),
                name="editorial_revision_send_back",
            ),
            path(
                "<int:pk>/submit/",
                view(require_POST(self.submit_view)),
                name="editorial_revision_submit",
            ),
            path(
                "<int:pk>/discard/",
                view(require_POST(self.discard_view)),
                name="editorial_revision_discard",
            ),
            *super().get_urls(),
        ]

    def _revision(self, request, pk) -> Revision:
        revision = get_object_or_404(Revision.objects.select_related("content_type"), pk=pk)
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        return revision

    def can_edit(self, request, revision) -> bool:
        return revision.is_open and self.has_change_permission(request, revision)

    def context(self, request, revision, **extra):
        spec = spec_for(revision.model)
        live = revision.live_object()
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": revision.label,
            "revision": revision,
            "spec": spec,
            "live": live,
            "live_url": admin_url(live) if live else "",
            "editor_name": revisions.person(revision.created_by),
            "updated_name": revisions.person(revision.updated_by),
            "decided_name": revisions.person(revision.decided_by) if revision.decided_by else "",
            "changes": compare_states(
                spec, revisions.snapshot(live, spec) if live else None, revision.data
            ),
            "conflicting": revision.is_open and revisions.is_conflicting(revision),
            "can_approve": revisions.can_approve(request.user),
            "can_edit": self.can_edit(request, revision),
            "can_discard": revision.is_open
            and (revisions.can_approve(request.user) or revision.created_by_id == request.user.pk),
            "has_preview": spec.preview is not None,
            **extra,
        }

    def revision_view(self, request, pk):
        revision = self._revision(request, pk)
        spec = spec_for(revision.model)
        editing = self.can_edit(request, revision)
        editor = RevisionEditor(spec, revision, request.POST if request.method == "POST" else None)
        errors, invalid = [], False
        if request.method == "POST":
            if not editing:
                return refuse(
                    request, "This revision can no longer be changed.", revision_url(revision)
                )
            invalid = not editor.is_valid()
            if not invalid:
                try:
                    revisions.save_revision(
                        revision,
                        editor.data(),
                        request.user,
                        expected_version=int(request.POST.get("revision_version") or 0),
                        note=request.POST.get("note", revision.note)[:2000],
                        rebase="rebase" in request.POST,
                    )
                except EditConflict as conflict:
                    errors = [conflict.message]
                except ValidationError as error:
                    errors = error.messages
                else:
                    return self.after_save(request, revision, spec, editor)
        context = self.context(
            request,
            revision,
            editor=editor,
            errors=errors,
            invalid=invalid,
            shown_version=request.POST.get("revision_version", revision.version),
            note_value=request.POST.get("note", revision.note),
        )
        return TemplateResponse(request, "admin/editorial/revision/change.html", context)

    def after_save(self, request, revision, spec, editor):
        for warning in spec.extra.get("warnings", lambda instance: [])(editor.form.instance):
            messages.warning(request, warning)
        if "_submit" in request.POST:
            return self.submit_view(request, revision.pk)
        if "_preview" in request.POST and spec.preview:
            return HttpResponseRedirect(revision_url(revision, "preview"))
        messages.info(request, "Draft saved. Nothing on the public site has changed.")
        return HttpResponseRedirect(revision_url(revision))

    def preview_view(self, request, pk):
        revision = self._revision(request, pk)
        spec = spec_for(revision.model)
        if spec.preview is None:
            return HttpResponseRedirect(revision_url(revision))
        return spec.preview(request, revision, revision_url(revision))

    def submit_view(self, request, pk):
        revision = self._revision(request, pk)
        if not self.has_change_permission(request, revision):
            return refuse(request, "You cannot send this for review.", revision_url(revision))
        try:
            revisions.submit(revision, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Sent for review. A medical reviewer can now approve and publish it."
            )
        return HttpResponseRedirect(revision_url(revision))

    def discard_view(self, request, pk):
        revision = self._revision(request, pk)
        try:
            revisions.discard(revision, request.user, request.POST.get("reason", ""))
        except PermissionDenied:
            return refuse(
                request,
                "Only its author or a medical reviewer can discard this.",
                revision_url(revision),
            )
        except ValidationError as error:
            return refuse(request, " ".join(error.messages), revision_url(revision))
        messages.success(request, "Discarded. It stays in the history, and nothing went live.")
        live = revision.live_object()
        return HttpResponseRedirect(admin_url(live) if live else revision_url(revision))

    def send_back_view(self, request, pk):
        revision = self._revision(request, pk)
        back = revision_url(revision)
        if not revisions.can_approve(request.user):
            return refuse(request, "Only a medical reviewer can send a draft back.", back)
        if revision.state != Revision.State.IN_REVIEW:
            return refuse(request, "Only a draft awaiting review can be sent back.", back)
        form = ReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                revisions.send_back(revision, request.user, form.cleaned_data["reason"])
            except ValidationError as error:
                return refuse(request, " ".join(error.messages), back)
            messages.success(request, "Sent back to the editor with your note.")
            return HttpResponseRedirect(back)
        context = self.context(request, revision, form=form)
        return TemplateResponse(request, "admin/editorial/revision/send_back.html", context)

    def approve_view(self, request, pk):
        revision = self._revision(request, pk)
        back = revision_url(revision)
        if not revisions.can_approve(request.user):
            return refuse(request, "Only a medical reviewer can approve and publish.", back)
        if revision.state != Revision.State.IN_REVIEW:
            return refuse(
                request, "Only a draft that has been sent for review can be approved.", back
            )
        spec = spec_for(revision.model)
        records_review = spec.record_review is not None
        errors = []
        if request.method == "POST":
            form = ReviewForm(request.POST, records_review=records_review)
            if form.is_valid():
                try:
                    result = revisions.approve(
                        revision,
                        request.user,
                        shown_version=form.cleaned_data["shown_version"],
                        review=form.review(),
                        publish_at=form.cleaned_data.get("publish_at"),
                    )
                except ValidationError as error:
                    errors = error.messages
                    revision.refresh_from_db()
                    form = self.review_form(request, revision, records_review)
                else:
                    return self.approved(request, revision, result)
        else:
            form = self.review_form(request, revision, records_review)
        instance, rows = revisions.build(revision)
        blocking = revisions.problems(spec, instance, rows, revision.data)
        context = self.context(request, revision, form=form, errors=errors, blocking=blocking)
        return TemplateResponse(request, "admin/editorial/revision/approve.html", context)

    def review_form(self, request, revision, records_review):
        from django.utils import timezone

        initial = {"shown_version": revision.version}
        if records_review:
            initial |= {
                "reviewed_by": revisions.person(request.user),
                "review_due": revisions.default_review_due(timezone.localdate()),
            }
        return ReviewForm(initial=initial, records_review=records_review)

    def approved(self, request, revision, result):
        if isinstance(result, Revision):
            messages.success(
                request,
                f"Approved. It goes live on {result.publish_at:%d %B %Y at %H:%M}; until then "
                "the site keeps what is live now.",
            )
            return HttpResponseRedirect(revision_url(revision))
        messages.success(request, "Approved: the change is now live.")
        return HttpResponseRedirect(admin_url(result) or revision_url(revision))
