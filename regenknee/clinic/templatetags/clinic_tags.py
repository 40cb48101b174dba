from django import template
from django.utils.formats import number_format

from ..public import report_mailto

register = template.Library()


@register.simple_tag(takes_context=True)
def report_problem_href(context, email):
    """The mailto: link for this page, with its absolute address (never its query string)."""
    request = context.get("request")
    page = request.build_absolute_uri(request.path) if request is not None else ""
    return report_mailto(email, page)


@register.filter
def won(amount):
    return number_format(amount, force_grouping=True)
