"""The hub's background tasks: thin, ids in, one service call."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="knowledge.index_record")
def index_record_task(label: str, pk: int) -> str:
    """Refresh one record's entry in the unified index after a publication event."""
    from .services.index import index_record_refresh

    return index_record_refresh(label=label, pk=pk)


@shared_task(name="knowledge.send_digests")
def send_digests_task() -> int:
    """Daily: the digests due today (daily ones every day, weekly ones seven days after the last)."""
    from .services.follows import digests_send

    return digests_send(now=timezone.now())
