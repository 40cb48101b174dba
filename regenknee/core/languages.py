"""The same page in every language: the links between them and the language a URL is in.

Every public page has the same path in every language and differs only by its prefix: none for
the default language (English), ``/<code>/`` for each other language in settings.LANGUAGES. So
the counterparts of any page, including an error page, are found from its path alone, with no
knowledge of the view, and a new language in LANGUAGES gets its links with no code.
"""

from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject


def language_of_path(path: str) -> str:
    """The language a public URL is served in: its prefix, or the default language."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def path_in_language(path: str, language: str) -> str:
    """``path`` (a path_info, such as /ko/about/) as the same page in ``language``."""
    prefix = translation.get_language_from_path(path)
    if prefix:
        path = path.removeprefix(f"/{prefix}")
        if not path.startswith("/"):
            path = "/" + path
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def counterparts(request) -> list[dict]:
    """One entry per language in settings.LANGUAGES: code, name (in that language), the path
    of this page in it, its absolute URL, whether it is the page's own language and whether it
    is the default language (the hreflang x-default)."""
    script_prefix = request.path.removesuffix(request.path_info)
    current = language_of_path(request.path_info)
    pages = []
    for code, name in settings.LANGUAGES:
        path = script_prefix + path_in_language(request.path_info, code)
        pages.append(
            {
                "code": code,
                "name": name,
                "path": path,
                "url": request.build_absolute_uri(path),
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return pages


def language_context(request):
    """Template context: ``page_languages`` (see counterparts) for the language links and the
    hreflang alternates in base.html. Lazy, so pages that do not show them pay nothing."""
    return {"page_languages": SimpleLazyObject(lambda: counterparts(request))}
