from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from creneau.accounts.models import User
from creneau.accounts.phone import validate_mobile
from creneau.accounts.validators import PersonalDataSimilarityValidator


class MobilePhoneField(PhoneNumberField):  # type: ignore[misc]  # the library ships no types
    """A mobile number, national or international. `validate_mobile` checks validity as well, so
    the library's own validity check is left out: one error for one mistake, not the same
    sentence twice."""

    default_validators: list[Any] = []

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Mobile phone"))
        kwargs.setdefault("region", "FR")
        kwargs.setdefault("validators", [validate_mobile])
        kwargs.setdefault("error_messages", {"invalid": _("Enter a valid mobile phone number.")})
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs["autocomplete"] = "tel"


class SignupExtraForm(forms.Form):
    """The fields allauth's sign-up form adds to e-mail and password (the privacy policy's five)."""

    first_name = forms.CharField(label=_("First name"), max_length=150, strip=True)
    last_name = forms.CharField(label=_("Last name"), max_length=150, strip=True)
    phone = MobilePhoneField(
        help_text=_("French or international format, e.g. 06 12 34 56 78 or +44 7911 123456."),
    )

    # allauth's sign-up form takes this order: who you are, how to reach you, then the password.
    field_order = ["first_name", "last_name", "email", "phone", "password1"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, autocomplete in (("last_name", "family-name"), ("first_name", "given-name")):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

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
    first_name = forms.CharField(label=_("First name"), max_length=150, strip=True)
    last_name = forms.CharField(label=_("Last name"), max_length=150, strip=True)
    phone = MobilePhoneField(
        help_text=_("A new number is confirmed by a code we send to it by SMS."),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("fr", "Français"), ("en", "English")]
    )
