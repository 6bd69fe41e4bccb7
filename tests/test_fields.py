"""A select's choices are read with one plain query, once per form."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tera.fields import ModelChoiceField, ModelMultipleChoiceField
from tera.organizations.models import Opd

pytestmark = pytest.mark.django_db


class OpdForm(forms.Form):
    owner = ModelChoiceField(queryset=Opd.objects.order_by("name"))
    helpers = ModelMultipleChoiceField(queryset=Opd.objects.order_by("name"), required=False)


def test_each_select_reads_its_choices_once_however_often_it_is_drawn(kominfo, bappeda):
    form = OpdForm()
    with CaptureQueriesContext(connection) as captured:
        first = str(form["owner"]) + str(form["helpers"])
        again = str(form["owner"]) + str(form["helpers"])
    assert first == again
    assert first.count(f'value="{kominfo.pk}"') == 2 and first.count(f'value="{bappeda.pk}"') == 2
    assert len(captured) == 2
    assert not any("DECLARE" in query["sql"] for query in captured)


def test_a_choice_is_still_checked_against_the_database(kominfo, bappeda):
    form = OpdForm({"owner": kominfo.pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["owner"] == kominfo
    bappeda_pk = bappeda.pk
    bappeda.delete()
    assert not OpdForm({"owner": bappeda_pk}).is_valid()
