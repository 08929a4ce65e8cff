"""API permission classes. The default denies; every view names who may use it."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class DenyAll(BasePermission):
    """The project default: a view that forgets to declare its permissions serves no one."""

    def has_permission(self, request, view) -> bool:
        return False


class PublicReadOnly(BasePermission):
    """Anyone may read; nobody may write through this view."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS
