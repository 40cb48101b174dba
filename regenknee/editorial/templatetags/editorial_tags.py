from django import template
from django.core.exceptions import FieldDoesNotExist

from regenknee.editorial.revisions import person as person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """A person's name, as plain text: staff pages never link to accounts they cannot open."""
    return person_name(user)


@register.filter
def changed_fields(record) -> str:
    """The names (as staff know them) of the fields a historical version changed."""
    previous = record.prev_record
    if previous is None:
        return "First version"
    try:
        names = record.diff_against(previous).changed_fields
    except Exception:  # a field removed since: nothing useful to say
        return ""
    meta = record.instance_type._meta
    labels = []
    for name in names:
        try:
            label = str(meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # removed since that version
            label = name.replace("_", " ")
        labels.append(label[:1].upper() + label[1:])
    return ", ".join(labels) or "Nothing visible"
