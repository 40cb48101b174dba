from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from regenknee.articles.sitemaps import ArticleSitemap
from regenknee.core.sitemaps import StaticPageSitemap

admin.site.site_header = "RegenKnee content"
admin.site.site_title = "RegenKnee admin"
admin.site.index_title = "Articles, glossary and checklist"

SITEMAPS = {"pages": StaticPageSitemap, "articles": ArticleSitemap}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("regenknee.articles.urls")),
    path("", include("regenknee.checklists.urls")),
    path("", include("regenknee.core.urls")),
]

handler404 = "regenknee.core.views.page_not_found"
handler500 = "regenknee.core.views.server_error"
