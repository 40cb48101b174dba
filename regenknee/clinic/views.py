from django.shortcuts import render
from django.views.decorators.http import require_GET

from .public import shown_programme


@require_GET
def programme(request):
    entries = shown_programme()
    return render(request, "clinic/programme.html", {"entries": entries})
