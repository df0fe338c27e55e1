"""Retention (GDPR art. 5(1)(e)): each period declared in the registry or set in settings is
applied by one rule here, run daily by the clock and by `manage.py retention [--dry-run]`.

A rule selects what is due at `now` (a queryset) and applies itself to it; a dry run only
counts the selection. Every run leaves a `RetentionRun` with counts per rule, never anything
about a person. Each rule is idempotent: what it did is no longer selected, so a run done twice
(two clock processes, a manual run after the daily one) does nothing the second time.

The framework imports no domain app: domain models are looked up by label.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation

from creneau.privacy.erasure import ErasureRefused, customer_erase
from creneau.privacy.export import exports_purge_expired
from creneau.privacy.models import (
    AuditEntry,
    ConsentRecord,
    ErasureReceipt,
    ExportFile,
    InactivityWarning,
    RecentlyViewedSalon,
    RetentionRun,
    RightsRequest,
)
from creneau.privacy.registry import Personal, registry

logger = logging.getLogger("creneau.privacy")


def declared_period(model: str, field: str) -> timedelta:
    """The retention period the registry declares for `model.field`: the rules read their
    periods there so the records-of-processing page and the job cannot disagree."""
    declaration = registry.declaration(model, field)
    if not isinstance(declaration, Personal) or declaration.period is None:
        raise LookupError(f"{model}.{field} declares no retention period")
    return declaration.period


def _inactive_after() -> timedelta:
    return timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS)


def _warning_before() -> timedelta:
    return timedelta(days=settings.RETENTION_INACTIVE_WARNING_DAYS)


def _customers() -> models.QuerySet[Any]:
    """Accounts that are only customers: platform staff and salon team members are closed by
    people, never by retention (`erasure_blockers` would refuse them anyway)."""
    User = apps.get_model("accounts", "User")
    StaffMember = apps.get_model("catalog", "StaffMember")
    team = StaffMember.objects.filter(user=OuterRef("pk"), is_active=True)
    return (
        User.objects.filter(is_staff=False, is_superuser=False)
        .exclude(models.Exists(team))
        .annotate(
            active_at=Coalesce("last_activity", "date_joined"),
            warned_at=models.F("inactivity_warning__warned_at"),
        )
    )


def _verified() -> models.Exists:
    EmailAddress = apps.get_model("account", "EmailAddress")
    return models.Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))


def _warned_since_activity() -> Q:
    # A warning counts only for the current spell of inactivity: logging in after it resets.
    return Q(warned_at__isnull=False, warned_at__gte=models.F("active_at"))


# --- The rules ------------------------------------------------------------------------------


def select_inactive_to_warn(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - _inactive_after() + _warning_before()
    return (
        _customers()
        .filter(_verified(), active_at__lte=cutoff)
        .exclude(_warned_since_activity())
        .order_by("pk")
    )


def apply_inactive_warn(selected: models.QuerySet[Any], now: datetime) -> int:
    from creneau.notifications.outbox import language_of, message_enqueue

    erase_on = now + _warning_before()
    done = 0
    for user in selected.iterator(chunk_size=200):
        language = language_of(user)
        with transaction.atomic(), translation.override(language):
            message_enqueue(
                template="account_inactive_warning",
                to_address=user.email,
                language=language,
                context={
                    "inactive_days": settings.RETENTION_INACTIVE_ACCOUNT_DAYS,
                    "erase_on": erase_on.date(),
                    "login_url": settings.SITE_URL + reverse("account_login"),
                },
                user=user,
                now=now,
            )
            InactivityWarning.objects.update_or_create(user=user, defaults={"warned_at": now})
        done += 1
    return done


def select_inactive_to_erase(now: datetime) -> models.QuerySet[Any]:
    # Erased only once warned, and at least the warning period after the warning: an account
    # warned late (the job was down) still gets its 30 days.
    return (
        _customers()
        .filter(
            _warned_since_activity(),
            active_at__lte=now - _inactive_after(),
            warned_at__lte=now - _warning_before(),
        )
        .order_by("pk")
    )


def _erase_each(selected: models.QuerySet[Any], now: datetime, *, notify: bool) -> int:
    done = 0
    for user in list(selected):
        try:
            customer_erase(
                user=user,
                actor=None,
                reason=ErasureReceipt.Reason.RETENTION,
                now=now,
                notify=notify,
            )
        except ErasureRefused:
            # Became a team member since the selection: a person decides, not the job.
            continue
        done += 1
    return done


def apply_inactive_erase(selected: models.QuerySet[Any], now: datetime) -> int:
    return _erase_each(selected, now, notify=True)


def select_unverified_signups(now: datetime) -> models.QuerySet[Any]:
    Booking = apps.get_model("bookings", "Booking")
    cutoff = now - timedelta(days=settings.RETENTION_UNVERIFIED_SIGNUP_DAYS)
    booked = Booking.objects.filter(customer=OuterRef("pk"))
    return (
        _customers()
        .filter(date_joined__lte=cutoff)
        .exclude(_verified())
        .exclude(models.Exists(booked))
        .order_by("pk")
    )


def apply_unverified_signups(selected: models.QuerySet[Any], now: datetime) -> int:
    # No confirmation e-mail: the address was never shown to be the person's.
    return _erase_each(selected, now, notify=False)


def select_pseudonymised_bookings(now: datetime) -> models.QuerySet[Any]:
    Booking = apps.get_model("bookings", "Booking")
    return Booking.objects.filter(
        customer__isnull=True, pseudonymised_at__isnull=False, retain_until__lte=now
    )


def _delete(selected: models.QuerySet[Any], now: datetime) -> int:
    # The number of rows of the selected model, not of what cascades with them.
    label = selected.model._meta.label
    return selected.delete()[1].get(label, 0)


def select_consent_proofs(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period("privacy.ConsentRecord", "created_at")
    # The oldest rows only, as one block: the ledger stays verifiable from its first remaining
    # row (ledger.py), which a hole in the middle of the chain would break.
    first_kept = ConsentRecord.objects.filter(created_at__gt=cutoff).order_by("id").values("id")[:1]
    kept_from = ConsentRecord.objects.filter(id__in=first_kept).values_list("id", flat=True)
    selected = ConsentRecord.objects.filter(created_at__lte=cutoff)
    first = kept_from.first()
    return selected.filter(id__lt=first) if first is not None else selected


def select_expired_exports(now: datetime) -> models.QuerySet[Any]:
    return ExportFile.objects.filter(expires_at__lte=now)


def apply_expired_exports(selected: models.QuerySet[Any], now: datetime) -> int:
    return exports_purge_expired(now=now)


def select_remembered_salons(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period("privacy.RecentlyViewedSalon", "user")
    return RecentlyViewedSalon.objects.filter(viewed_at__lte=cutoff)


def _sent_message_period() -> timedelta:
    try:
        return declared_period("notifications.OutboundMessage", "body_text")
    except LookupError:
        return timedelta(days=settings.RETENTION_SENT_MESSAGE_DAYS)


def select_sent_messages(now: datetime) -> models.QuerySet[Any]:
    OutboundMessage = apps.get_model("notifications", "OutboundMessage")
    return OutboundMessage.objects.filter(status="sent", sent_at__lte=now - _sent_message_period())


def select_task_rows(now: datetime) -> models.QuerySet[Any]:
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    cutoff = now - declared_period("django_tasks_database.DBTaskResult", "traceback")
    return DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lte=cutoff)


def select_audit_entries(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period("privacy.AuditEntry", "subject_user")
    return AuditEntry.objects.filter(created_at__lte=cutoff)


def select_expired_sessions(now: datetime) -> models.QuerySet[Any]:
    return Session.objects.filter(expire_date__lte=now)


def select_unconfirmed_rights_requests(now: datetime) -> models.QuerySet[Any]:
    hours = settings.RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS
    return RightsRequest.objects.filter(
        status=RightsRequest.Status.UNCONFIRMED, created_at__lte=now - timedelta(hours=hours)
    )


def apply_unconfirmed_rights_requests(selected: models.QuerySet[Any], now: datetime) -> int:
    OutboundMessage = apps.get_model("notifications", "OutboundMessage")
    with transaction.atomic():
        emails = set(selected.values_list("email", flat=True))
        # A confirmation e-mail never delivered still holds the address: it goes too.
        OutboundMessage.objects.filter(
            template="rights_request_confirm", to_address__in=emails
        ).exclude(status="sent").delete()
        return _delete(selected, now)


def select_closed_rights_requests(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period("privacy.RightsRequest", "email")
    return RightsRequest.objects.filter(closed_at__lte=cutoff)


@dataclass(frozen=True)
class Rule:
    code: str
    text: str
    select: Callable[[datetime], models.QuerySet[Any]]
    apply: Callable[[models.QuerySet[Any], datetime], int] = _delete


RULES: list[Rule] = [
    Rule(
        "inactive_accounts_warned",
        "customer accounts without activity (last activity, else sign-up) for the inactivity "
        "period minus the warning period get one e-mail saying when they will be erased",
        select_inactive_to_warn,
        apply_inactive_warn,
    ),
    Rule(
        "inactive_accounts_erased",
        "customer accounts without activity for RETENTION_INACTIVE_ACCOUNT_DAYS (2 years), "
        "warned at least RETENTION_INACTIVE_WARNING_DAYS (30 days) before, are erased as by "
        "customer_erase, with a receipt and a confirmation e-mail",
        select_inactive_to_erase,
        apply_inactive_erase,
    ),
    Rule(
        "unverified_signups_erased",
        "sign-ups older than RETENTION_UNVERIFIED_SIGNUP_DAYS whose e-mail was never verified "
        "and who never booked are erased, without an e-mail",
        select_unverified_signups,
        apply_unverified_signups,
    ),
    Rule(
        "pseudonymised_bookings_purged",
        "bookings kept without their customer for accounting are deleted once their "
        "retain_until (10 years) has passed",
        select_pseudonymised_bookings,
    ),
    Rule(
        "consent_proofs_purged",
        "cookie consent proofs older than their declared period (25 months) are deleted, "
        "oldest first",
        select_consent_proofs,
    ),
    Rule(
        "expired_exports_purged",
        "'my data' archives whose link expired are deleted, row and file",
        select_expired_exports,
        apply_expired_exports,
    ),
    Rule(
        "remembered_salons_purged",
        "salons remembered for personalisation longer than their declared period (90 days) "
        "are forgotten",
        select_remembered_salons,
    ),
    Rule(
        "sent_messages_purged",
        "sent e-mails and SMS older than RETENTION_SENT_MESSAGE_DAYS are deleted",
        select_sent_messages,
    ),
    Rule(
        "task_rows_purged",
        "finished task-queue rows older than their declared period (30 days) are deleted",
        select_task_rows,
    ),
    Rule(
        "audit_entries_purged",
        "audit entries older than their declared period (5 years) are deleted",
        select_audit_entries,
    ),
    Rule(
        "unconfirmed_rights_requests_purged",
        "requests from the public form whose e-mail was not confirmed within "
        "RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS (48 hours) are deleted",
        select_unconfirmed_rights_requests,
        apply_unconfirmed_rights_requests,
    ),
    Rule(
        "closed_rights_requests_purged",
        "requests closed longer ago than their declared period (3 years) are deleted",
        select_closed_rights_requests,
    ),
    Rule(
        "expired_sessions_purged",
        "expired login sessions are deleted",
        select_expired_sessions,
    ),
]


def retention_rule_add(rule: Rule) -> None:
    """Add or replace a rule (by code): for rules of later models of the privacy app."""
    for index, existing in enumerate(RULES):
        if existing.code == rule.code:
            RULES[index] = rule
            return
    RULES.append(rule)


def retention_rules_help() -> str:
    return "\n".join(f"- {rule.code}: {rule.text}." for rule in RULES)


def retention_apply(
    *, now: datetime, dry_run: bool = False, run: RetentionRun | None = None
) -> RetentionRun:
    """Apply every rule at `now` (or, with `dry_run`, count what each would do and change
    nothing) and return the run's summary, saved as a `RetentionRun` (counts per rule code).
    A rule that fails is logged and counted as -1; the others still run."""
    if run is None:
        run = RetentionRun.objects.create(started_at=now, dry_run=dry_run)
    counts: dict[str, int] = {}
    for rule in RULES:
        try:
            selected = rule.select(now)
            counts[rule.code] = selected.count() if dry_run else rule.apply(selected, now)
        except Exception:
            logger.exception("retention rule %s failed", rule.code)
            counts[rule.code] = -1
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    logger.info("retention%s: %s", " (dry run)" if dry_run else "", counts)
    return run


def retention_daily(*, now: datetime) -> int | None:
    """The clock's job: the first tick of each local day runs retention, the others do
    nothing. The day's row is inserted first and is unique, so two clocks run it once."""
    day = timezone.localdate(now)
    if RetentionRun.objects.filter(day=day).exists():
        return None
    try:
        with transaction.atomic():
            run = RetentionRun.objects.create(started_at=now, dry_run=False, day=day)
    except IntegrityError:
        return None
    run = retention_apply(now=now, run=run)
    erased: int = sum(count for count in run.counts.values() if count > 0)
    return erased
