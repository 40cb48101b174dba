"""The search page. The query is read from the address, searched for and forgotten: it is not
stored, logged (the access logs leave out query strings) or cached (no-store, which the page
cache and nginx honour)."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .query import search
from .text import MAX_QUERY_LENGTH


@require_safe
def search_page(request):
    found = search(request.GET.get("q", ""), get_language())
    response = render(
        request,
        "search/results.html",
        {
            "search": found,
            "max_query_length": MAX_QUERY_LENGTH,
            "page_language": get_language(),
        },
    )
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response
