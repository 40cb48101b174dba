"""A URLconf with a view that fails, to show the 500 page."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), path("", include("regenknee.urls"))]
handler500 = "regenknee.core.views.server_error"
