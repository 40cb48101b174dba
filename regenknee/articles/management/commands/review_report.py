import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from regenknee.articles.models import ContentChange
from regenknee.articles.workflow import review_queues

HEADINGS = {
    "overdue": "Review overdue",
    "due_soon": "Due in the next 30 days",
    "awaiting": "Awaiting review",
}


class Command(BaseCommand):
    help = (
        "Prints the clinical review queues (for a weekly email or cron). Exits with status 1 "
        "when any published article's review is overdue."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        queues = review_queues(today)
        self.stdout.write(f"RegenKnee clinical review report, {today:%d %B %Y}")
        for name, heading in HEADINGS.items():
            articles = list(queues[name].order_by("review_due", "title"))
            self.stdout.write(f"\n{heading}: {len(articles)}")
            for article in articles:
                due = f"due {article.review_due:%d %b %Y}" if article.review_due else "no due date"
                self.stdout.write(f"  - {article.title} ({due})")
        pending = ContentChange.objects.filter(state=ContentChange.State.IN_REVIEW)
        self.stdout.write(f"\nGlossary and checklist changes awaiting review: {pending.count()}")
        for change in pending:
            self.stdout.write(f"  - {change.label}")
        if queues["overdue"].exists():
            self.stderr.write("Some reviews are overdue.")
            sys.exit(1)
