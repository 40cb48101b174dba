import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from regenknee.editorial.queues import QUEUES, review_queues


class Command(BaseCommand):
    help = (
        "Prints the review queues (for a weekly email or cron). Exits with status 1 when any "
        "published item's clinical review is overdue or was never done."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        queues = review_queues(today)
        self.stdout.write(f"RegenKnee clinical review report, {today:%d %B %Y}")
        for name, heading in QUEUES.items():
            items = queues[name]
            self.stdout.write(f"\n{heading}: {len(items)}")
            for item in items:
                self.stdout.write(
                    f"  - {item.label} ({item.detail})" if item.detail else f"  - {item.label}"
                )
        if queues["overdue"] or queues["never_reviewed"]:
            self.stderr.write("Some published content is overdue for review or was never reviewed.")
            sys.exit(1)
