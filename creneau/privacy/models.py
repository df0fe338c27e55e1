"""Models of the privacy framework: the audit log, erasure receipts and tombstones, export files,
retention runs and inactivity warnings. Nothing here names a domain model but through settings
(`PRIVACY_AUDIT_*_MODEL`): the framework imports no domain app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One access to or change of someone's personal data, by whom, about whom, and why.

    Written by `creneau.privacy.audit.audit_record` only, in the transaction of what it
    records; never updated (the admin is read-only). Erasure does not delete entries: the links
    to the people go (SET NULL) and the labels stay, so the trail still says what happened.
    Codes are dotted, `<subject>.<verb>` (`customer.file_viewed`), listed in `audit.ACTIONS`.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("acting as"), max_length=160, blank=True)
    action = models.CharField(_("action"), max_length=64)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_about",
    )
    # Named by the project's settings, as the user model is: the framework names no domain model.
    subject_contact = models.ForeignKey(
        settings.PRIVACY_AUDIT_CONTACT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_about",
    )
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    business = models.ForeignKey(
        settings.PRIVACY_AUDIT_BUSINESS_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"))
    # Set when the subject was erased: the links to them and the free-text reason are blanked,
    # the row stays so the trail still says what was done, when and by which salon.
    redacted_at = models.DateTimeField(_("redacted"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        permissions = [
            ("view_records_of_processing", _("Can view the records of processing (art. 30)")),
        ]
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(action=""), name="privacy_audit_action_not_empty"
            )
        ]
        indexes = [
            models.Index(fields=["subject_user", "-created_at"], name="privacy_audit_subject_idx"),
            models.Index(
                fields=["subject_contact", "-created_at"], name="privacy_audit_contact_idx"
            ),
            models.Index(fields=["business", "-created_at"], name="privacy_audit_business_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M}"


# --- Rights of the person: erasure receipts, export files ---------------------------------------


class ErasureReceipt(models.Model):
    """What an erasure did, without anything about the person: a reference given to them, when,
    why (a code), and how many rows of each table were deleted, pseudonymised or redacted."""

    class Reason(models.TextChoices):
        ACCOUNT = "account", _("deleted from the account")
        REQUEST = "request", _("request to the operator")
        RETENTION = "retention", _("retention: account inactive or never verified")
        REPLAY = "replay", _("erased again after a restore (erasure_replay)")

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("when"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    # Platform staff who carried out a request; empty when the person erased their own account.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counts = models.JSONField(_("rows per table"), default=dict)

    class Meta:
        verbose_name = _("erasure receipt")
        verbose_name_plural = _("erasure receipts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reference


class ExportFile(models.Model):
    """A "my data" archive built by a task, downloadable through a signed link until it expires.

    The file lives under MEDIA_ROOT/exports/; erasure and expiry delete row and file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_files"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    path = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Export #{self.pk}"


# --- Retention ----------------------------------------------------------------------------------


class RetentionRun(models.Model):
    """What one run of the retention job did: counts per rule, nothing about anyone.

    `day` is set for the clock's daily run only, and unique: the first clock process to insert
    it runs the day's retention, a second one finds the day taken and does nothing."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    day = models.DateField(_("daily run of"), null=True, blank=True, unique=True)
    counts = models.JSONField(_("rows per rule"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Retention run {self.started_at:%Y-%m-%d %H:%M}"


class InactivityWarning(models.Model):
    """The e-mail telling an inactive account that it will be erased, sent once per period of
    inactivity: a row older than the account's last activity no longer counts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inactivity_warning"
    )
    warned_at = models.DateTimeField(_("warned"))

    def __str__(self) -> str:
        return f"Inactivity warning #{self.pk}"


# --- Erasure tombstones: erasures survive a restore --------------------------------------------


class ErasureTombstone(models.Model):
    """A keyed hash (HMAC-SHA256, `privacy.tombstones.subject_digest`) of an erased person's
    normalised e-mail address or E.164 phone, and when the erasure was done. Without the key the
    digest says nothing; with it, it only answers "was this address erased, and when?".

    `manage.py erasure_replay` erases again any account restored from a backup whose address
    has a tombstone newer than the account; the marketing path refuses news and offers to such
    an address unless the account opted in after the erasure."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mail address")
        PHONE = "phone", _("phone")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    digest = models.CharField(_("keyed hash"), max_length=64)
    created_at = models.DateTimeField(_("erased"))

    class Meta:
        verbose_name = _("erasure tombstone")
        verbose_name_plural = _("erasure tombstones")
        constraints = [
            models.UniqueConstraint(fields=["kind", "digest"], name="privacy_tombstone_unique")
        ]

    def __str__(self) -> str:
        return f"Tombstone #{self.pk}"


# --- Restriction of processing (GDPR art. 18) ----------------------------------------------------


class ProcessingRestriction(models.Model):
    """The person asked that their data be only stored: no marketing, no personalisation, no
    message but what a booking they keep needs. Marks an account (`user`), and every record
    that salons hold under the address (`email_digest`, the tombstones' keyed hash: the desk
    restricts a person known only by an address without writing the address down). Active while
    `lifted_at` is empty; lifted by the person or the desk (`privacy.restriction`)."""

    class Source(models.TextChoices):
        PERSON = "person", _("the person, from their account")
        DESK = "desk", _("the privacy officer, on request")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="processing_restrictions",
    )
    email_digest = models.CharField(_("keyed hash of the e-mail address"), max_length=64)
    source = models.CharField(_("asked through"), max_length=8, choices=Source.choices)
    started_at = models.DateTimeField(_("restricted"))
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    class Meta:
        verbose_name = _("restriction of processing")
        verbose_name_plural = _("restrictions of processing")
        indexes = [models.Index(fields=["email_digest"], name="privacy_restriction_digest")]

    def __str__(self) -> str:
        return f"Restriction #{self.pk}"
