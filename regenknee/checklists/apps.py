from django.apps import AppConfig


class ChecklistsConfig(AppConfig):
    name = "regenknee.checklists"
    label = "checklists"
    verbose_name = "Consultation checklist"

    def ready(self):
        from regenknee.core.pagecache import watch_content
        from regenknee.editorial import registry as review
        from regenknee.sync import engine as sync

        from .admin import QuestionContentForm
        from .content import CHECKLIST_SOURCE
        from .models import Question, QuestionGroup, RedFlag

        # The question bank is synced and exported with the rest of content/.
        sync.register(CHECKLIST_SOURCE)
        watch_content(self.label)  # the question bank shapes the public checklist pages
        review.register(review.ReviewedType(QuestionGroup))
        review.register(review.ReviewedType(Question, extra={"form": QuestionContentForm}))
        review.register(review.ReviewedType(RedFlag))
