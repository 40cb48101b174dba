from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queues(context):
    """The review queues for the admin home; empty for staff outside the review trail."""
    from regenknee.editorial.queues import QUEUES
    from regenknee.editorial.queues import review_queues as queues

    request = context.get("request")
    if request is None or not request.user.has_perm("editorial.view_revision"):
        return []
    found = queues(timezone.localdate())
    return [(name, heading, found[name]) for name, heading in QUEUES.items()]
