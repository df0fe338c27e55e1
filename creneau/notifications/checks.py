"""A claim timeout shorter than the mail server's timeout would hand a message still being
sent to a second worker: warn about it at start."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register()
def claim_outlasts_smtp_timeout(**kwargs: Any) -> list[CheckMessage]:
    claim = settings.NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS
    smtp = float(getattr(settings, "EMAIL_TIMEOUT", None) or 0)
    if claim <= smtp * 2:
        return [
            Warning(
                f"NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS ({claim}) should be well above "
                f"EMAIL_TIMEOUT ({smtp:g}): a message still being sent could be sent again.",
                id="notifications.W001",
            )
        ]
    return []
