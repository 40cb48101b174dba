from django import template

from regenknee.articles.localised import shown_articles
from regenknee.articles.models import Article

register = template.Library()


@register.simple_tag
def learning_path():
    """The published articles in reading order, in the page's language where translated (each
    item says ``text_language`` and ``untranslated``), for the home page (a core page that
    knows no content app: its template asks for the articles)."""
    return shown_articles(Article.objects.public().order_by("position", "title"))
