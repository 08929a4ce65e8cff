from celery import shared_task
from django.utils import timezone


@shared_task(name="mptf.send_report_reminders")
def send_report_reminders_task() -> list[str]:
    """Daily: reminders to the focal points of programmes whose annual reports are due soon."""
    from .services import report_reminders_send

    return report_reminders_send(today=timezone.localdate())
