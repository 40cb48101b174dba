"""The Django admin, extended for the editorial workflow.

Editors change articles; a published article is never edited in place but through a draft
revision, previewed exactly as the public page, sent for review and approved by a medical
reviewer, who records the review dates. Permissions are checked in every view and form here,
not only hidden in the page.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from . import workflow
from .checks import (
    check_article_text,
    check_citations,
    check_links_and_images,
    check_reading_grade,
)
from .inlines import LockableInline
from .models import (
    Article,
    ArticleRevision,
    GlossaryTerm,
    Reference,
    RevisionReference,
    rerender_articles,
)
from .proposals import AFTER_APPROVAL, ReviewedContentAdmin
from .views import article_context

# Typed addresses without a scheme become https:// (Django 6's default, chosen now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
REFERENCE_FIELDS = ("key", "position", "authors", "title", "source", "year", "doi", "pmid", "url")


# --- content checks shared by the article and revision forms -------------------------------


def known_slugs():
    return (
        set(Article.objects.values_list("slug", flat=True)),
        set(GlossaryTerm.objects.values_list("slug", flat=True)),
    )


def findings_for(body, reference_keys):
    """Every check, for the approval page."""
    article_slugs, glossary_slugs = known_slugs()
    return check_article_text(body, set(reference_keys), article_slugs, glossary_slugs)


def link_and_image_findings(body):
    return check_links_and_images(body, *known_slugs())


class ContentCheckedForm(forms.ModelForm):
    """Refuses a body with broken in-site links or images without alt text, and refuses a
    save from an out-of-date copy (optimistic locking on ``version``)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
            )
            expected = cleaned.get("expected_version")
            if expected is None or (current and current[0] != expected):
                raise ValidationError(
                    "Someone else saved this while you were editing, so your changes were not "
                    "saved. Your text is still in the form below: copy what you changed, reload "
                    "the page to see their version, then make your changes again."
                )
        body = cleaned.get("body")
        if body is not None:
            for finding in link_and_image_findings(body):
                if finding.blocking:
                    self.add_error("body", finding.message)
        return cleaned


