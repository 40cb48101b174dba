import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end or confuse a <script> element, written as JSON escapes
# (the same set Django's json_script uses).
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD script element; text inside it cannot close the element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_path(context, path):
    """An unprefixed site path (``/options/``) as the same page in the current page's language
    (``/ko/options/``), for a page whose URL name another app provides."""
    from django.utils import translation

    from regenknee.core.languages import path_in_language

    request = context.get("request")
    script_prefix = request.path.removesuffix(request.path_info) if request else ""
    return script_prefix + path_in_language(path, translation.get_language() or "")
