from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "regenknee.core"
    label = "core"
    verbose_name = "Site"
