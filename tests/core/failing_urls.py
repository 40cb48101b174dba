"""A URLconf with a view that fails, to show the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from regenknee.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("boom/", boom), prefix_default_language=False),
]
handler500 = "regenknee.core.views.server_error"
