from django import forms
from django.utils.translation import gettext_lazy as _

from .matters import CONCERNS


class MattersForm(forms.Form):
    """What matters most to the patient. Only ticks: nothing typed, nothing stored."""

    concerns = forms.MultipleChoiceField(
        label=_("What matters most to you?"),
        help_text=_("Tick any that matter to you. This does not choose an option for you."),
        choices=[(key, label) for key, (label, _rows) in CONCERNS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
