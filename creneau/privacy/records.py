"""Records of processing activities (GDPR art. 30), generated from the registry.

One record per purpose: the personal fields processed for it, their categories, legal bases,
retention and what erasure does, and who receives them. Nothing here is written by hand but
the recipients of each category of data, which the registry does not hold; so the page and
the code that exports, erases and purges cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from creneau.privacy.registry import Category, Personal, registry

# Who receives each category of data besides the operator's authorised staff and its host
# (a processor, named from settings on every record).
RECIPIENTS: dict[Category, tuple[str, ...]] = {
    Category.IDENTITY: ("the salons the person books with",),
    Category.CONTACT: (
        "the salons the person books with",
        "the e-mail and SMS delivery providers (processors)",
    ),
    Category.CREDENTIALS: (),
    Category.BOOKING: ("the salons the person books with",),
    Category.PREFERENCES: (),
    Category.TECHNICAL: (),
}


@dataclass
class ProcessingRecord:
    purpose: str
    # Sorted lists of distinct values, so the page reads the same on every load.
    categories: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    retentions: list[str] = field(default_factory=list)
    on_erasure: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)

    def add(self, attribute: str, *values: str) -> None:
        current: list[str] = getattr(self, attribute)
        current.extend(value for value in values if value not in current)
        current.sort()


def records_of_processing() -> list[ProcessingRecord]:
    """One record per declared purpose, sorted by purpose, each field once."""
    records: dict[str, ProcessingRecord] = {}
    host = f"{settings.HOSTING_PROVIDER} (hosting, processor)"
    for entry in registry.entries(personal_only=True):
        declaration = entry.declaration
        assert isinstance(declaration, Personal)
        record = records.setdefault(
            declaration.purpose.lower(), ProcessingRecord(purpose=declaration.purpose)
        )
        erasure = declaration.on_erasure.value
        if declaration.keep_until:
            erasure = f"{erasure} ({declaration.keep_until})"
        record.add("categories", declaration.category.value)
        record.add("bases", declaration.basis.value)
        record.add("retentions", declaration.retention)
        record.add("on_erasure", erasure)
        record.add("recipients", host, *RECIPIENTS.get(declaration.category, ()))
        record.add("fields", entry.key)
    return [records[key] for key in sorted(records)]
