from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets

from regenknee.editorial.admin import ReviewedContentAdmin
from regenknee.editorial.forms import VersionedForm, https_formfield
from regenknee.editorial.translation_admin import TranslationAdmin

from .admin_forms import (
    SEPARATOR,
    OptionContentForm,
    OptionTranslationContentForm,
    option_layout,
    translation_layout,
)
from .models import Option, OptionTranslation

# Recorded by approving a revision (the review trail), never typed.
REVIEW_FIELDS = ("reviewed_by", "reviewed_on", "review_due")


class OptionForm(VersionedForm, OptionContentForm):
    class Meta:
        model = Option
        formfield_callback = https_formfield
        fields = "__all__"


class OptionTranslationForm(VersionedForm, OptionTranslationContentForm):
    class Meta:
        model = OptionTranslation
        formfield_callback = https_formfield
        fields = "__all__"


class StructuredAdmin:
    """Lays out the form's fields that stand for the JSON (one fieldset per question, then
    the references) in place of the JSON fields. The names come from the same layout the form
    builds its fields from; only the model's own fields are passed to Django's form factory."""

    def layout(self, request, obj):
        raise NotImplementedError

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        layout = self.layout(request, obj)
        if layout is None or (obj is not None and not self.has_change_permission(request, obj)):
            return fieldsets  # nothing to lay out yet, or read-only: the stored values as they are
        (name, options), *rest = fieldsets
        kept = [f for f in options["fields"] if f not in self.form.replaced]
        groups = [(str(legend), {"fields": lines}) for legend, lines in layout]
        return [(name, {**options, "fields": kept}), *rest, *groups]

    def get_form(self, request, obj=None, **kwargs):
        if kwargs.get("fields") is not None:
            kwargs["fields"] = [f for f in kwargs["fields"] if SEPARATOR not in f]
        elif "fields" not in kwargs:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
            kwargs["fields"] = [f for f in fields if SEPARATOR not in f]
        return super().get_form(request, obj, **kwargs)


@admin.register(Option)
class OptionAdmin(StructuredAdmin, ReviewedContentAdmin):
    """A reviewer's save applies at once; an editor's becomes a revision sent for review, with
    a preview on the public page's template (see the editorial admin). Answers and references
    are edited as fields, never as JSON."""

    form = OptionForm

    list_display = ("title", "position", "kind", "surgery", "status", "reviewed_on")
    list_filter = ("status", "kind")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *REVIEW_FIELDS)

    def layout(self, request, obj):
        return option_layout(obj.answers, obj.references) if obj else option_layout({}, [])


@admin.register(OptionTranslation)
class OptionTranslationAdmin(StructuredAdmin, TranslationAdmin):
    """Only the words, each field with the English it translates beside it."""

    form = OptionTranslationForm
    list_display = ("title", "language", "source", "status", "up_to_date")
    search_fields = ("title", "summary")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *REVIEW_FIELDS)

    def layout(self, request, obj):
        if obj is not None and obj.source_id:
            option = obj.source
        else:  # a new translation: the option chosen in the form, or passed as ?source=
            chosen = str(request.POST.get("source") or request.GET.get("source") or "")
            option = Option.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        return translation_layout(option.answers) if option else None
