from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from creneau.catalog.models import BusinessCategory


class SalonSearchForm(forms.Form):
    """The search box of the home and results pages (GET, every field optional)."""

    q = forms.CharField(
        label=_("What?"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Salon or service, e.g. balayage")}
        ),
    )
    where = forms.CharField(
        label=_("Where?"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("City or postcode"), "autocomplete": "address-level2"}
        ),
    )
    category = forms.ChoiceField(
        label=_("Type of salon"),
        required=False,
        choices=[("", _("All salons")), *BusinessCategory.choices],
    )
