"""What the options comparison gives to site search (registered in apps.py): each published
option, in every language, linking to its place on the comparison page. A language without a
published translation gets the English words, marked as English, as the page itself does."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from regenknee.search import registry as search

from . import rules
from .models import Option, OptionTranslation

CITATION = re.compile(r"\[@[^\]]*\]")


def answer_words(answers) -> str:
    """The words a reader sees in the answers, in question order, without citation marks."""
    words = []
    for key in rules.QUESTION_KEYS:
        answer = (answers or {}).get(key)
        if not isinstance(answer, dict):
            continue
        words.append(str(answer.get("text") or ""))
        for item in answer.get("frequencies") or []:
            if isinstance(item, dict):
                words += [str(item.get("label") or ""), str(item.get("comparison") or "")]
    return CITATION.sub(" ", " ".join(words))


def option_key(instance) -> str | None:
    if isinstance(instance, Option):
        return instance.slug
    return Option.objects.filter(pk=instance.source_id).values_list("slug", flat=True).first()


def option_documents(keys):
    options = Option.objects.filter(status=Option.Status.PUBLISHED)
    if keys is not None:
        options = options.filter(slug__in=keys)
    options = list(options)
    translated = {
        (item.source_id, item.language): item
        for item in OptionTranslation.objects.filter(
            source__in=options, status=OptionTranslation.Status.PUBLISHED
        )
    }
    for option in options:
        for language, _name in settings.LANGUAGES:
            item = translated.get((option.pk, language), option)
            with translation.override(language):
                url = reverse("options:comparison") + f"#{option.slug}"
            yield search.Document(
                key=option.slug,
                language=language,
                url=url,
                title=item.title,
                text=f"{item.summary} {answer_words(item.answers)}",
                text_language=language if item is not option else settings.LANGUAGE_CODE,
            )


def register() -> None:
    search.register(
        search.Contributor(
            kind="option",
            label=_("Treatment option"),
            models=(Option, OptionTranslation),
            key_of=option_key,
            documents=option_documents,
            order=25,
        )
    )
