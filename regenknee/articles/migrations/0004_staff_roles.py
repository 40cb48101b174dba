from django.db import migrations

from regenknee.articles.roles import create_roles


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Medical reviewer"]
    ).delete()


class Migration(migrations.Migration):
    """Creates the Editor and Medical reviewer groups with exactly their permissions."""

    dependencies = [
        ("articles", "0003_content_changes"),
        ("checklists", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
