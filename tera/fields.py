"""Form fields every app uses instead of Django's own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator


class PlainModelChoiceIterator(ModelChoiceIterator):
    """A select's choices read with one plain query, kept for the rest of the request.

    Django reads them with .iterator(), which on PostgreSQL opens a server-side cursor: three
    round trips, and a result copied at commit, for the few dozen rows of a select.
    """

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = PlainModelChoiceIterator


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = PlainModelChoiceIterator
