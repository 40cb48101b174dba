from django.db import migrations


class Migration(migrations.Migration):
    """Created the Editor and Medical reviewer groups. The groups are now set by
    editorial 0003_staff_roles, with the review trail's permissions, so this does nothing."""

    dependencies = [
        ("articles", "0003_content_changes"),
        ("checklists", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
