from django.apps import AppConfig


class OptionsConfig(AppConfig):
    name = "regenknee.options"
    label = "options"
    verbose_name = "Options comparison"

    def ready(self):
        from regenknee.core.pagecache import watch_content
        from regenknee.editorial import registry as review
        from regenknee.editorial.translation_files import register_stamper
        from regenknee.sync import engine as sync

        from . import review as rules
        from .admin_forms import OptionContentForm, OptionTranslationContentForm
        from .content import OPTION_TRANSLATIONS_SOURCE, OPTIONS_SOURCE, stamp_files
        from .models import Option, OptionTranslation
        from .search import register as register_search

        sync.register(OPTIONS_SOURCE)
        sync.register(OPTION_TRANSLATIONS_SOURCE)  # after the English options it translates
        register_stamper(stamp_files)
        watch_content(self.label)  # options are on the public comparison page
        review.register(
            review.ReviewedType(
                Option,
                # Where it is shown and its review are set by approval, as for articles.
                exclude=frozenset(
                    {"slug", "position", "status", "reviewed_on", "review_due", "reviewed_by"}
                ),
                needs_revision=lambda option: option.is_published,
                record_review=rules.record_review,
                queues=rules.option_queues,
                preview=rules.preview_revision,
                extra={"form": OptionContentForm},
            )
        )
        review.register(
            review.ReviewedType(
                OptionTranslation,
                exclude=frozenset(
                    {"source", "language", "status", "reviewed_on", "review_due", "reviewed_by"}
                ),
                needs_revision=lambda item: item.is_published,
                record_review=rules.record_review,
                queues=rules.translation_queues,
                preview=rules.preview_revision,
                extra={"form": OptionTranslationContentForm},
            )
        )
        register_search()  # published options are found by site search
