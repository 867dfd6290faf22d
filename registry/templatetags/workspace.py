from django import template
from django.template.loader import render_to_string

from .. import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context, section: hooks.Section) -> str:
    """An app's section of a registry page, rendered with its own template and context."""
    return render_to_string(section.template, section.context, context.get("request"))


@register.simple_tag(takes_context=True)
def staff_nav(context) -> list[hooks.NavItem]:
    return hooks.collect(hooks.STAFF_NAV, context["request"])
