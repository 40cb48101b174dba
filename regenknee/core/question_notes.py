"""Notes other apps add under checklist questions, without the checklist knowing who adds them.

A content app registers a provider in its ``AppConfig.ready``: a function of the page's
language returning {question key: [note, ...]}, each note a dict the checklist template shows
(``treatment``, ``answer``, ``url``). The checklist asks ``notes_for_questions``; neither app
imports the other.
"""

from collections.abc import Callable

PROVIDERS: list[Callable[[str | None], dict[str, list[dict]]]] = []


def register(provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def notes_for_questions(language: str | None = None) -> dict[str, list[dict]]:
    notes: dict[str, list[dict]] = {}
    for provider in PROVIDERS:
        for key, found in provider(language).items():
            notes.setdefault(key, []).extend(found)
    return notes
