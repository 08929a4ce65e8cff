"""Accounts and roles in the admin.

Superusers manage everything. Network staff manage ordinary accounts only: they cannot change,
deactivate, set a password for or delete a superuser, another privileged account or their own, and
they grant only the roles their function hands out (:data:`gcm_portal.permissions.GRANTABLE_ROLES`),
never to themselves. Role grants and revocations go through the services, which check the same rules
and write the audit log; a membership is granted or revoked, never edited in place.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from gcm_portal.permissions import is_admin, may_grant_role, may_manage_account, roles_grantable_by

from . import services
from .models import Membership, User


def _limit_role_choices(field, request) -> None:
    grantable = roles_grantable_by(request.user)
    field.choices = [(value, label) for value, label in field.choices if value in grantable or value == ""]


class MembershipForm(forms.ModelForm):
    """Refuses a grant the signed-in person may not make (checked again by the service)."""

    request = None

    class Meta:
        model = Membership
        fields = ["user", "role", "country", "entity"]

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user") or getattr(self.instance, "user", None)
        role = cleaned.get("role")
        if self.request is not None and user is not None and role and not may_grant_role(self.request.user, user, role):
            raise ValidationError(_("You may not grant this role to this account."))
        return cleaned


class MembershipInline(admin.TabularInline):
    """Grant (add a row) and revoke (delete a row); existing rows are read-only. The database refuses a
    scope that does not fit the role."""

    model = Membership
    form = MembershipForm
    fk_name = "user"
    extra = 0
    fields = ["role", "country", "entity", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]
    autocomplete_fields = ["country", "entity"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type("RequestMembershipForm", (formset.form,), {"request": request})
        _limit_role_choices(formset.form.base_fields["role"], request)
        return formset

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or may_manage_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or may_manage_account(request.user, obj))


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__role"]
    search_fields = ["email", "full_name", "organisation"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "organisation", "preferred_language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)

    def get_readonly_fields(self, request, obj=None):
        # Only superusers hand out superuser or admin-site flags: staff manage roles, not privileges.
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["is_staff", "is_superuser", "groups", "user_permissions", "last_login", "date_joined"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_manage_account(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_manage_account(request.user, obj)

    def save_model(self, request, obj, form, change):
        if change and not may_manage_account(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        for instance in formset.save(commit=False):
            _grant(request, instance)
        for membership in formset.deleted_objects:
            _revoke(request, membership)
        return None


def _grant(request, membership: Membership) -> None:
    _through_service(request, services.role_grant, membership, granted_by=request.user)


def _revoke(request, membership: Membership) -> None:
    _through_service(request, services.role_revoke, membership, revoked_by=request.user)


def _through_service(request, service, membership: Membership, **actor) -> None:
    """Grant or revoke through the accounts service, which checks what the acting user may do and audits it;
    a refusal is shown on the admin page."""
    try:
        service(
            user=membership.user, role=membership.role, country=membership.country, entity=membership.entity, **actor
        )
    except PermissionDenied as error:
        messages.error(request, str(error))


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ["user", "role", "country", "entity", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "country__name", "entity__code"]
    autocomplete_fields = ["user", "country", "entity"]
    list_select_related = ["user", "country", "entity", "granted_by"]
    readonly_fields = ["granted_by", "granted_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form = type("RequestMembershipForm", (form,), {"request": request})
        if "role" in form.base_fields:
            _limit_role_choices(form.base_fields["role"], request)
        return form

    def has_change_permission(self, request, obj=None):
        # A role is granted or revoked, never edited in place (a changed scope would escape the checks).
        return False

    def has_add_permission(self, request):
        return super().has_add_permission(request) and bool(roles_grantable_by(request.user))

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or is_admin(request.user) or may_grant_role(request.user, obj.user, obj.role)

    def save_model(self, request, obj, form, change):
        membership, _created = services.role_grant(
            user=obj.user, role=obj.role, country=obj.country, entity=obj.entity, granted_by=request.user
        )
        obj.pk = membership.pk

    def delete_model(self, request, obj):
        services.role_revoke(
            user=obj.user, role=obj.role, country=obj.country, entity=obj.entity, revoked_by=request.user
        )

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "country", "entity"):
            self.delete_model(request, membership)
