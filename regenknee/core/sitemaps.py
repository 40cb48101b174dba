from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class EveryLanguage:
    """Lists each page once per language in settings.LANGUAGES, with hreflang alternates
    (x-default: the English page)."""

    i18n = True
    alternates = True
    x_default = True


class StaticPageSitemap(EveryLanguage, Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "core:home",
            "articles:glossary",
            "checklists:checklist",
            "options:comparison",
            "core:about",
            "clinic:programme",
            "core:disclaimer",
            "core:privacy",
            "core:editorial_policy",
        ]

    def location(self, name):
        return reverse(name)
