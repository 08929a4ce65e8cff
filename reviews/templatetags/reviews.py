"""Labels for the codes stored in report snapshots (progress statuses, language codes)."""

from django import template

from reviews.choices import LANGUAGE_CHOICES, ProgressStatus

register = template.Library()

_LANGUAGES = dict(LANGUAGE_CHOICES)


@register.filter
def progress_label(code: str) -> str:
    try:
        return ProgressStatus(code).label
    except ValueError:
        return code


@register.filter
def language_name(code: str) -> str:
    return str(_LANGUAGES.get(code, code))


@register.filter
def language_names(codes) -> str:
    return ", ".join(language_name(code) for code in codes or [])
