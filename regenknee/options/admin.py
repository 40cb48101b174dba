from django.contrib import admin

from regenknee.editorial.admin import ReviewedContentAdmin
from regenknee.editorial.translation_admin import TranslationAdmin

from .models import Option, OptionTranslation

# Recorded by approving a revision (the review trail), never typed.
REVIEW_FIELDS = ("reviewed_by", "reviewed_on", "review_due")


@admin.register(Option)
class OptionAdmin(ReviewedContentAdmin):
    """A reviewer's save applies at once; an editor's becomes a revision sent for review, with
    a preview on the public page's template (see the editorial admin)."""

    list_display = ("title", "position", "kind", "surgery", "status", "reviewed_on")
    list_filter = ("status", "kind")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *REVIEW_FIELDS)


@admin.register(OptionTranslation)
class OptionTranslationAdmin(TranslationAdmin):
    list_display = ("title", "language", "source", "status", "up_to_date")
    search_fields = ("title", "summary")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *REVIEW_FIELDS)
