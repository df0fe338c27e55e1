"""The typed confirmation of an erasure from the account (the site's page and the API take the
same word): erasing is destructive, so the person types it, after re-authenticating."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRMATION_WORD = "DELETE"


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Type DELETE to confirm"),
        max_length=20,
        help_text=_("This cannot be undone."),
    )

    def clean_confirmation(self) -> str:
        value: str = self.cleaned_data["confirmation"].strip()
        if value.upper() not in {CONFIRMATION_WORD, "SUPPRIMER"}:
            raise forms.ValidationError(_("Type DELETE to confirm."))
        return value
