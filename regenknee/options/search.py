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


def answer_text(answers) -> str:
    """The answers' words a reader sees (text, frequency labels and comparisons), in question
    order, without citation marks; the walk over the answers is the translations' own."""
    words = []
    for entry in rules.answer_words(answers).values():
        words.append(str(entry["text"] or ""))
        for item in entry.get("frequencies", ()):
            words += [str(item.get("label") or ""), str(item.get("comparison") or "")]
    return CITATION.sub(" ", " ".join(words))


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
                text=f"{item.summary} {answer_text(item.answers)}",
                text_language=language if item is not option else settings.LANGUAGE_CODE,
            )


def register() -> None:
    search.register(
        search.Contributor(
            kind="option",
            label=_("Treatment option"),
            models=(Option, OptionTranslation),
            key_of=search.key_by(Option, "slug"),
            documents=option_documents,
            order=25,
        )
    )
