from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from gcm_portal.accounts.models import User
from gcm_portal.accounts.services import role_grant

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    organisation = "Test organisation"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def user_with_role(role: str, *, country: str | None = None, entity: str | None = None, **fields) -> User:
    """A user holding one role, granted through the real service."""
    user = UserFactory(**fields)
    if role == "admin":
        user.is_superuser = user.is_staff = True
        user.save()
        return user
    if role == "focal_point" and country is None:
        country = "GH"
    if role == "entity_focal_point" and entity is None:
        entity = "IOM"
    role_grant(user=user, role=role, country=country, entity=entity)
    return user


def focal_point(country: str = "GH", **fields) -> User:
    return user_with_role("focal_point", country=country, **fields)
