from django.db.models import QuerySet

from .models import Membership, User


def membership_list_for(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("country", "entity").order_by("role")


def users_with_role(role: str, *, country=None, entity=None) -> QuerySet[User]:
    """Active holders of a role (optionally for one country or entity), for notifications."""
    queryset = User.objects.filter(is_active=True, memberships__role=role)
    if country is not None:
        queryset = queryset.filter(memberships__country=country)
    if entity is not None:
        queryset = queryset.filter(memberships__entity=entity)
    return queryset.distinct()


def api_token_list_for(*, user: User):
    from .models import ApiToken

    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
