from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from regenknee.articles.sitemaps import ArticleSitemap
from regenknee.core.sitemaps import EveryLanguage, StaticPageSitemap
from regenknee.core.urls import site_urlpatterns

# Translatable, though the admin (an address with no language prefix) is served in English.
admin.site.site_header = _("RegenKnee content")
admin.site.site_title = _("RegenKnee admin")
admin.site.index_title = _("Articles, glossary and checklist")


class ArticlePages(EveryLanguage, ArticleSitemap):
    """Every public article, once per language (a page without a translation shows the English
    text with a note, so it exists in every language)."""


SITEMAPS = {"pages": StaticPageSitemap, "articles": ArticlePages}

# Not translated: the admin, the sitemap, robots.txt and the icon (and /healthz, answered by its
# middleware before any URL is resolved).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include((site_urlpatterns, "site"))),
]

# Every public page: English at its old address, every other language under its prefix (/ko/).
urlpatterns += i18n_patterns(
    path("", include("regenknee.articles.urls")),
    path("", include("regenknee.checklists.urls")),
    path("", include("regenknee.clinic.urls")),
    path("", include("regenknee.options.urls")),
    path("", include("regenknee.search.urls")),
    path("", include("regenknee.core.urls")),
    prefix_default_language=False,
)

handler404 = "regenknee.core.views.page_not_found"
handler500 = "regenknee.core.views.server_error"
