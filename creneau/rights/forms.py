"""The public "exercise my rights" form (`rights_requests.rights_request_submit`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creneau.rights.models import RightsRequest


class RightsRequestForm(forms.Form):
    """The public "exercise my rights" form (`rights_requests.rights_request_submit`)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to this address: your request is received once you open it."),
    )
    right = forms.ChoiceField(
        label=_("The right you want to exercise"),
        choices=[],
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("Your request"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Anything that helps us answer, e.g. the data to correct."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["right"].choices = RightsRequest.Right.choices  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ChoiceField
