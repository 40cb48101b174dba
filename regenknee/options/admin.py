from django.contrib import admin

from regenknee.editorial.admin import ReviewedContentAdmin
from regenknee.editorial.translation_admin import TranslationAdmin

from .models import Option, OptionTranslation


@admin.register(Option)
class OptionAdmin(ReviewedContentAdmin):
    list_display = ("title", "position", "kind", "surgery", "status", "reviewed_on")
    list_filter = ("status", "kind")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(OptionTranslation)
class OptionTranslationAdmin(TranslationAdmin):
    list_display = ("title", "language", "source", "status", "up_to_date")
    search_fields = ("title", "summary")
