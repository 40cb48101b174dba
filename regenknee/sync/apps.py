from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "regenknee.sync"
    label = "sync"
    verbose_name = "Content files"
