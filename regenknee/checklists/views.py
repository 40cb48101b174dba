"""The checklist form and the checklist it makes.

Privacy by design: the answers arrive in a POST, are used to build the page, and are then
forgotten. No model row, no session, no log line with what the patient typed, and the result
is marked no-store so the browser and any cache keep no copy.

The result page is itself a form holding every answer in hidden fields, so the patient can
star or drop questions ("Update my checklist") or go back to the filled-in form ("Change my
answers") by posting them again: nothing needs to be kept between two requests. Its links open
in a new tab (and say so), so the checklist is never left behind: a no-store page that came
from a POST cannot be shown again by the browser's Back button.
"""

from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from regenknee.articles.models import Article
from regenknee.core.question_notes import notes_for_questions

from .bank import load_question_bank
from .builder import build_checklist
from .forms import ChecklistForm, language_name, selection_from

CHANGE_ANSWERS = "change"


# The form changes nothing on the server and needs no sign-in, so a forged submission could
# only show someone a checklist: there is nothing for CSRF protection to guard, and without it
# the patient's browser is given no cookie at all.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def checklist(request):
    if request.method == "GET":
        return render(request, "checklists/form.html", {"form": ChecklistForm()})

    form = ChecklistForm(request.POST)
    if form.is_valid() and request.POST.get("action") != CHANGE_ANSWERS:
        clinic_language = form.clinic_language()
        result = build_checklist(
            form.answers(),
            load_question_bank(clinic_language=clinic_language),
            timezone.localdate(),
            selection_from(request.POST),
        )
        response = render(
            request,
            "checklists/checklist.html",
            {
                "form": form,
                "checklist": result,
                "clinic_copy": clinic_copy(clinic_language),
                "print_key": bool(request.POST.get("print_key")),
                "articles": Article.objects.public().order_by("position"),
                "site_url": request.build_absolute_uri("/").rstrip("/"),
                # What the clinic running the site has published in answer to a question.
                "question_notes": notes_for_questions(),
            },
        )
    else:
        # "Change my answers" shows the form again with every answer filled in; answers that
        # fail validation show it with the errors.
        response = render(request, "checklists/form.html", {"form": form})
    # Both pages may hold what the patient typed: keep them out of every cache and history.
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def clinic_copy(language: str) -> dict | None:
    """What the result page needs to print each question in the clinic staff's language as
    well (the questions' own texts come with the bank): the language, its name, the section
    headings in that language, and the line printed under a patient's own question saying it
    was not translated."""
    if not language:
        return None
    gettext = translation.gettext
    with translation.override(language):
        return {
            "language": language,
            "name": language_name(language),
            "own_note": gettext("Written by the patient; not translated."),
            "ask_first": gettext("Ask these first"),
            "later": gettext("If there is time"),
            "warning_signs": gettext("Warning signs"),
        }
