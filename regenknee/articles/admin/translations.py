from django.contrib import admin

from regenknee.editorial.forms import VersionedForm
from regenknee.editorial.translation_admin import TranslationAdmin

from ..models import ArticleTranslation, GlossaryTermTranslation
from .forms import ArticleContentForm
from .glossary import GlossaryContentForm


class ArticleTranslationForm(VersionedForm, ArticleContentForm):
    class Meta:
        model = ArticleTranslation
        fields = (
            "source", "language", "title", "summary", "key_points", "body", "status",
            "reviewed_on", "review_due", "reviewed_by",
        )  # fmt: skip


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(TranslationAdmin):
    form = ArticleTranslationForm
    list_display = ("title", "language", "source", "status", "up_to_date", "reviewed_on")
    search_fields = ("title", "summary", "body")
    fields = (
        "source", "language", "original", "original_changes", "title", "summary", "key_points",
        "body",
        "status", "reviewed_on", "review_due", "reviewed_by",
    )  # fmt: skip


class GlossaryTermTranslationForm(VersionedForm, GlossaryContentForm):
    class Meta:
        model = GlossaryTermTranslation
        fields = ("source", "language", "term", "definition", "aliases")


@admin.register(GlossaryTermTranslation)
class GlossaryTermTranslationAdmin(TranslationAdmin):
    form = GlossaryTermTranslationForm
    list_display = ("term", "language", "source", "up_to_date")
    search_fields = ("term", "definition", "aliases")
