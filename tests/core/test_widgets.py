"""The fast select widgets write the same HTML as Django's templates."""

import pytest
from django import forms
from django.test.html import parse_html

from gcm_portal.core.widgets import FastSelect, FastSelectMultiple
from gcm_portal.taxonomy.models import Country

pytestmark = pytest.mark.django_db

CHOICES = [("", "---------"), ("a", "Alpha & <b>"), ("b", "Beta"), ("Group", [("c", "Gamma"), ("d", "Delta")])]


def _normalise(html: str):
    return parse_html(html)  # attribute order and white space do not matter


@pytest.mark.parametrize(
    ("fast", "slow", "value"), [(FastSelect, forms.Select, "b"), (FastSelectMultiple, forms.SelectMultiple, ["a", "d"])]
)
def test_the_html_is_the_same_as_djangos(fast, slow, value):
    attrs = {"id": "id_x", "size": 4, "aria-describedby": "help"}
    mine = fast(choices=CHOICES).render("x", value, attrs=attrs)
    theirs = slow(choices=CHOICES).render("x", value, attrs=attrs)
    assert _normalise(mine) == _normalise(theirs)
    assert "Alpha &amp; &lt;b&gt;" in mine


def test_a_model_choice_field_with_the_fast_widget_selects_its_value():
    field = forms.ModelChoiceField(
        queryset=Country.objects.order_by("sort_name"), widget=FastSelect, to_field_name="iso2"
    )
    html = field.widget.render("country", "GH", attrs={"id": "id_country"})
    assert '<option value="GH" selected>Ghana</option>' in html and html.count("<option") == Country.objects.count() + 1
