"""Form widgets drawn by Jinja2, with the admin's own widgets left to Django's templates."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class WidgetRenderer(Jinja2):
    """Jinja2 draws the indicator page's many fields several times faster than Django's
    templates, with the same markup. The admin's related-object wrapper and a few other widgets
    exist only as Django templates, so those are found there."""

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.django_templates.get_template(template_name)

    @cached_property
    def django_templates(self) -> DjangoTemplates:
        return DjangoTemplates()
