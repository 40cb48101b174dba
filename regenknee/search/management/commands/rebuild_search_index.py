from django.core.management.base import BaseCommand

from regenknee.search.index import rebuild_all


class Command(BaseCommand):
    help = "Rebuilds the site search index from the published content (safe to run any time)."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
