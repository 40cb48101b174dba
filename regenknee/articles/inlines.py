"""Inlines that become read-only in some states (a live article's references, a closed
draft's references, checklist questions for editors)."""


class LockableInline:
    def locked(self, request, obj) -> bool:
        raise NotImplementedError

    def has_add_permission(self, request, obj=None):
        return not self.locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.locked(request, obj) and super().has_delete_permission(request, obj)
