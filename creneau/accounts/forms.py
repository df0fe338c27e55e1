from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from creneau.accounts.models import User
from creneau.accounts.phone import validate_mobile
from creneau.accounts.validators import PersonalDataSimilarityValidator


class SignupExtraForm(forms.Form):
    """The fields allauth's sign-up form adds to e-mail and password (the privacy policy's five)."""

    last_name = forms.CharField(label=_("Last name"), max_length=150, strip=True)
    first_name = forms.CharField(label=_("First name"), max_length=150, strip=True)
    phone = PhoneNumberField(
        label=_("Mobile phone"),
        region="FR",
        validators=[validate_mobile],
        help_text=_("French or international format, e.g. 06 12 34 56 78 or +44 7911 123456."),
        error_messages={"invalid": _("Enter a valid mobile phone number.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, autocomplete in (
            ("last_name", "family-name"),
            ("first_name", "given-name"),
            ("phone", "tel"),
        ):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        self.fields["phone"].widget.input_type = "tel"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # allauth checks the password against a user that has only the e-mail address: check
        # it again against the whole person (the site's form calls it password1, the app's
        # input password).
        field = "password1" if "password1" in self.fields else "password"
        password = data.get(field)
        if password:
            person = User(
                email=data.get("email") or "",
                first_name=data.get("first_name") or "",
                last_name=data.get("last_name") or "",
            )
            try:
                PersonalDataSimilarityValidator().validate(password, person)
            except forms.ValidationError as error:
                self.add_error(field, error)
        return data

    def signup(self, request: Any, user: User) -> None:
        # The adapter's save_user already copied the cleaned fields; nothing else to do.
        return None


class ProfileForm(forms.Form):
    last_name = forms.CharField(label=_("Last name"), max_length=150, strip=True)
    first_name = forms.CharField(label=_("First name"), max_length=150, strip=True)
    phone = PhoneNumberField(
        label=_("Mobile phone"),
        region="FR",
        validators=[validate_mobile],
        error_messages={"invalid": _("Enter a valid mobile phone number.")},
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("fr", "Français"), ("en", "English")]
    )
