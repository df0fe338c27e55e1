"""Records of processing activities (GDPR art. 30) and the privacy policy's generated sections,
both from the registry.

One record per purpose: the personal fields processed for it, their categories, legal bases,
retention, what erasure does and who receives them, all from the declarations (recipients
included, `registry.Recipient`). The records-of-processing page and the privacy policy read the
same records, so neither can disagree with the code that exports, erases and purges. Texts come
out in the active language: declarations are translatable, labels are `registry.*_LABELS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation

from creneau.privacy.registry import (
    BASIS_LABELS,
    CATEGORY_LABELS,
    ON_ERASURE_LABELS,
    RECIPIENT_LABELS,
    OnErasure,
    Personal,
    Recipient,
    registry,
    source_text,
)


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
    # What erasure keeps of it (pseudonymised or kept for a legal obligation), with until when.
    kept: list[str] = field(default_factory=list)

    def add(self, attribute: str, *values: str) -> None:
        current: list[str] = getattr(self, attribute)
        current.extend(value for value in values if value not in current)
        current.sort()

    def as_dict(self) -> dict[str, Any]:
        return {
            "purpose": self.purpose,
            "categories": self.categories,
            "bases": self.bases,
            "retentions": self.retentions,
            "recipients": self.recipients,
            "kept": self.kept,
        }


def recipient_label(recipient: Recipient) -> str:
    label = str(RECIPIENT_LABELS[recipient])
    if recipient is Recipient.HOSTING:
        return f"{label}: {settings.HOSTING_PROVIDER}"
    return label


def records_of_processing() -> list[ProcessingRecord]:
    """One record per declared purpose, sorted by purpose in the active language, each field
    once."""
    records: dict[str, ProcessingRecord] = {}
    for entry in registry.entries(personal_only=True):
        declaration = entry.declaration
        assert isinstance(declaration, Personal)
        record = records.setdefault(
            source_text(declaration.purpose).lower(),
            ProcessingRecord(purpose=str(declaration.purpose)),
        )
        erasure = str(ON_ERASURE_LABELS[declaration.on_erasure])
        if declaration.keep_until:
            erasure = f"{erasure} ({declaration.keep_until})"
        record.add("categories", str(CATEGORY_LABELS[declaration.category]))
        record.add("bases", str(BASIS_LABELS[declaration.basis]))
        record.add("retentions", str(declaration.retention))
        record.add("on_erasure", erasure)
        record.add("recipients", *(recipient_label(r) for r in declaration.recipients))
        record.add("fields", entry.key)
        if declaration.on_erasure is not OnErasure.DELETE:
            record.add("kept", erasure)
    return sorted(records.values(), key=lambda record: record.purpose.casefold())


def policy_sections(language: str | None = None) -> dict[str, Any]:
    """The privacy policy's generated sections, as plain data in `language` (the active one by
    default): one row per purpose, the categories, the recipients and what erasure keeps."""
    with translation.override(language or translation.get_language()):
        records = records_of_processing()
        return {
            "purposes": [record.as_dict() for record in records],
            "categories": sorted({c for record in records for c in record.categories}),
            "recipients": sorted({r for record in records for r in record.recipients}),
            "kept": [
                {"purpose": record.purpose, "kept": record.kept}
                for record in records
                if record.kept
            ],
        }
