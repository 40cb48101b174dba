from django.apps import AppConfig


class ChecklistsConfig(AppConfig):
    name = "regenknee.checklists"
    label = "checklists"
    verbose_name = "Consultation checklist"

    def ready(self):
        from regenknee.core.pagecache import watch_content
        from regenknee.editorial import registry as review
        from regenknee.editorial.translation import out_of_date_queue
        from regenknee.editorial.translation_files import register_stamper
        from regenknee.sync import engine as sync

        from .admin import QuestionContentForm
        from .content import CHECKLIST_SOURCE
        from .models import (
            Question,
            QuestionGroup,
            QuestionGroupTranslation,
            QuestionTranslation,
            RedFlag,
            RedFlagTranslation,
        )
        from .translations import CHECKLIST_TRANSLATIONS_SOURCE, stamp_files

        # The question bank is synced and exported with the rest of content/.
        sync.register(CHECKLIST_SOURCE)
        sync.register(CHECKLIST_TRANSLATIONS_SOURCE)  # after the English bank it translates
        register_stamper(stamp_files)
        watch_content(self.label)  # the question bank shapes the public checklist pages
        from .search import register as register_search

        register_search()  # its questions are found by site search
        review.register(review.ReviewedType(QuestionGroup))
        review.register(review.ReviewedType(Question, extra={"form": QuestionContentForm}))
        review.register(review.ReviewedType(RedFlag))
        # Translations of the bank go through review like the bank itself.
        for model in (QuestionGroupTranslation, QuestionTranslation, RedFlagTranslation):
            review.register(
                review.ReviewedType(
                    model,
                    exclude=frozenset({"source", "language"}),
                    queues=out_of_date_queue(model),
                )
            )
