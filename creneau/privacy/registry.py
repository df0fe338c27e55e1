"""The personal-data registry: every model field of the project, declared once.

Each app declares its own models in its own `privacy.py` (found and imported when the privacy
app loads, as the admin finds `admin.py`), with its export and erase handlers. The privacy app
is a framework: it imports no domain app, models are named by label ("bookings.Booking"), and
third-party models (Django's, allauth's, the task queue's) are declared in
`creneau/privacy/thirdparty.py`, which the framework registers itself.

A field is either `personal(...)` (category, purpose, legal basis, retention, what erasure does
to it) or `NOT_PERSONAL`. `undeclared_fields()` lists the fields of installed models that are
neither; `tests/privacy/test_registry_complete.py` fails on any, so a new field cannot escape
export or erasure. Export, erasure, retention and the records-of-processing page read this.
See docs/privacy-registry.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from creneau.accounts.models import User


class Category(StrEnum):
    IDENTITY = "identity"
    CONTACT = "contact"
    CREDENTIALS = "credentials"
    BOOKING = "booking"
    PREFERENCES = "preferences"
    TECHNICAL = "technical"


class Basis(StrEnum):
    CONTRACT = "contract"
    CONSENT = "consent"
    LEGAL_OBLIGATION = "legal obligation"
    LEGITIMATE_INTEREST = "legitimate interest"


class OnErasure(StrEnum):
    DELETE = "delete"
    PSEUDONYMISE = "pseudonymise"
    KEEP = "keep for a legal obligation"


@dataclass(frozen=True)
class Personal:
    category: Category
    purpose: str
    basis: Basis
    retention: str
    on_erasure: OnErasure
    period: timedelta | None = None
    # For OnErasure.KEEP: until when, in words ("10 years after the end of the financial year").
    keep_until: str = ""

    is_personal = True


@dataclass(frozen=True)
class NotPersonal:
    is_personal = False


NOT_PERSONAL = NotPersonal()
Declaration = Personal | NotPersonal


def personal(
    *,
    category: Category | str,
    purpose: str,
    basis: Basis | str,
    retention: str,
    on_erasure: OnErasure | str,
    period: timedelta | None = None,
    keep_until: str = "",
) -> Personal:
    """Declare a personal field. A field kept for a legal obligation must say until when."""
    on_erasure = OnErasure(on_erasure)
    if on_erasure is OnErasure.KEEP and not keep_until:
        raise ValueError("A field kept for a legal obligation needs `keep_until`.")
    return Personal(
        category=Category(category),
        purpose=purpose,
        basis=Basis(basis),
        retention=retention,
        on_erasure=on_erasure,
        period=period,
        keep_until=keep_until,
    )


@dataclass(frozen=True)
class FieldEntry:
    model: str  # "app_label.ModelName"
    field: str
    declaration: Declaration

    @property
    def key(self) -> str:
        return f"{self.model}.{self.field}"


@dataclass
class ErasureContext:
    """What an erase handler gets: the person, who asked, the time, and where to count.

    `emails` and `phones` are the person's addresses, read before anything is erased (walk-in
    contacts and queued messages are matched on them). `keep_message_ids` are outbox rows this
    erasure itself created (the salons' notices), which the outbox handler must not delete.
    """

    user: User
    actor: User | None  # None: the system (retention, a replayed erasure)
    now: datetime
    emails: set[str]
    phones: set[str]
    counts: dict[str, int] = field(default_factory=dict)
    keep_message_ids: set[int] = field(default_factory=set)

    def count(self, table: str, number: int) -> None:
        if number:
            self.counts[table] = self.counts.get(table, 0) + number


Exporter = Callable[..., Mapping[str, list[dict[str, Any]]]]
Eraser = Callable[[ErasureContext], None]
AddressEraser = Callable[..., dict[str, int]]


@dataclass(frozen=True)
class Handlers:
    name: str
    order: int
    export: Exporter | None
    erase: Eraser | None


class Registry:
    def __init__(self) -> None:
        self._models: dict[str, dict[str, Declaration]] = {}
        self._handlers: dict[str, Handlers] = {}
        self._address_erasers: dict[str, AddressEraser] = {}

    # --- declaring -----------------------------------------------------------------------------
    def register(self, model: str, fields: Mapping[str, Declaration]) -> None:
        """Declare the fields of `model` ("app_label.ModelName"). May be called again to add."""
        declared = self._models.setdefault(model.lower(), {})
        for name, declaration in fields.items():
            if not isinstance(declaration, Personal | NotPersonal):
                raise TypeError(f"{model}.{name}: declare it with personal() or NOT_PERSONAL")
            declared[name] = declaration

    def register_handlers(
        self,
        name: str,
        *,
        export: Exporter | None = None,
        erase: Eraser | None = None,
        order: int = 100,
    ) -> None:
        """Register an app's export and erase handlers; erasure calls them by `order`, then by
        name. `export(*, user)` returns {section: [row, ...]}; `erase(context)` erases and
        counts what it did with `context.count(table, n)`."""
        self._handlers[name] = Handlers(name=name, order=order, export=export, erase=erase)

    def register_address_eraser(self, name: str, erase: AddressEraser) -> None:
        """Register how an app erases what it holds about a person known only by an address
        (no account: a salon's walk-in contact). `erase(*, emails, now)` returns counts per
        table."""
        self._address_erasers[name] = erase

    def erase_by_address(self, *, emails: set[str], now: Any) -> dict[str, int]:
        """Erase, in every app, what is held about the person with these addresses and no
        account. Returns counts per table (no personal data)."""
        counts: dict[str, int] = {}
        for name in sorted(self._address_erasers):
            for table, number in self._address_erasers[name](emails=emails, now=now).items():
                counts[table] = counts.get(table, 0) + number
        return counts

    # --- reading -------------------------------------------------------------------------------
    def handlers(self) -> list[Handlers]:
        return sorted(self._handlers.values(), key=lambda h: (h.order, h.name))

    def declaration(self, model: str, field_name: str) -> Declaration | None:
        return self._models.get(model.lower(), {}).get(field_name)

    def entries(
        self,
        *,
        personal_only: bool = False,
        category: Category | str | None = None,
        purpose: str | None = None,
        basis: Basis | str | None = None,
        on_erasure: OnErasure | str | None = None,
        model: str | None = None,
    ) -> list[FieldEntry]:
        """Declared fields, filtered: any filter on a personal attribute implies personal only.
        `purpose` matches case-insensitively as a substring."""
        found = []
        wanted_model = model.lower() if model else None
        filtering = any(v is not None for v in (category, purpose, basis, on_erasure))
        for label, fields in sorted(self._models.items()):
            if wanted_model and label != wanted_model:
                continue
            for name, declaration in fields.items():
                if not isinstance(declaration, Personal):
                    if personal_only or filtering:
                        continue
                    found.append(FieldEntry(label, name, declaration))
                    continue
                if category is not None and declaration.category != Category(category):
                    continue
                if basis is not None and declaration.basis != Basis(basis):
                    continue
                if on_erasure is not None and declaration.on_erasure != OnErasure(on_erasure):
                    continue
                if purpose is not None and purpose.lower() not in declaration.purpose.lower():
                    continue
                found.append(FieldEntry(label, name, declaration))
        return found

    def personal_fields(self, model: str) -> list[str]:
        return [entry.field for entry in self.entries(personal_only=True, model=model)]

    # --- checking ------------------------------------------------------------------------------
    def undeclared_fields(
        self, model_classes: Iterable[type[models.Model]] | None = None
    ) -> list[str]:
        """Fields of the given models (default: every installed model) declared neither
        personal nor not personal, as "app_label.model.field"."""
        if model_classes is None:
            model_classes = apps.get_models()
        missing = []
        for model_class in model_classes:
            declared = self._models.get(model_class._meta.label_lower, {})
            for name in model_field_names(model_class):
                if name not in declared:
                    missing.append(f"{model_class._meta.label_lower}.{name}")
        return missing

    def stale_declarations(self) -> list[str]:
        """Declared fields of installed models that do not exist (a renamed or removed field).
        Models not installed are ignored: an app may declare a model another engineer has not
        shipped yet."""
        stale: list[str] = []
        for label, fields in self._models.items():
            try:
                model_class = apps.get_model(label)
            except LookupError:
                continue
            existing = set(model_field_names(model_class))
            stale.extend(f"{label}.{name}" for name in fields if name not in existing)
        return stale


def model_field_names(model_class: type[models.Model]) -> list[str]:
    """The fields a model stores: its concrete columns and its many-to-many relations (the
    through tables of auto-created relations are covered by the field that creates them)."""
    opts = model_class._meta
    return [f.name for f in opts.local_fields] + [f.name for f in opts.local_many_to_many]


registry = Registry()
register = registry.register
register_handlers = registry.register_handlers
register_address_eraser = registry.register_address_eraser
