from __future__ import annotations

from django import forms

from creneau.privacy import policy
from creneau.privacy.models import ConsentSource

ACCEPT_ALL = "accept_all"
REFUSE_ALL = "refuse_all"
SAVE = "save"


class ConsentForm(forms.Form):
    """The banner's and the settings page's form: one of three buttons, and the boxes ticked
    (read only with "save"). Labels are rendered by the templates from the consent interface."""

    choice = forms.ChoiceField(
        choices=[(ACCEPT_ALL, ACCEPT_ALL), (REFUSE_ALL, REFUSE_ALL), (SAVE, SAVE)]
    )
    categories = forms.MultipleChoiceField(
        choices=[(key, key) for key in policy.OPTIONAL_CATEGORY_KEYS], required=False
    )
    source = forms.ChoiceField(
        choices=[(s.value, s.label) for s in (ConsentSource.BANNER, ConsentSource.SETTINGS)],
        required=False,
    )
    next = forms.CharField(required=False, max_length=2000)

    def granted(self) -> set[str]:
        choice = self.cleaned_data["choice"]
        if choice == ACCEPT_ALL:
            return set(policy.OPTIONAL_CATEGORY_KEYS)
        if choice == REFUSE_ALL:
            return set()
        return set(self.cleaned_data["categories"])

    def chosen_source(self) -> str:
        return self.cleaned_data["source"] or ConsentSource.BANNER.value
