from django.db import migrations

from regenknee.editorial.roles import create_roles


class Migration(migrations.Migration):
    """Data only: editors may propose the clinic's profile and programme; reviewers approve."""

    dependencies = [
        ("clinic", "0001_clinic_profile_and_programme"),
        ("editorial", "0003_staff_roles"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
