from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regenknee.editorial.translation_files import STAMPERS
from regenknee.sync.engine import ContentErrors


class Command(BaseCommand):
    help = (
        "Records, in each translation file under content/<lang>/ that does not say yet, which "
        "English text it was made from (source_hash), taken from the English files as they are "
        "now. Run it only when the translations do follow the current English text: existing "
        "source_hash values are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="content folder")

    def handle(self, *args, path=None, **options):
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        try:
            changed = [name for stamp in STAMPERS for name in stamp(root)]
        except ContentErrors as problem:
            raise CommandError(f"The English content has problems:\n{problem}") from None
        for name in changed:
            self.stdout.write(f"  stamped {name}")
        self.stdout.write(f"{len(changed)} files stamped")
