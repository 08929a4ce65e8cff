"""Fixtures for the kernel's own tests: the people who act on the kit's records (tests/kit)."""

from __future__ import annotations

import pytest

from gcm_portal.taxonomy.models import Country
from tests.factories.accounts import UserFactory, focal_point, user_with_role


@pytest.fixture
def ghana(db):
    return Country.objects.get(iso2="GH")


@pytest.fixture
def mexico(db):
    return Country.objects.get(iso2="MX")


@pytest.fixture
def author(db):
    """A member who writes notes and holds no role."""
    return UserFactory()


@pytest.fixture
def stranger(db):
    """Another member, with no tie to anyone's records."""
    return UserFactory()


@pytest.fixture
def focal_gh(db):
    return focal_point("GH")


@pytest.fixture
def focal_mx(db):
    return focal_point("MX")


@pytest.fixture
def staff(db):
    return user_with_role("network_staff")
