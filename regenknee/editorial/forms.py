"""Forms of the review trail: editing a revision as the item's own form, approving, sending
back. Every form that saves carries the version it was shown with."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import formset_factory, modelform_factory
from django.utils import timezone

from .models import EDIT_CONFLICT_MESSAGE
from .registry import ReviewedType
from .revisions import build, serialize

# Typed addresses without a scheme become https:// (Django 6's default, chosen now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def https_formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class VersionedForm(forms.ModelForm):
    """A model form that saves only over the version it was shown with. The early check here
    gives the message at once; the model's conditional save is what guarantees it."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The live row's version, also when the form shows an older version from history.
            self.fields["expected_version"].initial = (
                type(self.instance)
                ._base_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                type(self.instance)
                ._base_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            expected = cleaned.get("expected_version")
            if expected is None or current != expected:
                raise ValidationError(EDIT_CONFLICT_MESSAGE)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        expected = self.cleaned_data.get("expected_version")
        if self.instance.pk and expected is not None:
            # The conditional save compares against what this person saw.
            self.instance.version = expected


class RevisionEditor:
    """The item's own form and the forms of the rows it follows, filled from a revision."""

    def __init__(self, spec: ReviewedType, revision, data=None):
        self.spec = spec
        base = spec.extra.get("form", forms.ModelForm)
        form_class = modelform_factory(
            spec.model, form=base, fields=spec.field_names(), formfield_callback=https_formfield
        )
        instance, _ = build(revision)
        self.form = form_class(data, instance=instance)
        self.formsets = []
        for follow in spec.follow:
            row_form = modelform_factory(
                follow.model, fields=follow.field_names(), formfield_callback=https_formfield
            )
            formset_class = formset_factory(row_form, extra=1, can_delete=True)
            formset = formset_class(
                data, initial=revision.data.get(follow.name, []), prefix=follow.name
            )
            formset.follow = follow
            formset.legend = (
                follow.label or str(follow.model._meta.verbose_name_plural)
            ).capitalize()
            formset.row_label = str(follow.model._meta.verbose_name).capitalize()
            self.formsets.append(formset)

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets)])

    def data(self) -> dict:
        data = serialize(self.form.instance, self.spec.field_names())
        for formset in self.formsets:
            rows = []
            for index, form in enumerate(formset.forms):
                if formset._should_delete_form(form):
                    continue
                if index >= formset.initial_form_count() and not form.has_changed():
                    continue
                rows.append(serialize(form.instance, formset.follow.field_names()))
            data[formset.follow.name] = rows
        return data


class ReviewForm(forms.Form):
    """Approval: the version of the revision the reviewer was shown, and for content with a
    clinical review, who reviewed it, when it is next due and when it goes live."""

    shown_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, records_review=False, **kwargs):
        super().__init__(*args, **kwargs)
        if records_review:
            self.fields["reviewed_by"] = forms.CharField(
                label="Reviewed by (name and credentials)",
                max_length=200,
                help_text="Shown on the public page, e.g. “Dr Jane Smith, FRCS (Orth)”.",
            )
            self.fields["review_due"] = forms.DateField(
                label="Next review due",
                help_text="Usually 12 months from today.",
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields["publish_at"] = forms.DateTimeField(
                label="Publish at (optional)",
                required=False,
                help_text=(
                    "Leave empty to publish now. A future time keeps what is live now on the "
                    "site until then."
                ),
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
            )

    def clean_review_due(self):
        due = self.cleaned_data["review_due"]
        if due <= timezone.localdate():
            raise ValidationError("The next review must be due after today.")
        return due

    def review(self) -> dict | None:
        if "reviewed_by" not in self.fields:
            return None
        return {
            "reviewed_by": self.cleaned_data["reviewed_by"],
            "reviewed_on": timezone.localdate().isoformat(),
            "review_due": self.cleaned_data["review_due"].isoformat(),
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The editor sees this on the draft.",
    )
