"""What the checklist's question bank gives to site search (registered in apps.py): each
question with why it matters, linking to the checklist form that builds a list with it."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from regenknee.search import registry as search

from .models import Question, QuestionTranslation


def question_documents(keys):
    questions = Question.objects.all()
    if keys is not None:
        questions = questions.filter(key__in=keys)
    questions = list(questions)
    translated = {
        (item.source_id, item.language): item
        for item in QuestionTranslation.objects.filter(source__in=questions)
    }
    for question in questions:
        for language, _name in settings.LANGUAGES:
            item = translated.get((question.pk, language))
            shown = item or question
            with translation.override(language):
                url = reverse("checklists:checklist")
            yield search.Document(
                key=question.key,
                language=language,
                url=url,
                title=shown.text,
                text=f"{shown.why} {shown.clear_answer}",
                text_language=language if item is not None else settings.LANGUAGE_CODE,
            )


def register() -> None:
    search.register(
        search.Contributor(
            kind="question",
            label=_("Checklist question"),
            models=(Question, QuestionTranslation),
            key_of=search.key_by(Question, "key"),
            documents=question_documents,
            order=30,
        )
    )
