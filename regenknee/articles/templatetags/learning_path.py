from django import template

from regenknee.articles.models import Article

register = template.Library()


@register.simple_tag
def learning_path():
    """The published articles in reading order, for the home page (a core page that knows no
    content app: its template asks for the articles)."""
    return Article.objects.public().order_by("position", "title")
