from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from creneau.consent import policy
from creneau.consent.models import AccountPurpose, ConsentSource

ACCEPT_ALL = "accept_all"
REFUSE_ALL = "refuse_all"
SAVE = "save"


BUTTONS = (ACCEPT_ALL, REFUSE_ALL, SAVE)


class ConsentForm(forms.Form):
    """The banner's and the settings page's form: one of three buttons, and the boxes ticked
    (read only with "save"). Labels are rendered by the templates from the consent interface.

    The pressed button is named after the choice (`<button name="refuse_all">`), which is what
    the browser sends; a `choice` field is accepted as well."""

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

    def __init__(self, data: QueryDict | None = None, **kwargs: Any) -> None:
        if data is not None and "choice" not in data:
            pressed = [button for button in BUTTONS if button in data]
            if len(pressed) == 1:
                data = data.copy()
                data["choice"] = pressed[0]
        super().__init__(data, **kwargs)

    def granted(self) -> set[str]:
        choice = self.cleaned_data["choice"]
        if choice == ACCEPT_ALL:
            # Only what was offered: a category with nothing behind it is not consented to.
            return set(policy.offered_optional_keys())
        if choice == REFUSE_ALL:
            return set()
        return set(self.cleaned_data["categories"]) & set(policy.offered_optional_keys())

    def chosen_source(self) -> str:
        return self.cleaned_data["source"] or ConsentSource.BANNER.value


class AccountChoicesForm(forms.Form):
    """The account's opt-ins: three separate boxes, none ticked until the person ticks it."""

    marketing_email = forms.BooleanField(required=False, label=AccountPurpose.MARKETING_EMAIL.label)
    marketing_sms = forms.BooleanField(required=False, label=AccountPurpose.MARKETING_SMS.label)
    personalisation = forms.BooleanField(
        required=False,
        label=AccountPurpose.PERSONALISATION.label,
        help_text=_(
            "Unticking it deletes the list of salons you looked at. Cookies of this browser are "
            "chosen separately, from the cookie settings."
        ),
    )
