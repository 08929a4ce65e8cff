from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from gcm_portal.taxonomy.choices import CONTENT_LANGUAGE_CHOICES

register = template.Library()


@register.simple_tag
def translated(obj, field: str):
    """A reference text in the current language; an English fallback is marked visibly."""
    text = obj.translated(field)
    if text.is_fallback:
        return format_html(
            '<span lang="en" dir="ltr">{}</span> <abbr class="fallback" title="{}">{}</abbr>',
            text.text,
            _("No official translation in this language: shown in English."),
            _("EN"),
        )
    return format_html('<span lang="{}">{}</span>', text.language, text.text)


_LANGUAGES = dict(CONTENT_LANGUAGE_CHOICES)


@register.filter
def language_name(code: str) -> str:
    """The name of a content language code ("fr" → "French", in the reader's language)."""
    return str(_LANGUAGES.get(code, code))


@register.filter
def language_names(codes) -> str:
    return ", ".join(language_name(code) for code in codes or [])
