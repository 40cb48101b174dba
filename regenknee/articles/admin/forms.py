from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from regenknee.editorial.forms import VersionedForm

from ..checks import check_citations, check_links_and_images
from ..models import Article
from ..workflow import known_slugs
from .glossary import PhraseListField


class ArticleContentForm(forms.ModelForm):
    """Used by an article's and a translation's own forms and by their revisions: key points
    are typed one per line, never as JSON."""

    key_points = PhraseListField(
        required=False,
        label="Key points",
        help_text=Article._meta.get_field("key_points").help_text,
    )


class ArticleForm(VersionedForm, ArticleContentForm):
    """A never-published article's own form: refuses broken in-site links and images without
    alt text, and publishing by any other route than approval."""

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
            "title", "slug", "summary", "key_points", "body", "position", "status", "publish_at",
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

    def clean_body(self):
        body = self.cleaned_data["body"]
        problems = [f.message for f in check_links_and_images(body, *known_slugs()) if f.blocking]
        if problems:
            raise ValidationError(problems)
        return body


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
