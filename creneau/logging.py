"""Keep personal data out of log lines.

Every handler goes through `RedactPersonalDataFilter`: e-mail addresses and phone numbers are
masked by pattern, and the personal values of the user behind the current request (names,
e-mail, phone, set by `LastActivityMiddleware`) are masked wherever they appear, tracebacks
included.
"""

from __future__ import annotations

import logging
import re
import traceback
from contextvars import ContextVar

personal_values: ContextVar[tuple[str, ...]] = ContextVar("personal_values", default=())

EMAIL_RE = re.compile(r"[\w.+'-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# International (+33 6 12 34 56 78) and national (06 12 34 56 78, 0612345678) forms.
PHONE_RE = re.compile(
    r"(?<![\w/])(?:\+|00|%2B)\d[\d .\-()]{7,17}\d|(?<![\w/])0\d(?:[ .\-]?\d{2}){4}"
)
MASK = "[redacted]"


def redact(text: str) -> str:
    text = EMAIL_RE.sub(MASK, text)
    text = PHONE_RE.sub(MASK, text)
    for value in personal_values.get():
        if len(value) >= 2:
            text = re.sub(re.escape(value), MASK, text, flags=re.IGNORECASE)
    return text


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
        record.msg = redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        # The request object carries cookies and POST data; handlers must not format it.
        if hasattr(record, "request"):
            record.request = None
        return True
