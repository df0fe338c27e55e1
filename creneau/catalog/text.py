"""Text normalisation shared by the search index and the search queries.

Both sides go through `normalise`, so "Salon Éléa", "SALON ELEA" and "salon   éléa" meet as
"salon elea". Pure Python: the same on SQLite and PostgreSQL, no collation or extension needed.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose but French writes every day.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, no accents or punctuation, one space between words.

    "L'Atelier  Éléa" becomes "l atelier elea".
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", stripped).strip()


def terms(text: str) -> list[str]:
    """The distinct normalised words of a query, in order."""
    return list(dict.fromkeys(normalise(text).split()))
