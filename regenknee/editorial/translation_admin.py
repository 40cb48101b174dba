"""The admin pieces every translation shares: whether it is out of date, what changed in its
original since it was made (the original's old text against its new text), and a reviewer's
way to record that a translation now follows the current original."""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from . import revisions
from .admin import ReviewedContentAdmin
from .translation import stale_pks


class OutOfDateFilter(admin.SimpleListFilter):
    title = "original changed since translated"
    parameter_name = "out_of_date"

    def lookups(self, request, model_admin):
        return (("yes", "Out of date"), ("no", "Up to date"))

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        stale = stale_pks(queryset.model)
        if self.value() == "yes":
            return queryset.filter(pk__in=stale)
        return queryset.exclude(pk__in=stale)


DIFF_MARKUP = {"added": "ins", "removed": "del", "same": "span", "skipped": "em"}


class TranslationAdmin(ReviewedContentAdmin):
    list_filter = ("language", OutOfDateFilter)
    readonly_fields = ("original", "original_changes")
    actions = ["mark_up_to_date"]

    def get_readonly_fields(self, request, obj=None):
        # What a translation translates, and into which language, is fixed once it exists.
        fixed = ("source", "language") if obj is not None else ()
        return (*fixed, *super().get_readonly_fields(request, obj))

    @admin.display(description="original")
    def original(self, obj):
        if obj is None or obj.source_id is None:
            return "-"
        return format_html("{} <small>(fingerprint {})</small>", obj.source, obj.source_hash)

    @admin.display(boolean=True, description="up to date")
    def up_to_date(self, obj):
        return not obj.is_stale

    @admin.display(description="what changed in the original since this translation")
    def original_changes(self, obj):
        if obj is None or obj.source_id is None or not obj.is_stale:
            return "Nothing: this translation follows the current original."
        if not obj.source_snapshot:
            note = mark_safe(  # noqa: S308 -- a fixed sentence, nothing interpolated
                "<p>The original's text at the time of translation is not known; "
                "compare the whole current original.</p>"
            )
        else:
            note = ""
        sections = format_html_join(
            "",
            '<h4>{}</h4><pre class="source-diff">{}</pre>',
            (
                (
                    label,
                    format_html_join(
                        "\n",
                        "<{}>{}</{}>",
                        ((DIFF_MARKUP[line.kind], line.text, DIFF_MARKUP[line.kind])
                         for line in lines),
                    ),
                )
                for label, lines in obj.source_changes()
            ),
        )  # fmt: skip
        return format_html("{}{}", note, sections)

    @admin.action(description="Mark as translated from the current original")
    def mark_up_to_date(self, request, queryset):
        if not revisions.can_approve(request.user):
            messages.error(request, "Only a medical reviewer can mark translations up to date.")
            return
        count = 0
        for item in queryset.select_related("source"):
            item.mark_made_from_current_source()
            item._change_reason = "Marked as following the current original"
            item.save()
            count += 1
        messages.success(request, f"{count} translations marked as following the original.")
