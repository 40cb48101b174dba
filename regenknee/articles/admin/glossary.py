from django import forms
from django.contrib import admin

from regenknee.editorial.admin import ReviewedContentAdmin
from regenknee.editorial.forms import VersionedForm

from ..models import GlossaryTerm


class PhraseListField(forms.CharField):
    """A list of words or phrases, typed one per line (never JSON)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        lines = (value or "").splitlines()
        return [" ".join(line.split()) for line in lines if line.strip()]


class GlossaryContentForm(forms.ModelForm):
    """Used by the term's own admin form and by its revisions."""

    aliases = PhraseListField(
        required=False,
        label="Other names",
        help_text="Other spellings or plurals to link in articles, one per line.",
    )


class GlossaryTermForm(VersionedForm, GlossaryContentForm):
    class Meta:
        model = GlossaryTerm
        fields = ("term", "slug", "definition", "aliases")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ReviewedContentAdmin):
    form = GlossaryTermForm
    list_display = ("term", "slug")
    search_fields = ("term", "definition", "aliases")
    prepopulated_fields = {"slug": ("term",)}
