from django.db import migrations

from regenknee.editorial.roles import create_roles


class Migration(migrations.Migration):
    """Data only: resets the Editor and Medical reviewer groups to exactly their permissions,
    now that approving is the review trail's permission rather than the articles app's."""

    dependencies = [
        ("editorial", "0002_copy_old_drafts_and_proposals"),
        ("articles", "0007_remove_old_revision_models"),
        ("checklists", "0003_version_for_conditional_saves"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
