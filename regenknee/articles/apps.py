from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "regenknee.articles"
    label = "articles"
    verbose_name = "Articles and glossary"

    def ready(self):
        from regenknee.editorial.registry import Follow, ReviewedType, register

        from . import workflow
        from .admin.glossary import GlossaryContentForm
        from .models import Article, GlossaryTerm, Reference, rerender_articles
        from .preview import preview_revision

        register(
            ReviewedType(
                Article,
                # Where and when it is published, and its review, are set by approval.
                exclude=frozenset(
                    {"slug", "position", "status", "publish_at"}
                    | {"reviewed_on", "review_due", "reviewed_by"}
                ),
                follow=(Follow("references", Reference, "article", "references"),),
                needs_revision=lambda article: article.is_published,
                check=workflow.blocking_problems,
                record_review=workflow.record_review,
                queues=workflow.review_queues,
                preview=preview_revision,
                extra={"warnings": lambda article: workflow.warnings(article.body)},
            )
        )
        # Glossary links in every article follow the glossary.
        register(
            ReviewedType(
                GlossaryTerm,
                after_change=(rerender_articles,),
                extra={"form": GlossaryContentForm},
            )
        )
