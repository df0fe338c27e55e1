"""Keep personal data out of log lines.

Every handler goes through `RedactPersonalDataFilter`: e-mail addresses and phone numbers are
masked by pattern, and the personal values of the user behind the current request (names,
e-mail, phone, set by `LastActivityMiddleware`) are masked wherever they appear as whole words,
tracebacks included. Whole words only, and values of at least `MIN_VALUE_LENGTH` characters: a
customer named "Race" must not turn every "Traceback" into "T[redacted]back", or a search of
the log for tracebacks would miss them. The words a log line is made of (`LOG_WORDS`) are never
masked, whoever is named like them.
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
MIN_VALUE_LENGTH = 3
LOG_WORDS = frozenset(
    {"traceback", "most", "recent", "call", "last", "file", "line", "error", "exception"}
    | {"debug", "info", "warning", "critical", "during", "handling", "above", "direct", "cause"}
)


def _personal_pattern(values: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted(
        {
            value.strip()
            for value in values
            if len(value.strip()) >= MIN_VALUE_LENGTH and value.strip().lower() not in LOG_WORDS
        },
        key=len,
        reverse=True,
    )
    if not words:
        return None
    # Longest first, so "Marie-Claire" is masked whole before "Marie".
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)


def redact(text: str) -> str:
    text = EMAIL_RE.sub(MASK, text)
    text = PHONE_RE.sub(MASK, text)
    pattern = _personal_pattern(personal_values.get())
    if pattern is not None:
        text = pattern.sub(MASK, text)
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
