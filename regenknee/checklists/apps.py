from django.apps import AppConfig


class ChecklistsConfig(AppConfig):
    name = "regenknee.checklists"
    label = "checklists"
    verbose_name = "Consultation checklist"

    def ready(self):
        # The question bank is synced and exported with the rest of content/.
        from regenknee.articles.content import register_content_source, register_exporter
        from regenknee.editorial.registry import ReviewedType, register

        from .content import CHECKLIST_SOURCE, export_checklist
        from .models import Question, QuestionGroup, RedFlag

        register_content_source(CHECKLIST_SOURCE)
        register_exporter("checklist", export_checklist)
        from .admin import QuestionContentForm

        register(ReviewedType(QuestionGroup))
        register(ReviewedType(Question, extra={"form": QuestionContentForm}))
        register(ReviewedType(RedFlag))
