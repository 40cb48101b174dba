"""The core app's pages. ``urlpatterns`` are the pages a patient reads, served in every language
(under i18n_patterns in regenknee/urls.py); ``site_urlpatterns`` are one file for the whole site."""

from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "core"
urlpatterns = [
    # The learning path on it comes from the articles app, through a template tag.
    path("", TemplateView.as_view(template_name="core/home.html"), name="home"),
    path("about/", TemplateView.as_view(template_name="core/about.html"), name="about"),
    path(
        "disclaimer/",
        TemplateView.as_view(template_name="core/disclaimer.html"),
        name="disclaimer",
    ),
    path("privacy/", TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
    path(
        "editorial-policy/",
        TemplateView.as_view(template_name="core/editorial_policy.html"),
        name="editorial_policy",
    ),
]

site_urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]
