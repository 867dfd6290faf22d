from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def alternates(context) -> str:
    """<link rel="alternate" hreflang> of the page in each language, for search engines."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return ""
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    links = [
        (code, request.build_absolute_uri(translate_url(request.path, code)) + suffix)
        for code, _name in settings.LANGUAGES
    ]
    each = format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
    default = format_html('<link rel="alternate" hreflang="x-default" href="{}">', links[0][1])
    return each + format_html("\n  {}", default)
