"""Articles in the admin. A never-published article is edited here directly; a published one
is read-only here and changes through a draft on the review trail ("Edit this article")."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from regenknee.editorial import revisions
from regenknee.editorial.admin import (
    HTTPS_URL_FIELDS,
    LockableInline,
    ReviewedContentAdmin,
    revision_url,
)
from regenknee.editorial.diff import compare_states
from regenknee.editorial.forms import ReviewForm
from regenknee.editorial.models import EditConflict, Revision
from regenknee.editorial.registry import ReviewedType

from .. import workflow
from ..models import Article, Reference
from ..preview import preview_response
from .forms import ArticleForm, CitationCheckedFormSet

REFERENCE_FIELDS = ("key", "position", "authors", "title", "source", "year", "doi", "pmid", "url")


class ReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("never_reviewed", "Never reviewed"),
            ("overdue", "Review overdue"),
            ("due_soon", "Due in the next 30 days"),
            ("awaiting", "Awaiting review (never published)"),
        ]

    def queryset(self, request, queryset):
        queues = workflow.review_queues(timezone.localdate())
        if self.value() in queues:
            return queryset.filter(pk__in=queues[self.value()].values("pk"))
        return queryset


class ReferenceInline(LockableInline, admin.StackedInline):
    model = Reference
    formfield_overrides = HTTPS_URL_FIELDS
    formset = CitationCheckedFormSet
    extra = 0
    fields = REFERENCE_FIELDS

    def locked(self, request, obj):
        # A published article's references change only through an approved draft.
        return obj is not None and obj.is_published


@admin.register(Article)
class ArticleAdmin(ReviewedContentAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = (
        "title", "status", "pending_draft", "reviewed_by", "reviewed_on", "review_due", "position",
    )  # fmt: skip
    list_filter = (ReviewFilter, "status")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ReferenceInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "slug",
                    "summary",
                    "key_points",
                    "body",
                    "position",
                    "expected_version",
                )  # fmt: skip
            },
        ),
        ("Publishing", {"fields": ("status", "publish_at")}),
        ("Clinical review", {"fields": ("reviewed_by", "reviewed_on", "review_due")}),
    )

    def saves_directly(self, request, obj):
        # Its content fields are read-only once published; what is left applies at once.
        return True

    def history_view(self, request, object_id, extra_context=None):
        # One readable history: every version, who wrote it, and the differences.
        return HttpResponseRedirect(reverse("admin:articles_article_compare", args=[object_id]))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Going back to a version goes through "Revert", so a live article gets a draft to
        # review rather than a direct change.
        if request.method == "POST":
            messages.info(request, "To go back to a version, use “Revert to this version”.")
            return HttpResponseRedirect(reverse("admin:articles_article_compare", args=[object_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description="pending draft")
    def pending_draft(self, article):
        revision = article.open_revision()
        return revision.get_state_display() if revision else "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user_can_approve = revisions.can_approve(request.user)
        return form

    def get_readonly_fields(self, request, obj=None):
        review_fields = ("reviewed_by", "reviewed_on", "review_due")
        if obj is None or not obj.is_published:
            return review_fields  # recorded by approval, not typed
        content = ("title", "slug", "summary", "key_points", "body", *review_fields)
        if revisions.can_approve(request.user):
            return content
        return (*content, "position", "status", "publish_at")

    def has_change_permission(self, request, obj=None):
        # An editor can change nothing on the live article itself: no Save button to press.
        if obj is not None and obj.is_published and not revisions.can_approve(request.user):
            return False
        return super().has_change_permission(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj and obj.is_published else self.prepopulated_fields

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/draft/", view(self.start_draft_view), name="articles_article_draft"),
            path("<int:pk>/preview/", view(self.preview_view), name="articles_article_preview"),
            path("<int:pk>/approve/", view(self.approve_view), name="articles_article_approve"),
            path("<int:pk>/compare/", view(self.compare_view), name="articles_article_compare"),
            path(
                "<int:pk>/revert/<int:history_id>/",
                view(self.revert_view),
                name="articles_article_revert",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "open_revision": article.open_revision() if article else None,
            "scheduled_revision": (
                Revision.objects.for_object(article)
                .filter(state=Revision.State.SCHEDULED)
                .order_by("publish_at")
                .first()
                if article
                else None
            ),
            "can_approve": revisions.can_approve(request.user),
            "can_draft": article is not None
            and request.user.has_perm("editorial.add_revision")
            and super().has_change_permission(request, article),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for warning in workflow.warnings(form.instance.body):
            messages.warning(request, warning)

    def _article(self, request, pk) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def start_draft_view(self, request, pk):
        article = self._article(request, pk)
        if request.method != "POST" or not request.user.has_perm("editorial.add_revision"):
            return HttpResponseRedirect(self._back(article))
        if not article.is_published:
            messages.error(request, "Only a published article needs a separate draft.")
            return HttpResponseRedirect(self._back(article))
        revision = revisions.start_revision(article, request.user)
        return HttpResponseRedirect(revision_url(revision))

    def preview_view(self, request, pk):
        article = self._article(request, pk)
        return preview_response(
            request,
            article,
            article.references_in_citation_order(),
            "this article as saved",
            self._back(article),
        )

    def approve_view(self, request, pk):
        """Approves and publishes an article that has never been public."""
        article = self._article(request, pk)
        back = self._back(article)
        if not revisions.can_approve(request.user):
            messages.error(request, "Only a medical reviewer can approve and publish.")
            return HttpResponseRedirect(back)
        if article.is_published:
            messages.error(request, "This article is already published; approve its draft instead.")
            return HttpResponseRedirect(back)
        today = timezone.localdate()
        errors = []
        form = ReviewForm(request.POST or None, records_review=True)
        if request.method == "POST" and form.is_valid():
            review = form.review()
            try:
                workflow.approve_article(
                    article,
                    request.user,
                    workflow.ReviewRecord(
                        review["reviewed_by"], today, form.cleaned_data["review_due"]
                    ),
                    shown_version=form.cleaned_data["shown_version"],
                    publish_at=form.cleaned_data["publish_at"],
                )
            except EditConflict as conflict:
                errors = [conflict.message]
            except ValidationError as error:
                errors = error.messages
            else:
                due = form.cleaned_data["review_due"]
                messages.success(
                    request,
                    f"Approved and published. Reviewed by {review['reviewed_by']} on "
                    f"{today:%d %B %Y}; next review due {due:%d %B %Y}.",
                )
                return HttpResponseRedirect(back)
            article.refresh_from_db()
        if request.method != "POST" or errors:
            form = ReviewForm(
                initial={
                    "shown_version": article.version,
                    "reviewed_by": revisions.person(request.user),
                    "review_due": revisions.default_review_due(today),
                },
                records_review=True,
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Approve and publish “{article.title}”",
            "article": article,
            "form": form,
            "errors": errors,
            "blocking": workflow.blocking_problems(article, {}),
            "back": back,
        }
        return TemplateResponse(request, "admin/articles/approve.html", context)

    def compare_view(self, request, pk):
        article = self._article(request, pk)
        records = list(article.history.select_related("history_user").order_by("-history_date"))
        ids = [r.history_id for r in records]
        try:
            newer = int(request.GET.get("b", ids[0]))
            older = int(request.GET.get("a", ids[1] if len(ids) > 1 else ids[0]))
        except (ValueError, IndexError):
            newer = older = None
        by_id = {r.history_id: r for r in records}
        before, after = by_id.get(older), by_id.get(newer)
        changes = None
        if before and after:
            every_field = ReviewedType(Article)
            names = every_field.field_names()
            changes = compare_states(
                every_field, revisions.serialize(before, names), revisions.serialize(after, names)
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Versions of “{article.title}”",
            "records": records,
            "before": before,
            "after": after,
            "changes": changes,
            "can_change": request.user.has_perm("editorial.add_revision")
            and super().has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def revert_view(self, request, pk, history_id):
        article = self._article(request, pk)
        compare = reverse("admin:articles_article_compare", args=[pk])
        if request.method != "POST" or not super().has_change_permission(request, article):
            return HttpResponseRedirect(compare)
        try:
            result = revisions.revert(article, history_id, request.user)
        except (ValidationError, EditConflict) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return HttpResponseRedirect(compare)
        except Article.history.model.DoesNotExist:
            messages.error(request, "That version no longer exists.")
            return HttpResponseRedirect(compare)
        if isinstance(result, Article):
            messages.success(request, "The article is back to the earlier version.")
            return HttpResponseRedirect(self._back(article))
        messages.success(
            request,
            "The earlier version is now a draft. The live page has not changed: send the "
            "draft for review to publish it.",
        )
        return HttpResponseRedirect(revision_url(result))
