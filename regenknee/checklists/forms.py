"""The patient's answers. Only what changes the checklist is asked; nothing is stored."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from .answers import ANSWER_CHOICES
from .builder import MAX_OWN_QUESTION_LENGTH, MAX_OWN_QUESTIONS, Answers, Selection

# Room for five full questions and their line breaks; anything longer is refused outright.
OWN_QUESTIONS_MAX_LENGTH = MAX_OWN_QUESTIONS * (MAX_OWN_QUESTION_LENGTH + 2)
# The appointment date is typed in one plain box, day first, exactly as its hint shows. (A
# browser's date picker shows the format of the browser's own locale, such as mm/dd/yyyy, which
# then contradicts the hint.) Each language gives its own format and a matching example.
DATE_FORMAT = pgettext_lazy("appointment date format (strftime)", "%d/%m/%Y")
DATE_HINT = _("Day, month and year, for example 27/03/2027.")
DATE_SEPARATOR_VARIANTS = ["%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d"]
FURTHEST_APPOINTMENT_YEARS = 5
# A starred or dropped question is named by its bank key; more than this many is not a person.
MAX_CHOSEN_KEYS = 200


def lazy_format(message, **values):
    """A translated message with values put in, translated when shown (not at import)."""
    return lazy(lambda: str(message) % {k: str(v) for k, v in values.items()}, str)()


def clinic_language_offered(language: str | None = None) -> str:
    """The clinic staff's language (settings.CLINIC_LANGUAGE) when a checklist in this page's
    language may also print each question in it; "" on a page already in that language."""
    clinic = settings.CLINIC_LANGUAGE
    page = language or translation.get_language() or settings.LANGUAGE_CODE
    return "" if page.split("-")[0].lower() == clinic.split("-")[0].lower() else clinic


def language_name(code: str):
    """A language's name in the page's language ("Korean", "한국어", "韓国語")."""
    return translation.get_language_info(code)["name_translated"]


def choice_error(what):
    return {
        "required": lazy_format(_("Select %(what)s"), what=what),
        "invalid_choice": lazy_format(_("Select %(what)s from the list"), what=what),
    }


class AppointmentDateField(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
            ),
            **kwargs,
        )

    @property
    def input_formats(self):
        return [str(DATE_FORMAT), *DATE_SEPARATOR_VARIANTS]


class ChecklistForm(forms.Form):
    diagnosis = forms.ChoiceField(
        label=_("What have you been told about your knee?"),
        help_text=_(
            "The Kellgren-Lawrence grade comes from an X-ray: 1 is the mildest, "
            "4 the most severe. Your doctor or your X-ray report may say it."
        ),
        choices=ANSWER_CHOICES["diagnosis"],
        widget=forms.RadioSelect,
        error_messages=choice_error(_("what you have been told about your knee")),
    )
    cell_source = forms.ChoiceField(
        label=_("Where would the cells come from?"),
        choices=ANSWER_CHOICES["cell_source"],
        widget=forms.RadioSelect,
        error_messages=choice_error(_("where the cells would come from")),
    )
    delivery = forms.ChoiceField(
        label=_("How would the cells be put into your knee?"),
        choices=ANSWER_CHOICES["delivery"],
        widget=forms.RadioSelect,
        error_messages=choice_error(_("how the cells would be put into your knee")),
    )
    setting = forms.ChoiceField(
        label=_("Where would you be treated?"),
        choices=ANSWER_CHOICES["setting"],
        widget=forms.RadioSelect,
        error_messages=choice_error(_("where you would be treated")),
    )
    concerns = forms.MultipleChoiceField(
        label=_("What matters most to you? (optional)"),
        help_text=_("Select all that apply. The questions about them move up your list."),
        choices=ANSWER_CHOICES["concerns"],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select what matters most to you from the list")},
    )
    clinic_name = forms.CharField(
        label=_("Name of the clinic or doctor (optional)"),
        help_text=_("Printed at the top of your checklist."),
        max_length=100,
        required=False,
        error_messages={"max_length": _("Clinic name must be 100 characters or fewer")},
    )
    appointment_date = AppointmentDateField(
        label=_("Date of your appointment (optional)"),
        help_text=DATE_HINT,
        required=False,
        error_messages={
            "invalid": _(
                "Enter the appointment date as a real date: day, month and year, like 27/03/2027"
            )
        },
    )
    own_questions = forms.CharField(
        label=_("Your own questions (optional)"),
        help_text=lazy_format(
            _(
                "Write each question on a new line. Up to %(count)s questions, each up to "
                "%(length)s characters. They come first on your checklist."
            ),
            count=MAX_OWN_QUESTIONS,
            length=MAX_OWN_QUESTION_LENGTH,
        ),
        required=False,
        max_length=OWN_QUESTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": lazy_format(
                _(
                    "Your own questions are too long: write up to %(count)s questions of up "
                    "to %(length)s characters each"
                ),
                count=MAX_OWN_QUESTIONS,
                length=MAX_OWN_QUESTION_LENGTH,
            )
        },
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # see views.checklist: the form keeps the page cookie-free
        self.helper.add_input(Submit("submit", _("Make my checklist"), css_class="button"))
        clinic = clinic_language_offered()
        if clinic:
            self.fields["clinic_copy"] = forms.BooleanField(
                label=lazy_format(
                    _("Also print each question in %(language)s for the clinic staff"),
                    language=language_name(clinic),
                ),
                help_text=lazy_format(
                    _(
                        "Each question and warning sign is printed again in %(language)s, under "
                        "your language, so a doctor who reads %(language)s can see what you are "
                        "asking. Questions you write yourself are not translated."
                    ),
                    language=language_name(clinic),
                ),
                required=False,
            )

    def clean_appointment_date(self):
        date = self.cleaned_data["appointment_date"]
        if date and date < self.today:
            raise ValidationError(
                _(
                    "The appointment date %(date)s has already passed. Enter the date of an "
                    "appointment still to come, or leave it blank"
                )
                % {"date": date.strftime(str(DATE_FORMAT))}
            )
        furthest = self.today + datetime.timedelta(days=366 * FURTHEST_APPOINTMENT_YEARS)
        if date and date > furthest:
            raise ValidationError(
                _("Enter an appointment date within the next %(years)s years")
                % {"years": FURTHEST_APPOINTMENT_YEARS}
            )
        return date

    def clean_own_questions(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["own_questions"].splitlines()]
        questions = [line for line in lines if line]
        if len(questions) > MAX_OWN_QUESTIONS:
            raise ValidationError(
                ngettext(
                    "You wrote %(written)s questions. Write up to %(count)s, one on each line",
                    "You wrote %(written)s questions. Write up to %(count)s, one on each line",
                    len(questions),
                )
                % {"written": len(questions), "count": MAX_OWN_QUESTIONS}
            )
        for number, question in enumerate(questions, start=1):
            if len(question) > MAX_OWN_QUESTION_LENGTH:
                raise ValidationError(
                    _(
                        "Question %(number)s is %(length)s characters long. Shorten it to "
                        "%(most)s characters or fewer"
                    )
                    % {"number": number, "length": len(question), "most": MAX_OWN_QUESTION_LENGTH}
                )
        return tuple(questions)

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            diagnosis=data["diagnosis"],
            cell_source=data["cell_source"],
            delivery=data["delivery"],
            setting=data["setting"],
            concerns=frozenset(data["concerns"]),
            clinic_name=data["clinic_name"].strip(),
            appointment_date=data["appointment_date"],
            own_questions=data["own_questions"],
        )

    def clinic_language(self) -> str:
        """The language to print each question in as well, if the patient asked for it."""
        return clinic_language_offered() if self.cleaned_data.get("clinic_copy") else ""


def selection_from(data) -> Selection:
    """The questions starred and dropped on the result page. Keys the bank does not know are
    ignored by the builder, so only the amount is limited here."""

    def keys(name):
        return frozenset(key[:100] for key in data.getlist(name)[:MAX_CHOSEN_KEYS])

    return Selection(starred=keys("starred"), dropped=keys("dropped"))
