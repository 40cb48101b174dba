"""A URLconf with a view that fails, to show the 500 page."""

from django.urls import path

from regenknee.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
handler500 = "regenknee.core.views.server_error"
