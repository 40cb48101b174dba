from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "regenknee.clinic"
    label = "clinic"
    verbose_name = "Who runs this site"

    def ready(self):
        from regenknee.core import question_notes
        from regenknee.core.pagecache import watch_content
        from regenknee.editorial import registry as review
        from regenknee.editorial.translation import out_of_date_queue
        from regenknee.editorial.translation_files import register_stamper
        from regenknee.sync import engine as sync

        from .content import CLINIC_SOURCE, CLINIC_TRANSLATIONS_SOURCE, stamp_files
        from .models import (
            ClinicProfile,
            ClinicProfileTranslation,
            ProgrammeEntry,
            ProgrammeEntryTranslation,
        )
        from .public import question_notes as clinic_notes
        from .workflow import record_review

        sync.register(CLINIC_SOURCE)
        sync.register(CLINIC_TRANSLATIONS_SOURCE)  # after the English it translates
        register_stamper(stamp_files)
        watch_content(self.label)  # the profile is in the footer of every page
        question_notes.register(clinic_notes)
        for model in (ClinicProfile, ProgrammeEntry):
            review.register(
                review.ReviewedType(
                    model,
                    # Publication and the review line are set by approval only.
                    exclude=frozenset({"status", "reviewed_on", "review_due", "reviewed_by"}),
                    record_review=record_review,
                )
            )
        for model in (ClinicProfileTranslation, ProgrammeEntryTranslation):
            review.register(
                review.ReviewedType(
                    model,
                    exclude=frozenset({"source", "language"}),
                    queues=out_of_date_queue(model),
                )
            )
