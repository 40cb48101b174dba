from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "core:home",
            "articles:glossary",
            "checklists:checklist",
            "core:about",
            "core:disclaimer",
            "core:privacy",
            "core:editorial_policy",
        ]

    def location(self, name):
        return reverse(name)
