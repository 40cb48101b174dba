from django import forms
from django.contrib import admin

from regenknee.editorial.admin import ReadOnlyForEditorsInline, ReviewedContentAdmin
from regenknee.editorial.forms import HTTPS_URL_FIELDS, VersionedForm, https_formfield
from regenknee.editorial.translation_admin import TranslationAdmin

from .builder import ANSWER_CHOICES
from .forms import ChecklistForm
from .models import (
    Question,
    QuestionGroup,
    QuestionGroupTranslation,
    QuestionTranslation,
    RedFlag,
    RedFlagTranslation,
)

RULE_PREFIX = "applies_when__"


class QuestionContentForm(forms.ModelForm):
    """``applies_when`` is edited as ticks against the checklist form's real questions and
    answers, never as JSON: no tick in a question means any answer to it. Used by the
    question's own admin form and by its revisions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("applies_when", None)
        rule = self.instance.applies_when if isinstance(self.instance.applies_when, dict) else {}
        for name in ANSWER_CHOICES:
            self.fields[RULE_PREFIX + name].initial = list(rule.get(name, []))

    def rule(self) -> dict:
        return {
            name: self.cleaned_data[RULE_PREFIX + name]
            for name in ANSWER_CHOICES
            if self.cleaned_data.get(RULE_PREFIX + name)
        }

    def _post_clean(self):
        if hasattr(self, "cleaned_data"):
            self.instance.applies_when = self.rule()
        super()._post_clean()


def rule_field(name: str, choices) -> forms.MultipleChoiceField:
    asked = ChecklistForm.base_fields[name].label.removesuffix(" (optional)")
    return forms.MultipleChoiceField(
        label=f"Show it when the answer to “{asked}” is",
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none to show it whatever the answer.",
    )


# Declared on the class (not per form), so the admin lays them out and subclasses inherit them.
for _name, _choices in ANSWER_CHOICES.items():
    QuestionContentForm.base_fields[RULE_PREFIX + _name] = rule_field(_name, _choices)
    QuestionContentForm.declared_fields[RULE_PREFIX + _name] = rule_field(_name, _choices)


class QuestionForm(VersionedForm, QuestionContentForm):
    class Meta:
        model = Question
        formfield_callback = https_formfield
        fields = (
            "group", "key", "position", "priority", "text", "why", "clear_answer", "vague_answer",
            "source", "source_url",
        )  # fmt: skip


class QuestionInline(ReadOnlyForEditorsInline, admin.StackedInline):
    model = Question
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS
    show_change_link = True
    fields = (
        "key",
        "position",
        "priority",
        "text",
        "why",
        "clear_answer",
        "vague_answer",
        "source",
    )


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
    form = QuestionForm
    list_display = ("text", "group", "position", "priority", "always_asked")
    list_filter = ("group", "priority")
    search_fields = ("text", "why", "key")

    @admin.display(boolean=True, description="always asked")
    def always_asked(self, question):
        return not question.applies_when


@admin.register(RedFlag)
class RedFlagAdmin(ReviewedContentAdmin):
    list_display = ("sign", "position")
    search_fields = ("sign", "why")


@admin.register(QuestionGroupTranslation)
class QuestionGroupTranslationAdmin(TranslationAdmin):
    list_display = ("title", "language", "source", "up_to_date")


@admin.register(QuestionTranslation)
class QuestionTranslationAdmin(TranslationAdmin):
    list_display = ("text", "language", "source", "up_to_date")
    search_fields = ("text", "why")


@admin.register(RedFlagTranslation)
class RedFlagTranslationAdmin(TranslationAdmin):
    list_display = ("sign", "language", "source", "up_to_date")
    search_fields = ("sign", "why")
