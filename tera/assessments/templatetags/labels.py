"""Template filters and tags that turn stored choice values into their translated labels."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tera.assessments.models import Answer
from tera.organizations.models import Membership

register = template.Library()


@register.filter
def answer_status(value: str | None) -> str:
    return str(Answer.Status(value).label) if value in Answer.Status.values else "–"


@register.filter
def role(value: str) -> str:
    return str(Membership.Role(value).label) if value in Membership.Role.values else value


@register.simple_tag
def status_badge(status: str, label: str) -> SafeString:
    """The status of an answer or a contribution, coloured by its value (a tag rather than an
    include: the period page draws one per indicator)."""
    return format_html('<span class="status status-{}">{}</span>', status, label)
