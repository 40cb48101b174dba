from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, GlossaryTerm, Reference, rerender_articles


class ReferenceInline(admin.StackedInline):
    model = Reference
    extra = 0
    fields = ("key", "position", "authors", "title", "source", "year", "doi", "pmid", "url")


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "position", "status", "reviewed_by", "reviewed_on", "review_due")
    list_filter = ("status",)
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ReferenceInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body", "position")}),
        ("Publishing", {"fields": ("status", "publish_at")}),
        ("Clinical review", {"fields": ("reviewed_by", "reviewed_on", "review_due")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Citation numbers follow the text, but check the keys against the saved references.
        article = form.instance
        known = set(article.references.values_list("key", flat=True))
        missing = [key for key in article.cited_keys if key not in known]
        if missing:
            self.message_user(
                request,
                f"The text cites {', '.join(missing)} but no reference has that key.",
                messages.WARNING,
            )


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SimpleHistoryAdmin):
    list_display = ("term", "slug")
    search_fields = ("term", "definition", "aliases")
    prepopulated_fields = {"slug": ("term",)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rerender_articles()  # glossary links in articles follow the glossary

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        rerender_articles()
