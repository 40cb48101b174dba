from django.contrib import admin

from regenknee.articles.admin import HTTPS_URL_FIELDS
from regenknee.articles.proposals import ReadOnlyForEditorsInline, ReviewedContentAdmin

from .models import Question, QuestionGroup, RedFlag


class QuestionInline(ReadOnlyForEditorsInline, admin.StackedInline):
    model = Question
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS
    fields = (
        "key", "position", "priority", "text", "why", "clear_answer", "vague_answer",
        "applies_when", "source", "source_url",
    )  # fmt: skip


@admin.register(QuestionGroup)
class QuestionGroupAdmin(ReviewedContentAdmin):
    list_display = ("title", "position", "question_count")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [QuestionInline]

    @admin.display(description="questions")
    def question_count(self, group):
        return group.questions.count()


@admin.register(Question)
class QuestionAdmin(ReviewedContentAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ("text", "group", "position", "priority", "always_asked")
    list_filter = ("group", "priority")
    search_fields = ("text", "why", "key")

    @admin.display(boolean=True, description="always asked")
    def always_asked(self, question):
        return not question.applies_when


@admin.register(RedFlag)
class RedFlagAdmin(ReviewedContentAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ("sign", "position")
    search_fields = ("sign", "why")
