"""SMS backends: the one interface every SMS goes through, chosen by `settings.SMS_BACKEND`.

No provider is reachable from here, so the default backend writes each SMS to a file
(`SMS_FILE_PATH`, var/sms/ in development) and a console backend prints them. A provider's
backend implements `send` and raises `SmsError` with the provider's answer when it refuses; any
other exception counts as a failed try too. `message_id` is stable across tries: pass it to the
provider as an idempotency key where it has one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The provider refused the message; the text is its answer (no personal data)."""


class BaseSmsBackend:
    def send(self, *, to: str, body: str, message_id: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Prints each SMS on standard output (development)."""

    def send(self, *, to: str, body: str, message_id: str) -> None:
        sys.stdout.write(f"SMS {message_id} to {to}\n{body}\n\n")
        sys.stdout.flush()


class FileSmsBackend(BaseSmsBackend):
    """Writes each SMS to `SMS_FILE_PATH/<message id>.txt`.

    The file is named after the message's id, so a message sent again replaces its own file:
    idempotent, as a provider with an idempotency key is.
    """

    def send(self, *, to: str, body: str, message_id: str) -> None:
        directory = Path(settings.SMS_FILE_PATH)
        directory.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9.-]", "_", message_id.strip("<>")) + ".txt"
        path = directory / name
        partial = path.with_suffix(".tmp")
        partial.write_text(f"To: {to}\nMessage-ID: {message_id}\n\n{body}\n", encoding="utf-8")
        partial.replace(path)  # atomic: a reader never sees half a message


def sms_backend() -> BaseSmsBackend:
    backend_class = import_string(settings.SMS_BACKEND)
    backend: BaseSmsBackend = backend_class()
    return backend
