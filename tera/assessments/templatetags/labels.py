"""Template filters that turn stored choice values into their translated labels."""

from __future__ import annotations

from django import template

from tera.assessments.models import Answer
from tera.organizations.models import Membership

register = template.Library()


@register.filter
def answer_status(value: str | None) -> str:
    return str(Answer.Status(value).label) if value in Answer.Status.values else "–"


@register.filter
def role(value: str) -> str:
    return str(Membership.Role(value).label) if value in Membership.Role.values else value
