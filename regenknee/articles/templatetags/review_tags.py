from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag(takes_context=True)
def review_counts(context):
    """Counts for the admin index; empty for staff who cannot see articles."""
    from regenknee.articles.workflow import review_queues

    request = context.get("request")
    if request is None or not request.user.has_perm("articles.view_article"):
        return {}
    from regenknee.articles.models import ContentChange

    counts = {name: qs.count() for name, qs in review_queues(timezone.localdate()).items()}
    counts["changes"] = ContentChange.objects.filter(state=ContentChange.State.IN_REVIEW).count()
    return counts
