from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        data = form.cleaned_data
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.phone = data["phone"]
        user.language = translation.get_language() or settings.LANGUAGE_CODE
        user.language = user.language[:2] if user.language[:2] in ("fr", "en") else "fr"
        return super().save_user(request, user, form, commit=commit)

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).lower()

    def get_from_email(self) -> str:
        return settings.DEFAULT_FROM_EMAIL
