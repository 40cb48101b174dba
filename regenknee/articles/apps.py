from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "regenknee.articles"
    label = "articles"
    verbose_name = "Articles and glossary"

    def ready(self):
        from regenknee.core.pagecache import watch_content
        from regenknee.editorial import registry as review
        from regenknee.editorial.translation import out_of_date_queue
        from regenknee.editorial.translation_files import register_stamper
        from regenknee.sync import engine as sync

        from . import workflow
        from .admin.forms import ArticleContentForm
        from .admin.glossary import GlossaryContentForm
        from .content import ARTICLES_SOURCE, GLOSSARY_SOURCE
        from .models import (
            Article,
            ArticleTranslation,
            GlossaryTerm,
            GlossaryTermTranslation,
            Reference,
            next_publication_time,
            rerender_articles,
            rerender_translations,
        )
        from .preview import preview_revision, preview_translation_revision
        from .translations import (
            ARTICLE_TRANSLATIONS_SOURCE,
            GLOSSARY_TRANSLATIONS_SOURCE,
            stamp_files,
            translation_queues,
        )

        # The glossary first: articles are rendered with the terms synced in the same run.
        sync.register(GLOSSARY_SOURCE)
        sync.register(ARTICLES_SOURCE)
        # Translations after their English sources, which they must find (in the same run).
        sync.register(GLOSSARY_TRANSLATIONS_SOURCE)
        sync.register(ARTICLE_TRANSLATIONS_SOURCE)
        register_stamper(stamp_files)
        # Published articles and the glossary are found by site search.
        from .search import register as register_search

        register_search()
        # Articles and the glossary are on public pages; scheduled articles appear by
        # themselves, so cached pages must not outlive the next publication time.
        watch_content(self.label, next_scheduled_change=next_publication_time)

        review.register(
            review.ReviewedType(
                Article,
                # Where and when it is published, and its review, are set by approval.
                exclude=frozenset(
                    {"slug", "position", "status", "publish_at"}
                    | {"reviewed_on", "review_due", "reviewed_by"}
                ),
                follow=(review.Follow("references", Reference, "article", "references"),),
                needs_revision=lambda article: article.is_published,
                check=workflow.blocking_problems,
                record_review=workflow.record_review,
                queues=workflow.review_queues,
                preview=preview_revision,
                extra={
                    "warnings": lambda article: workflow.warnings(article.body),
                    "form": ArticleContentForm,
                },
            )
        )
        # Glossary links in every article follow the glossary.
        review.register(
            review.ReviewedType(
                GlossaryTerm,
                # Translations link the same anchors (the English slug).
                after_change=(rerender_articles, rerender_translations),
                extra={"form": GlossaryContentForm},
            )
        )
        # Translations are reviewed like the content they translate: an editor's change to a
        # published translation is a revision, approval records its own review line.
        review.register(
            review.ReviewedType(
                ArticleTranslation,
                exclude=frozenset(
                    {"source", "language", "status", "reviewed_on", "review_due", "reviewed_by"}
                ),
                needs_revision=lambda item: item.is_published,
                record_review=workflow.record_review,
                queues=translation_queues,
                preview=preview_translation_revision,
                extra={"form": ArticleContentForm},
            )
        )
        review.register(
            review.ReviewedType(
                GlossaryTermTranslation,
                exclude=frozenset({"source", "language"}),
                after_change=(rerender_translations,),
                queues=out_of_date_queue(GlossaryTermTranslation),
                extra={"form": GlossaryContentForm},
            )
        )
