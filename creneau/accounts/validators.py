"""Password validation that sees the person: names, e-mail address and its local part."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from django.contrib.auth.password_validation import exceeds_maximum_length_ratio
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class PersonalDataSimilarityValidator:
    """Refuses a password too close to the first name, the last name, the e-mail address or
    the e-mail's local part taken whole (`claire.martin` for `claire.martin@example.org`,
    which Django's UserAttributeSimilarityValidator lets through: it compares the whole
    address and each word, never the local part) or any word of them.

    allauth validates a new account's password against a user that has only its e-mail;
    `SignupExtraForm.clean` runs this validator again with the names, on the site and the app.
    """

    def __init__(self, max_similarity: float = 0.7) -> None:
        if max_similarity < 0.1:
            raise ValueError("max_similarity must be at least 0.1")
        self.max_similarity = max_similarity

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        email = str(getattr(user, "email", "") or "")
        values = [
            str(getattr(user, "first_name", "") or ""),
            str(getattr(user, "last_name", "") or ""),
            email,
            email.partition("@")[0],
        ]
        password_lower = password.lower()
        for value in filter(None, (v.lower() for v in values)):
            for part in {value, *re.split(r"\W+", value)}:
                if len(part) < 3 or exceeds_maximum_length_ratio(
                    password_lower, self.max_similarity, part
                ):
                    continue
                ratio = SequenceMatcher(a=password_lower, b=part).quick_ratio()
                if ratio >= self.max_similarity:
                    raise ValidationError(
                        _("The password is too similar to your name or your e-mail address."),
                        code="password_too_similar",
                    )

    def get_help_text(self) -> str:
        return _("Your password cannot be too similar to your name or your e-mail address.")
