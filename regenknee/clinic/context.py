from django.utils.functional import SimpleLazyObject

from .public import shown_profile


def clinic_context(request):
    """``clinic``: the published profile in the page's language (falsy until there is one),
    for the footer, the About page and "Report a problem". Lazy: no query unless shown."""
    return {"clinic": SimpleLazyObject(lambda: shown_profile())}
