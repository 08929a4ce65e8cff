from django.db.models import QuerySet

from .models import Membership, User


def membership_list_for(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("country", "entity").order_by("role")
