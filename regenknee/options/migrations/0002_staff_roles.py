from django.db import migrations

from regenknee.editorial.roles import create_roles


class Migration(migrations.Migration):
    """Data only: editors may propose changes to the options comparison; reviewers approve."""

    dependencies = [
        ("options", "0001_initial"),
        ("editorial", "0003_staff_roles"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
