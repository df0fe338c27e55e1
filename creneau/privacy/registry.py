"""The personal-data registry: every model field of the project, declared once.

Each app declares its own models in its own `privacy.py` (found and imported when the privacy
app loads, as the admin finds `admin.py`), with what the framework runs for it: export and
erase handlers, address erasers, retention rules, erasure blockers and the rights desk's
matchers. The privacy app is a framework: it imports no domain app and names no domain model;
declarations pass the model classes themselves, and third-party models (Django's, allauth's,
the task queue's) are declared in `creneau/privacy/thirdparty.py`, which the framework
registers itself.

A field is either `personal(...)` (category, purpose, legal basis, retention, what erasure does
to it) or `NOT_PERSONAL`. `undeclared_fields()` lists the fields of installed models that are
neither; `tests/privacy/test_every_field_of_every_installed_model_is_declared.py` fails on
any, so a new field cannot escape export or erasure. Export, erasure, retention and the
records-of-processing page read this.
See docs/privacy-registry.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeAlias

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The project's user model (settings.AUTH_USER_MODEL), as the framework sees it. The framework
# names no domain model, not even for the type checker (the accounts app is above it), so a user
# is Any here; each app's handlers annotate it as its own User.
AnyUser: TypeAlias = Any


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


class Recipient(StrEnum):
    """Who receives a field besides the operator's authorised staff, from a small fixed set,
    so the privacy policy and the records of processing can name each one."""

    SALON = "salon"
    HOSTING = "hosting"
    MESSAGING = "messaging"


# The words the privacy policy and the records of processing show, in the reader's language.
CATEGORY_LABELS: dict[Category, Promise] = {
    Category.IDENTITY: _("identity"),
    Category.CONTACT: _("contact details"),
    Category.CREDENTIALS: _("credentials"),
    Category.BOOKING: _("bookings"),
    Category.PREFERENCES: _("preferences and choices"),
    Category.TECHNICAL: _("technical data"),
}
BASIS_LABELS: dict[Basis, Promise] = {
    Basis.CONTRACT: _("performance of the contract"),
    Basis.CONSENT: _("your consent"),
    Basis.LEGAL_OBLIGATION: _("legal obligation"),
    Basis.LEGITIMATE_INTEREST: _("legitimate interest"),
}
ON_ERASURE_LABELS: dict[OnErasure, Promise] = {
    OnErasure.DELETE: _("deleted"),
    OnErasure.PSEUDONYMISE: _("kept without your identity (pseudonymised)"),
    OnErasure.KEEP: _("kept for a legal obligation"),
}
RECIPIENT_LABELS: dict[Recipient, Promise] = {
    Recipient.SALON: _("the salons the person books with"),
    Recipient.HOSTING: _("our hosting provider (processor)"),
    Recipient.MESSAGING: _("the e-mail and SMS delivery providers (processors)"),
}
# Who receives a field when its declaration does not say: everything is hosted; what
# identifies the person, their contact details and their bookings go to the salon they book
# with, and messages go through the delivery providers.
DEFAULT_RECIPIENTS: dict[Category, tuple[Recipient, ...]] = {
    Category.IDENTITY: (Recipient.SALON, Recipient.HOSTING),
    Category.CONTACT: (Recipient.SALON, Recipient.MESSAGING, Recipient.HOSTING),
    Category.CREDENTIALS: (Recipient.HOSTING,),
    Category.BOOKING: (Recipient.SALON, Recipient.HOSTING),
    Category.PREFERENCES: (Recipient.HOSTING,),
    Category.TECHNICAL: (Recipient.HOSTING,),
}

Text = str | Promise


def source_text(text: Text) -> str:
    """The words as declared (the English source of a translatable text), whatever language is
    active: what groups, filters and digests compare."""
    with translation.override(None):
        return str(text)


@dataclass(frozen=True)
class Personal:
    # Purpose, retention and keep_until are translatable texts (gettext_lazy): the privacy
    # policy shows them in the reader's language.
    category: Category
    purpose: Text
    basis: Basis
    retention: Text
    on_erasure: OnErasure
    period: timedelta | None = None
    # For OnErasure.KEEP: until when, in words ("10 years after the end of the financial year").
    keep_until: Text = ""
    recipients: tuple[Recipient, ...] = ()

    is_personal = True


@dataclass(frozen=True)
class NotPersonal:
    is_personal = False


NOT_PERSONAL = NotPersonal()
Declaration = Personal | NotPersonal


def personal(
    *,
    category: Category | str,
    purpose: Text,
    basis: Basis | str,
    retention: Text,
    on_erasure: OnErasure | str,
    period: timedelta | None = None,
    keep_until: Text = "",
    recipients: Iterable[Recipient | str] | None = None,
) -> Personal:
    """Declare a personal field. A field kept for a legal obligation must say until when.
    `recipients` defaults to those of its category (`DEFAULT_RECIPIENTS`)."""
    on_erasure = OnErasure(on_erasure)
    category = Category(category)
    chosen = (
        DEFAULT_RECIPIENTS[category]
        if recipients is None
        else tuple(Recipient(r) for r in recipients)
    )
    if on_erasure is OnErasure.KEEP and not keep_until:
        raise ValueError("A field kept for a legal obligation needs `keep_until`.")
    return Personal(
        category=category,
        purpose=purpose,
        basis=Basis(basis),
        retention=retention,
        on_erasure=on_erasure,
        period=period,
        keep_until=keep_until,
        recipients=chosen,
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

    user: AnyUser
    actor: AnyUser | None  # None: the system (retention, a replayed erasure)
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
DeskMatcher = Callable[..., Mapping[str, int]]
ModelRef = type[models.Model] | str


def model_label(model: ModelRef) -> str:
    """ "app_label.modelname" of a model class (or of a label, for a model another branch of
    the code declares before it exists)."""
    if isinstance(model, str):
        return model.lower()
    return model._meta.label_lower


def installed_models() -> dict[str, type[models.Model]]:
    """Every installed model by "app_label.modelname", read from the app configs."""
    return {
        model._meta.label_lower: model
        for config in apps.get_app_configs()
        for model in config.get_models()
    }


@dataclass(frozen=True)
class Rule:
    """A retention rule: `select(now)` is what is due (a queryset), `apply(selected, now)` does
    it and returns how many rows it handled (default: delete them, counting the rows of the
    selected model only). `text` is the rule in words, for `manage.py retention --help`; rules
    run by `order`, then by code. Each rule must be idempotent: what it did is no longer
    selected."""

    code: str
    text: str
    select: Callable[[Any], QuerySet[Any]]
    apply: Callable[[QuerySet[Any], Any], int] | None = None
    order: int = 100


@dataclass(frozen=True)
class ErasureBlocker:
    """A reason an account cannot be erased as a customer: `rows(user)` selects what holds it
    (also called with `OuterRef("pk")` so retention can skip such accounts in one query);
    when it selects anything, `reason` is shown instead of the delete button."""

    name: str
    rows: Callable[[Any], QuerySet[Any]]
    reason: str | Promise


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
        self._rules: dict[str, Rule] = {}
        self._blockers: dict[str, ErasureBlocker] = {}
        self._desk_matchers: dict[str, DeskMatcher] = {}
        # Bumped by every declaration, so what is derived from the declarations (the privacy
        # policy's version) knows when to derive again.
        self.generation = 0

    # --- declaring -----------------------------------------------------------------------------
    def register(self, model: ModelRef, fields: Mapping[str, Declaration]) -> None:
        """Declare the fields of `model` (the model class). May be called again to add."""
        declared = self._models.setdefault(model_label(model), {})
        self.generation += 1
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

    def register_retention_rule(self, rule: Rule) -> None:
        """Add or replace (by code) a retention rule, which the daily job runs."""
        self._rules[rule.code] = rule

    def register_erasure_blocker(
        self, name: str, *, rows: Callable[[Any], QuerySet[Any]], reason: str | Promise
    ) -> None:
        """Register a precondition of erasure owned by an app (see `ErasureBlocker`)."""
        self._blockers[name] = ErasureBlocker(name=name, rows=rows, reason=reason)

    def register_desk_matcher(self, name: str, match: DeskMatcher) -> None:
        """Register how an app finds what it holds about the person behind a request to the
        operator: `match(*, email, accounts)` returns counts by key, shown on the desk's
        request page (no rows, no personal data)."""
        self._desk_matchers[name] = match

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

    def retention_rules(self) -> list[Rule]:
        return sorted(self._rules.values(), key=lambda rule: (rule.order, rule.code))

    def erasure_blockers(self) -> list[ErasureBlocker]:
        return [self._blockers[name] for name in sorted(self._blockers)]

    def desk_matches(self, *, email: str, accounts: list[Any]) -> dict[str, int]:
        """Counts by key from every app's desk matcher, for the person behind `email` and the
        accounts found with it."""
        counts: dict[str, int] = {}
        for name in sorted(self._desk_matchers):
            counts.update(self._desk_matchers[name](email=email, accounts=accounts))
        return counts

    def declaration(self, model: ModelRef, field_name: str) -> Declaration | None:
        return self._models.get(model_label(model), {}).get(field_name)

    def entries(
        self,
        *,
        personal_only: bool = False,
        category: Category | str | None = None,
        purpose: str | None = None,
        basis: Basis | str | None = None,
        on_erasure: OnErasure | str | None = None,
        model: ModelRef | None = None,
    ) -> list[FieldEntry]:
        """Declared fields, filtered: any filter on a personal attribute implies personal only.
        `purpose` matches case-insensitively as a substring."""
        found = []
        wanted_model = model_label(model) if model else None
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
                declared = source_text(declaration.purpose).lower()
                if purpose is not None and purpose.lower() not in declared:
                    continue
                found.append(FieldEntry(label, name, declaration))
        return found

    def personal_fields(self, model: ModelRef) -> list[str]:
        return [entry.field for entry in self.entries(personal_only=True, model=model)]

    # --- checking ------------------------------------------------------------------------------
    def undeclared_fields(
        self, model_classes: Iterable[type[models.Model]] | None = None
    ) -> list[str]:
        """Fields of the given models (default: every installed model) declared neither
        personal nor not personal, as "app_label.model.field"."""
        if model_classes is None:
            model_classes = installed_models().values()
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
        installed = installed_models()
        for label, fields in self._models.items():
            model_class = installed.get(label)
            if model_class is None:
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
register_retention_rule = registry.register_retention_rule
register_erasure_blocker = registry.register_erasure_blocker
register_desk_matcher = registry.register_desk_matcher
