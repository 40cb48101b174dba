from django.core.management.base import BaseCommand

from regenknee.articles.models import rerender_articles, rerender_translations


class Command(BaseCommand):
    help = (
        "Renders every article and article translation again from its Markdown. Pages are "
        "rendered when saved, so run this after a deploy that changes a diagram, its words in "
        "locale/ or the Markdown rendering; it writes no history and touches no text."
    )

    def handle(self, *args, **options):
        articles = rerender_articles()
        translations = rerender_translations()
        self.stdout.write(f"Rendered {articles} articles and {translations} translations again.")
