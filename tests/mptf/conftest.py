"""People who act on the trust fund's records, and a way to watch publication events."""

from __future__ import annotations

import pytest

from gcm_portal.core.publication import publication_changed
from tests.factories import mptf as f


@pytest.fixture
def fm(db):
    return f.fund_manager()


@pytest.fixture
def staff(db):
    return f.staff()


@pytest.fixture
def iom_fp(db):
    return f.entity_fp("IOM")


@pytest.fixture
def undp_fp(db):
    return f.entity_fp("UNDP")


@pytest.fixture
def announced():
    """The publication events sent (after commit) while the test runs: (change, model label, pk)."""
    events = []

    def listener(sender, event, **kwargs):
        events.append((event.change, event.kind, event.pk))

    publication_changed.connect(listener)
    yield events
    publication_changed.disconnect(listener)