class CitationCheckedFormSet(BaseInlineFormSet):
    """Blocks a save when the text cites a key that the references below do not have."""

    def clean(self):
        super().clean()
        keys = {
            form.cleaned_data["key"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        }
        for finding in check_citations(getattr(self.instance, "body", "") or "", keys):
            raise ValidationError(finding.message)


def warn_about(request, body):
    """After a save: the warnings that do not block it (undefined glossary terms, grade)."""
    for finding in [*link_and_image_findings(body), *check_reading_grade(body)]:
        if not finding.blocking:
            messages.warning(request, finding.message)


def preview_response(request, article, references, label):
    """The public article template, with the public sanitiser, marked as a preview."""
    context = article_context(request, article, references, pager=False)
    context.update(preview_label=label, title=f"Preview: {article.title}")
    response = TemplateResponse(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


class ReviewForm(forms.Form):
    reviewed_by = forms.CharField(
        label="Reviewed by (name and credentials)",
        max_length=200,
        help_text="Shown on the public page, e.g. “Dr Jane Smith, FRCS (Orth)”.",
    )
    review_due = forms.DateField(
        label="Next review due",
        help_text="Usually 12 months from today.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    publish_at = forms.DateTimeField(
        label="Publish at (optional)",
        required=False,
        help_text="Leave empty to publish now; a future time keeps it off the site until then.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_review_due(self):
        due = self.cleaned_data["review_due"]
        if due <= timezone.localdate():
            raise ValidationError("The next review must be due after today.")
        return due


# --- review filters and counts -----------------------------------------------------------


class ReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Review overdue"),
            ("due_soon", "Due in the next 30 days"),
            ("awaiting", "Awaiting review"),
        ]

    def queryset(self, request, queryset):
        if self.value() in {"overdue", "due_soon", "awaiting"}:
            ids = workflow.review_queues(timezone.localdate())[self.value()].values("pk")
            return queryset.filter(pk__in=ids)
        return queryset


# --- articles -----------------------------------------------------------------------------


class ReferenceInline(LockableInline, admin.StackedInline):
    model = Reference
    formfield_overrides = HTTPS_URL_FIELDS
    formset = CitationCheckedFormSet
    extra = 0
    fields = REFERENCE_FIELDS

    def locked(self, request, obj):
        # A published article's references change only through an approved draft.
        return obj is not None and obj.is_published


class ArticleForm(ContentCheckedForm):
    # One labelled date-time input instead of the admin's two unlabelled ones.
    publish_at = forms.DateTimeField(
        required=False,
        help_text=Article._meta.get_field("publish_at").help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"],
    )

    class Meta:
        model = Article
        fields = (
            "title", "slug", "summary", "body", "position", "status", "publish_at",
            "reviewed_by", "reviewed_on", "review_due",
        )  # fmt: skip

    def clean_status(self):
        status = self.cleaned_data["status"]
        was_published = self.instance.pk and self.instance.is_published
        if status == Article.Status.PUBLISHED and not was_published:
            raise ValidationError(
                "Articles are published by approving them: use “Approve and publish”."
            )
        if was_published and status != Article.Status.PUBLISHED and not self.user_can_approve:
            raise ValidationError("Only a medical reviewer can take an article off the site.")
        return status


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = (
        "title",
        "status",
        "pending_draft",
        "reviewed_by",
        "reviewed_on",
        "review_due",
        "position",
    )
    list_filter = (ReviewFilter, "status")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ReferenceInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body", "position", "expected_version")}),
        ("Publishing", {"fields": ("status", "publish_at")}),
        ("Clinical review", {"fields": ("reviewed_by", "reviewed_on", "review_due")}),
    )

    @admin.display(description="pending draft")
    def pending_draft(self, article):
        revision = article.open_revision()
        return revision.get_state_display() if revision else "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user_can_approve = workflow.can_approve(request.user)
        return form

    def get_readonly_fields(self, request, obj=None):
        review_fields = ("reviewed_by", "reviewed_on", "review_due")
        if obj is None or not obj.is_published:
            return review_fields  # recorded by approval, not typed
        # The live article's content changes only through an approved draft.
        content = ("title", "slug", "summary", "body", *review_fields)
        if workflow.can_approve(request.user):
            return content
        return (*content, "position", "status", "publish_at")

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj and obj.is_published else self.prepopulated_fields

    # The history pages are for reading; reverting goes through revert_view, so that a live
    # article gets a draft to review rather than a direct change.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

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
            "can_approve": workflow.can_approve(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        warn_about(request, article.body)

    def _article_or_404(self, request, pk, permission="view"):
        article = get_object_or_404(Article, pk=pk)
        allowed = {
            "view": self.has_view_permission,
            "change": self.has_change_permission,
        }[permission](request, article)
        if not allowed:
            raise PermissionDenied
        return article

    def start_draft_view(self, request, pk):
        article = self._article_or_404(request, pk, "change")
        if request.method != "POST":
            raise PermissionDenied
        try:
            revision = workflow.start_draft(article, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
        return HttpResponseRedirect(
            reverse("admin:articles_articlerevision_change", args=[revision.pk])
        )

    def preview_view(self, request, pk):
        article = self._article_or_404(request, pk)
        return preview_response(
            request, article, article.references_in_citation_order(), "this article as saved"
        )

    def approve_view(self, request, pk):
        article = self._article_or_404(request, pk)
        if not workflow.can_approve(request.user):
            raise PermissionDenied
        blocking = [
            f.message
            for f in findings_for(article.body, article.references.values_list("key", flat=True))
            if f.blocking
        ]
        return approval_page(
            request,
            subject=article,
            article=article,
            blocking=blocking,
            changes=None,
            approve=lambda review: workflow.approve_article(article, request.user, review),
            back=reverse("admin:articles_article_change", args=[pk]),
            already_public=article.is_published,
        )

    def compare_view(self, request, pk):
        article = self._article_or_404(request, pk)
        records = list(article.history.select_related("history_user").order_by("-history_date"))
        ids = [r.history_id for r in records]
        try:
            newer = int(request.GET.get("b", ids[0]))
            older = int(request.GET.get("a", ids[1] if len(ids) > 1 else ids[0]))
        except (ValueError, IndexError):
            newer = older = None
        by_id = {r.history_id: r for r in records}
        before, after = by_id.get(older), by_id.get(newer)
        changes, body_diff = workflow.compare(before, after) if before and after else ([], [])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Compare versions of “{article.title}”",
            "records": records,
            "before": before,
            "after": after,
            "changes": changes,
            "body_diff": body_diff,
            "can_change": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def revert_view(self, request, pk, history_id):
        article = self._article_or_404(request, pk, "change")
        if request.method != "POST":
            raise PermissionDenied
        try:
            result = workflow.revert(article, history_id, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("admin:articles_article_compare", args=[pk]))
        except Article.history.model.DoesNotExist:
            raise PermissionDenied from None
        if isinstance(result, ArticleRevision):
            messages.success(
                request,
                "The earlier version is now a draft. The live page has not changed: send the "
                "draft for review to publish it.",
            )
            return HttpResponseRedirect(
                reverse("admin:articles_articlerevision_change", args=[result.pk])
            )
        messages.success(request, "The article is back to the earlier version.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))


def approval_page(request, *, subject, article, blocking, changes, approve, back, already_public):
    """Shared GET/POST handling of “Approve and publish” for articles and revisions."""
    if already_public:
        messages.error(request, "This article is already published; approve its draft instead.")
        return HttpResponseRedirect(back)
    today = timezone.localdate()
    if request.method == "POST" and not blocking:
        form = ReviewForm(request.POST)
        if form.is_valid():
            review = workflow.ReviewRecord(
                reviewed_by=form.cleaned_data["reviewed_by"],
                reviewed_on=today,
                review_due=form.cleaned_data["review_due"],
                publish_at=form.cleaned_data["publish_at"],
            )
            try:
                approve(review)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(back)
            messages.success(
                request,
                f"Approved and published. Reviewed by {review.reviewed_by} on "
                f"{today:%d %B %Y}; next review due {review.review_due:%d %B %Y}.",
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    else:
        form = ReviewForm(
            initial={
                "reviewed_by": workflow.reviewer_name(request.user),
                "review_due": workflow.default_review_due(today),
            }
        )
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "title": f"Approve and publish “{subject.title}”",
        "subject": subject,
        "article": article,
        "form": form,
        "blocking": blocking,
        "changes": changes,
        "back": back,
    }
    return TemplateResponse(request, "admin/articles/approve.html", context)


# --- revisions ----------------------------------------------------------------------------


class RevisionReferenceInline(LockableInline, admin.StackedInline):
    model = RevisionReference
    formfield_overrides = HTTPS_URL_FIELDS
    formset = CitationCheckedFormSet
    extra = 0
    fields = REFERENCE_FIELDS

    def locked(self, request, obj):
        return obj is not None and not obj.is_open


class RevisionForm(ContentCheckedForm):
    class Meta:
        model = ArticleRevision
        fields = ("title", "summary", "body", "note")


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(SimpleHistoryAdmin):
    form = RevisionForm
    change_form_template = "admin/articles/articlerevision/change_form.html"
    list_display = ("title", "article", "state", "created_by", "updated_at", "submitted_at")
    list_filter = ("state",)
    search_fields = ("title", "body", "article__title")
    inlines = [RevisionReferenceInline]
    readonly_fields = (
        "article",
        "state",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
        "submitted_at",
        "decided_by",
        "decided_at",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "article",
                    "state",
                    "title",
                    "summary",
                    "body",
                    "note",
                    "expected_version",
                )
            },
        ),
        (
            "Who and when",
            {
                "fields": (
                    "created_by",
                    "created_at",
                    "updated_by",
                    "updated_at",
                    "submitted_at",
                    "decided_by",
                    "decided_at",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return False  # drafts start from a published article: “Edit this article”

    def revert_disabled(self, request, obj=None):
        return True  # a draft's history is for reading; edit the draft itself

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_open:
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/",
                view(self.preview_view),
                name="articles_articlerevision_preview",
            ),
            path(
                "<int:pk>/approve/",
                view(self.approve_view),
                name="articles_articlerevision_approve",
            ),
            path(
                "<int:pk>/submit/",
                view(require_POST(self.submit_view)),
                name="articles_articlerevision_submit",
            ),
            path(
                "<int:pk>/discard/",
                view(require_POST(self.discard_view)),
                name="articles_articlerevision_discard",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_approve": workflow.can_approve(request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revision = form.instance
        warn_about(request, revision.body)

    def response_change(self, request, obj):
        if "_submit_review" in request.POST:
            return self.submit_view(request, obj.pk)
        if "_preview" in request.POST:
            return HttpResponseRedirect(
                reverse("admin:articles_articlerevision_preview", args=[obj.pk])
            )
        messages.info(request, "Draft saved. The live page has not changed.")
        return HttpResponseRedirect(reverse("admin:articles_articlerevision_change", args=[obj.pk]))

    def _revision_or_404(self, request, pk, permission="view"):
        revision = get_object_or_404(ArticleRevision, pk=pk)
        check = {"view": self.has_view_permission, "change": self.has_change_permission}
        if not check[permission](request, revision):
            raise PermissionDenied
        return revision

    def preview_view(self, request, pk):
        revision = self._revision_or_404(request, pk)
        live = revision.article
        draft = Article(
            pk=live.pk,
            slug=live.slug,
            position=live.position,
            status=live.status,
            title=revision.title,
            summary=revision.summary,
            body=revision.body,
            reviewed_by=live.reviewed_by,
            reviewed_on=live.reviewed_on,
            review_due=live.review_due,
            updated_at=revision.updated_at,
        )
        draft.render()
        order = {key: index for index, key in enumerate(draft.cited_keys)}
        references = sorted(
            revision.references.all(), key=lambda r: (order.get(r.key, len(order)), r.position)
        )
        return preview_response(request, draft, references, "a draft that is not live")

    def submit_view(self, request, pk):
        revision = self._revision_or_404(request, pk, "change")
        try:
            workflow.send_for_review(revision, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Sent for review. A medical reviewer can now approve and publish it."
            )
        return HttpResponseRedirect(reverse("admin:articles_articlerevision_change", args=[pk]))

    def discard_view(self, request, pk):
        revision = self._revision_or_404(request, pk, "change")
        try:
            workflow.discard(revision, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("admin:articles_articlerevision_change", args=[pk]))
        messages.success(request, "The draft was discarded. It stays in the history.")
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[revision.article_id])
        )

    def approve_view(self, request, pk):
        revision = self._revision_or_404(request, pk)
        if not workflow.can_approve(request.user):
            raise PermissionDenied
        back = reverse("admin:articles_articlerevision_change", args=[pk])
        if revision.state != ArticleRevision.State.IN_REVIEW:
            messages.error(request, "Only a draft that has been sent for review can be approved.")
            return HttpResponseRedirect(back)
        keys = revision.references.values_list("key", flat=True)
        blocking = [f.message for f in findings_for(revision.body, keys) if f.blocking]
        return approval_page(
            request,
            subject=revision,
            article=revision.article,
            blocking=blocking,
            changes=workflow.compare(revision.article, revision),
            approve=lambda review: workflow.approve_revision(revision, request.user, review),
            back=back,
            already_public=False,
        )


# --- glossary -----------------------------------------------------------------------------


# Glossary links in articles follow the glossary.
AFTER_APPROVAL.setdefault(GlossaryTerm, []).append(lambda term: rerender_articles())


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ReviewedContentAdmin):
    list_display = ("term", "slug")
    search_fields = ("term", "definition", "aliases")
    prepopulated_fields = {"slug": ("term",)}

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        rerender_articles()
