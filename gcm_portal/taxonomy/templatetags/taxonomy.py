from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
