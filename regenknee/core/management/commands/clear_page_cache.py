from django.core.management.base import BaseCommand

from regenknee.core.pagecache import bump_generation


class Command(BaseCommand):
    help = (
        "Retire every cached page on every app server sharing this cache. Content edits do "
        "this by themselves; run it after deploying changed templates or code."
    )

    def handle(self, *args, **options):
        bump_generation()
        self.stdout.write("Cached pages retired.")
