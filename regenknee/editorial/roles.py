"""The two staff roles and exactly the permissions each needs. Used by the data migration
that creates the groups, and by tests."""

EDITOR = "Editor"
MEDICAL_REVIEWER = "Medical reviewer"

EDITOR_PERMISSIONS = [
    ("articles", "view_article"),
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_reference"),
    ("articles", "add_reference"),
    ("articles", "change_reference"),
    ("articles", "delete_reference"),
    ("articles", "view_glossaryterm"),
    ("articles", "add_glossaryterm"),
    ("articles", "change_glossaryterm"),
    ("checklists", "view_questiongroup"),
    ("checklists", "add_questiongroup"),
    ("checklists", "change_questiongroup"),
    ("checklists", "view_question"),
    ("checklists", "add_question"),
    ("checklists", "change_question"),
    ("checklists", "view_redflag"),
    ("checklists", "add_redflag"),
    ("checklists", "change_redflag"),
    ("clinic", "view_clinicprofile"),
    ("clinic", "add_clinicprofile"),
    ("clinic", "change_clinicprofile"),
    ("clinic", "view_programmeentry"),
    ("clinic", "add_programmeentry"),
    ("clinic", "change_programmeentry"),
    ("options", "view_option"),
    ("options", "add_option"),
    ("options", "change_option"),
    ("editorial", "view_revision"),
    ("editorial", "add_revision"),
    ("editorial", "change_revision"),
]
# Reviewers do everything editors do, and approve, publish, send back and delete.
MEDICAL_REVIEWER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("editorial", "approve_revision"),
    ("articles", "delete_glossaryterm"),
    ("checklists", "delete_question"),
    ("checklists", "delete_redflag"),
    ("clinic", "delete_programmeentry"),
]
ROLES = {EDITOR: EDITOR_PERMISSIONS, MEDICAL_REVIEWER: MEDICAL_REVIEWER_PERMISSIONS}


def create_roles(apps, schema_editor=None):
    """Creates or resets the groups; safe to run again."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        # A content app's permissions exist only once its own migrations have run; that app
        # runs this again from a migration of its own (clinic 0002).
        permissions = permission_model.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}
        )
        permissions = [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]
        group.permissions.set(permissions)
