"""Retention (GDPR art. 5(1)(e)): each period declared in the registry or set in settings is
applied by one rule here, run daily by the clock and by `manage.py retention [--dry-run]`.

A rule selects what is due at `now` (a queryset) and applies itself to it; a dry run only
counts the selection. Every run leaves a `RetentionRun` with counts per rule, never anything
about a person. Each rule is idempotent: what it did is no longer selected, so a run done twice
(two clock processes, a manual run after the daily one) does nothing the second time.

The framework imports no domain app and names no domain model. Its own rules cover the account
(through the user model), its own tables and third-party ones (sessions, the task queue); each
app registers the rules of its models in its `privacy.py` (`registry.register_retention_rule`).
Accounts an app holds (a salon's team member) are skipped through the erasure blockers the apps
register, the same that refuse erasure from the account page.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from creneau.privacy.erasure import ErasureRefused, customer_erase
from creneau.privacy.export import exports_purge_expired
from creneau.privacy.models import (
    AuditEntry,
    ErasureReceipt,
    ExportFile,
    InactivityWarning,
    RetentionRun,
)
from creneau.privacy.registry import ModelRef, Personal, Rule, register_retention_rule, registry

logger = logging.getLogger("creneau.privacy")


def declared_period(model: ModelRef, field: str) -> timedelta:
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


def customers() -> models.QuerySet[Any]:
    """Accounts that are only customers: platform staff and accounts an app holds (an erasure
    blocker selects something for them, e.g. a salon's team member) are closed by people, never
    by retention (`erasure_blockers` would refuse them anyway)."""
    selected = get_user_model().objects.filter(is_staff=False, is_superuser=False)
    for blocker in registry.erasure_blockers():
        selected = selected.exclude(models.Exists(blocker.rows(OuterRef("pk"))))
    return selected.annotate(
        active_at=Coalesce("last_activity", "date_joined"),
        warned_at=models.F("inactivity_warning__warned_at"),
    )


def verified() -> models.Exists:
    """The account has a verified e-mail address (a filter for `customers()`)."""
    return models.Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))


def _warned_since_activity() -> Q:
    # A warning counts only for the current spell of inactivity: logging in after it resets.
    return Q(warned_at__isnull=False, warned_at__gte=models.F("active_at"))


def delete_selected(selected: models.QuerySet[Any], now: datetime) -> int:
    """The default action of a rule: delete, and count the rows of the selected model only, not
    what cascades with them."""
    label = selected.model._meta.label
    return selected.delete()[1].get(label, 0)


def erase_each(selected: models.QuerySet[Any], now: datetime, *, notify: bool) -> int:
    """Erase each selected account as `customer_erase` does (receipt reason `retention`);
    an account that became unerasable since the selection is skipped."""
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


# --- The framework's own rules ---------------------------------------------------------------


def select_inactive_to_warn(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - _inactive_after() + _warning_before()
    return (
        customers()
        .filter(verified(), active_at__lte=cutoff)
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
        customers()
        .filter(
            _warned_since_activity(),
            active_at__lte=now - _inactive_after(),
            warned_at__lte=now - _warning_before(),
        )
        .order_by("pk")
    )


def apply_inactive_erase(selected: models.QuerySet[Any], now: datetime) -> int:
    return erase_each(selected, now, notify=True)


def select_expired_exports(now: datetime) -> models.QuerySet[Any]:
    return ExportFile.objects.filter(expires_at__lte=now)


def apply_expired_exports(selected: models.QuerySet[Any], now: datetime) -> int:
    return exports_purge_expired(now=now)


def select_task_rows(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period(DBTaskResult, "traceback")
    return DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lte=cutoff)


def select_audit_entries(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period(AuditEntry, "subject_user")
    return AuditEntry.objects.filter(created_at__lte=cutoff)


def select_expired_sessions(now: datetime) -> models.QuerySet[Any]:
    return Session.objects.filter(expire_date__lte=now)


# Orders leave room between them: the apps' rules run where they always ran (bookings 30-40 and
# 70, consent 50, notifications 80, rights 110-120).
for _rule in (
    Rule(
        "inactive_accounts_warned",
        "customer accounts without activity (last activity, else sign-up) for the inactivity "
        "period minus the warning period get one e-mail saying when they will be erased",
        select_inactive_to_warn,
        apply_inactive_warn,
        order=10,
    ),
    Rule(
        "inactive_accounts_erased",
        "customer accounts without activity for RETENTION_INACTIVE_ACCOUNT_DAYS (2 years), "
        "warned at least RETENTION_INACTIVE_WARNING_DAYS (30 days) before, are erased as by "
        "customer_erase, with a receipt and a confirmation e-mail",
        select_inactive_to_erase,
        apply_inactive_erase,
        order=20,
    ),
    Rule(
        "expired_exports_purged",
        "'my data' archives whose link expired are deleted, row and file",
        select_expired_exports,
        apply_expired_exports,
        order=60,
    ),
    Rule(
        "task_rows_purged",
        "finished task-queue rows older than their declared period (30 days) are deleted",
        select_task_rows,
        order=90,
    ),
    Rule(
        "audit_entries_purged",
        "audit entries older than their declared period (5 years) are deleted",
        select_audit_entries,
        order=100,
    ),
    Rule(
        "expired_sessions_purged",
        "expired login sessions are deleted",
        select_expired_sessions,
        order=130,
    ),
):
    register_retention_rule(_rule)


def retention_rules_help() -> str:
    return "\n".join(f"- {rule.code}: {rule.text}." for rule in registry.retention_rules())


def retention_apply(
    *, now: datetime, dry_run: bool = False, run: RetentionRun | None = None
) -> RetentionRun:
    """Apply every rule at `now` (or, with `dry_run`, count what each would do and change
    nothing) and return the run's summary, saved as a `RetentionRun` (counts per rule code).
    A rule that fails is logged and counted as -1; the others still run."""
    if run is None:
        run = RetentionRun.objects.create(started_at=now, dry_run=dry_run)
    counts: dict[str, int] = {}
    for rule in registry.retention_rules():
        try:
            selected = rule.select(now)
            if dry_run:
                counts[rule.code] = selected.count()
            else:
                counts[rule.code] = (rule.apply or delete_selected)(selected, now)
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
