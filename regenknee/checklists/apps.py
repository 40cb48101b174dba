from django.apps import AppConfig


class ChecklistsConfig(AppConfig):
    name = "regenknee.checklists"
    label = "checklists"
    verbose_name = "Consultation checklist"

    def ready(self):
        # The question bank is synced and exported with the rest of content/.
        from regenknee.core.pagecache import watch_content
        from regenknee.sync.engine import register

        from .content import CHECKLIST_SOURCE

        register(CHECKLIST_SOURCE)
        watch_content(self.label)  # the question bank shapes the public checklist pages
