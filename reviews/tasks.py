from celery import shared_task
from django.utils import timezone


@shared_task(name="reviews.send_deadline_reminders")
def send_deadline_reminders_task() -> list[str]:
    """Daily: deadline reminders to focal points, late-State lists to staff."""
    from .services import review_reminders_send

    return review_reminders_send(today=timezone.localdate())
