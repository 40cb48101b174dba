from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regenknee.sync.engine import ContentErrors, sync_content


class Command(BaseCommand):
    help = (
        "Loads content/ into the database: creates what is missing, updates what staff have not "
        "edited since the last sync, and reports staff edits as conflicts. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=None, help="content folder (default content/)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite staff edits too (their old versions stay in the history)",
        )

    def handle(self, *args, path=None, force=False, **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        try:
            report = sync_content(root, force=force)
        except ContentErrors as problem:
            raise CommandError(
                f"Nothing was changed: {len(problem.errors)} problem(s) in {root}:\n{problem}"
            ) from None
        for label in report.conflicts:
            self.stdout.write(
                self.style.WARNING(
                    f"Conflict: {label} was edited in the admin since the last sync; left as it "
                    "is (export_content keeps the edit, --force overwrites it)."
                )
            )
        for kind in ("created", "updated"):
            for label in getattr(report, kind):
                self.stdout.write(f"{kind.capitalize()}: {label}")
        self.stdout.write(self.style.SUCCESS(f"Synced {root}: {report.summary()}."))
