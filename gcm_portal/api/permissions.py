"""API permission classes. The default denies; every view names who may use it."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from gcm_portal import permissions

__all__ = ["DenyAll", "HasRole", "PublicReadOnly", "PublicReadRoleWrite"]


class DenyAll(BasePermission):
    """The project default: a view that forgets to declare its permissions serves no one."""

    def has_permission(self, request, view) -> bool:
        return False


class PublicReadOnly(BasePermission):
    """Anyone may read; nobody may write through this view."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS


class HasRole(BasePermission):
    """Only holders of one of ``roles``: ``permission_classes = [HasRole.of(Role.FUND_MANAGER)]``."""

    roles: tuple[str, ...] = ()

    @classmethod
    def of(cls, *roles: str) -> type[HasRole]:
        return type(f"{cls.__name__}_{'_'.join(roles)}", (cls,), {"roles": roles})

    def has_permission(self, request, view) -> bool:
        return any(permissions.has_role(request.user, role) for role in self.roles)


class PublicReadRoleWrite(HasRole):
    """Anyone may read; holders of one of ``roles`` may write (e.g. fund managers' money records)."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)
