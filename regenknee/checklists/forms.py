"""The patient's answers. Only what changes the checklist is asked; nothing is stored."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError

from .answers import ANSWER_CHOICES
from .builder import MAX_OWN_QUESTION_LENGTH, MAX_OWN_QUESTIONS, Answers

# Room for five full questions and their line breaks; anything longer is refused outright.
OWN_QUESTIONS_MAX_LENGTH = MAX_OWN_QUESTIONS * (MAX_OWN_QUESTION_LENGTH + 2)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y"]


def choice_error(what):
    return {
        "required": f"Select {what}",
        "invalid_choice": f"Select {what} from the list",  # noqa: S608 - not SQL
    }


class ChecklistForm(forms.Form):
    diagnosis = forms.ChoiceField(
        label="What have you been told about your knee?",
        help_text="The Kellgren-Lawrence grade comes from an X-ray: 1 is the mildest, "
        "4 the most severe. Your doctor or your X-ray report may say it.",
        choices=ANSWER_CHOICES["diagnosis"],
        widget=forms.RadioSelect,
        error_messages=choice_error("what you have been told about your knee"),
    )
    cell_source = forms.ChoiceField(
        label="Where would the cells come from?",
        choices=ANSWER_CHOICES["cell_source"],
        widget=forms.RadioSelect,
        error_messages=choice_error("where the cells would come from"),
    )
    delivery = forms.ChoiceField(
        label="How would the cells be put into your knee?",
        choices=ANSWER_CHOICES["delivery"],
        widget=forms.RadioSelect,
        error_messages=choice_error("how the cells would be put into your knee"),
    )
    setting = forms.ChoiceField(
        label="Where would you be treated?",
        choices=ANSWER_CHOICES["setting"],
        widget=forms.RadioSelect,
        error_messages=choice_error("where you would be treated"),
    )
    concerns = forms.MultipleChoiceField(
        label="What matters most to you? (optional)",
        help_text="Select all that apply.",
        choices=ANSWER_CHOICES["concerns"],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select what matters most to you from the list"},
    )
    clinic_name = forms.CharField(
        label="Name of the clinic or doctor (optional)",
        help_text="Printed at the top of your checklist.",
        max_length=100,
        required=False,
        error_messages={"max_length": "Clinic name must be 100 characters or fewer"},
    )
    appointment_date = forms.DateField(
        label="Date of your appointment (optional)",
        help_text="For example, 27/03/2027.",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the appointment date as a real date, like 27/03/2027"},
    )
    own_questions = forms.CharField(
        label="Your own questions (optional)",
        help_text=f"Write each question on a new line. Up to {MAX_OWN_QUESTIONS} questions, "
        f"each up to {MAX_OWN_QUESTION_LENGTH} characters.",
        required=False,
        max_length=OWN_QUESTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"Your own questions are too long: write up to {MAX_OWN_QUESTIONS} "
            f"questions of up to {MAX_OWN_QUESTION_LENGTH} characters each"
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # see views.checklist: the form keeps the page cookie-free
        self.helper.add_input(Submit("submit", "Make my checklist", css_class="button"))

    def clean_appointment_date(self):
        date = self.cleaned_data["appointment_date"]
        if date and not datetime.date(2000, 1, 1) <= date <= datetime.date(2100, 12, 31):
            raise ValidationError("Enter an appointment date between the years 2000 and 2100")
        return date

    def clean_own_questions(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["own_questions"].splitlines()]
        questions = [line for line in lines if line]
        if len(questions) > MAX_OWN_QUESTIONS:
            raise ValidationError(
                f"You wrote {len(questions)} questions. Write up to {MAX_OWN_QUESTIONS}, "
                "one on each line"
            )
        for number, question in enumerate(questions, start=1):
            if len(question) > MAX_OWN_QUESTION_LENGTH:
                raise ValidationError(
                    f"Question {number} is {len(question)} characters long. Shorten it to "
                    f"{MAX_OWN_QUESTION_LENGTH} characters or fewer"
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
