from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from regenknee.sync.engine import export_content


class Command(BaseCommand):
    help = (
        "Writes the database's content back into content/ files, so admin edits can be committed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=None, help="content folder (default content/)"
        )

    def handle(self, *args, path=None, **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        for name, (written, unchanged) in export_content(root).items():
            self.stdout.write(f"{name}: {written} written, {unchanged} unchanged")
        self.stdout.write(self.style.SUCCESS(f"Exported to {root}."))
