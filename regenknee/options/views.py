"""The options comparison page and the printable summary of what matters to a patient.

Privacy as for the checklist: what a patient ticks arrives in a POST, shapes the page, and is
forgotten: no model row, no session, no log line, and the answer pages are marked no-store.
The pair view (``?a=slug&b=slug``) holds only option names, never anything about the patient.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .forms import MattersForm
from .models import Option
from .shown import brief_grid, comparison


def never_stored(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def chosen_pair(request) -> tuple[list[str] | None, str]:
    """The two options to show side by side, or None, with a message when the choice was
    not two different published options."""
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if not a and not b:
        return None, ""
    published = set(
        Option.objects.filter(status=Option.Status.PUBLISHED).values_list("slug", flat=True)
    )
    if a in published and b in published and a != b:
        return [a, b], ""
    return None, _(
        "Choose two different options to compare side by side. All options are shown below."
    )


# The form changes nothing on the server and needs no sign-in, so there is nothing for CSRF
# protection to guard; without it the patient's browser is given no cookie at all.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def comparison_page(request):
    pair, pair_error = chosen_pair(request)
    form = MattersForm(request.POST if request.method == "POST" else None)
    concerns = form.cleaned_data["concerns"] if form.is_bound and form.is_valid() else ()
    everything = comparison(concerns)
    options, references, highlights = comparison(concerns, pair) if pair else everything
    response = render(
        request,
        "options/comparison.html",
        {
            "options": options,
            "references": references,
            "highlights": highlights,
            "form": form if form.is_bound else MattersForm(),
            "pair": pair or [],
            "pair_error": pair_error,
            "choices": [(option.slug, option.title) for option in everything[0]],
            "untranslated": any(o.untranslated for o in options),
            # Every option prints as a grid of briefs; a chosen pair prints in full.
            "grid_pages": [] if pair else brief_grid(options),
            "page_address": request.build_absolute_uri(request.path),
        },
    )
    if request.method == "POST":
        return never_stored(response)
    return response


@require_http_methods(["GET", "HEAD"])
def option_page(request, slug):
    """One option alone (an address to share or print), on the comparison's template."""
    if not Option.objects.filter(slug=slug, status=Option.Status.PUBLISHED).exists():
        raise Http404("No such option")
    options, references, highlights = comparison((), [slug])
    return render(
        request,
        "options/comparison.html",
        {
            "options": options,
            "references": references,
            "highlights": highlights,
            "single": True,
            "untranslated": any(o.untranslated for o in options),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def summary(request):
    """One printable page: what the patient said matters, and each option's rows that speak
    to it, to take to the consultation."""
    if request.method == "GET":
        return redirect("options:comparison")
    form = MattersForm(request.POST)
    concerns = form.cleaned_data["concerns"] if form.is_valid() else ()
    # Only the options the patient chose (unknown names are left out); none chosen: all.
    chosen = [slug for slug in request.POST.getlist("options") if isinstance(slug, str)]
    options, references, highlights = comparison(concerns, chosen or None)
    if chosen and not options:
        options, references, highlights = comparison(concerns)
    response = render(
        request,
        "options/summary.html",
        {
            "options": options,
            "references": references,
            "highlights": highlights,
            "form": form,
            "today": timezone.localdate(),
        },
    )
    return never_stored(response)
