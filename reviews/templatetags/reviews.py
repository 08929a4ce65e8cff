"""Labels for the codes stored in report snapshots."""

from django import template

from reviews.choices import ProgressStatus

register = template.Library()


@register.filter
def progress_label(code: str) -> str:
    try:
        return ProgressStatus(code).label
    except ValueError:
        return code
