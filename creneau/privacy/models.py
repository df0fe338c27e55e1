"""The consent ledger, the banner configurations it refers to, and the audience counts.

Fields for the privacy registry (declared there; this table was its input):

| model.field                    | personal | category    | purpose                          |
| ------------------------------ | -------- | ----------- | -------------------------------- |
| ConsentRecord.consent_id       | yes      | technical   | pseudonymous id of one browser   |
| ConsentRecord.user             | yes      | identity    | the account, if logged in (3)    |
| ConsentRecord.policy_version   | no       |             | proof: the policy agreed to      |
| ConsentRecord.analytics        | yes (2)  | preferences | proof: category granted/refused  |
| ConsentRecord.personalisation  | yes (2)  | preferences | idem                             |
| ConsentRecord.marketing        | yes (2)  | preferences | idem                             |
| ConsentRecord.source           | no       |             | banner, settings, account, api   |
| ConsentRecord.banner           | no       |             | what the visitor was shown       |
| ConsentRecord.created_at       | yes (2)  | technical   | proof: when                      |
| ConsentRecord.prev/row_hash    | no       |             | tamper evidence (hash chain)     |
| ConsentBanner.*                | no       |             | texts and vendor list shown      |
| PageView.*                     | no       |             | page views per path and day      |

Retention of ConsentRecord rows: 25 months (1). ConsentBanner: while a row refers to it.
PageView: not personal, kept as statistics.
(1) 13 months of cookie life plus 12 months to prove a consent; the oldest rows are deleted
    first, which keeps the chain verifiable from the first remaining row.
(2) Personal only through `consent_id` / `user`.
(3) Erasure sets it to NULL; the row stays, pseudonymous, and its hash stays valid.
Legal basis: legal obligation (proof of consent, ePrivacy/GDPR art. 7(1)). No IP address and no
user agent are stored, raw or hashed.

The ledger is append-only: rows are inserted by `services.consent_record` only, and the
database refuses any UPDATE except cutting the link to a user on erasure (see `ledger.py`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentSource(models.TextChoices):
    BANNER = "banner", _("cookie banner")
    SETTINGS = "settings", _("cookie settings page")
    ACCOUNT = "account", _("account (choice carried over at login)")
    API = "api", _("mobile app (API)")


class ConsentBanner(models.Model):
    """One version of what the consent interface showed: texts, categories, cookies, vendors.

    Stored once per digest (SHA-256 of the canonical JSON of `content`), so a ledger row proves
    the exact wording and vendor list the visitor saw, in their language.
    """

    digest = models.CharField(max_length=64, primary_key=True)
    language = models.CharField(max_length=8)
    content = models.JSONField()
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.digest[:12]} ({self.language})"


class ConsentRecord(models.Model):
    """One choice, as made: never updated; the latest row of a browser or user is its state."""

    consent_id = models.UUIDField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consent_records",
    )
    policy_version = models.CharField(max_length=32)
    analytics = models.BooleanField()
    personalisation = models.BooleanField()
    marketing = models.BooleanField()
    source = models.CharField(max_length=16, choices=ConsentSource.choices)
    banner = models.ForeignKey(ConsentBanner, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    prev_hash = models.CharField(max_length=64, unique=True)
    row_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["user", "-id"], name="privacy_consent_user_latest")]

    def __str__(self) -> str:
        return f"consent {self.consent_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def granted(self) -> tuple[str, ...]:
        optional = ("analytics", "personalisation", "marketing")
        return ("necessary", *(key for key in optional if getattr(self, key)))

    @property
    def refused(self) -> tuple[str, ...]:
        return tuple(
            key for key in ("analytics", "personalisation", "marketing") if not getattr(self, key)
        )


class PageView(models.Model):
    """Our own audience measurement: a count per path and day, nothing about the visitor."""

    path = models.CharField(max_length=255)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["path", "day"], name="privacy_pageview_one_per_day")
        ]
        indexes = [models.Index(fields=["day"], name="privacy_pageview_day")]

    def __str__(self) -> str:
        return f"{self.path} {self.day}: {self.count}"


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
    # String references: the privacy framework imports no domain app.
    subject_contact = models.ForeignKey(
        "bookings.SalonContact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_about",
    )
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    business = models.ForeignKey(
        "catalog.Business", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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


# --- Rights of the person: erasure receipts, export files, personalisation -----------


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


class RecentlyViewedSalon(models.Model):
    """A salon page a customer looked at, kept only while they allow personalisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recently_viewed_salons"
    )
    business = models.ForeignKey("catalog.Business", on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "business"], name="privacy_viewed_once")
        ]

    def __str__(self) -> str:
        return f"Salon #{self.business_id} viewed by user #{self.user_id}"


# --- Objection: the account's own choices, apart from the cookie categories -----------


class AccountPurpose(models.TextChoices):
    """Optional processing tied to the account (not to a browser): each off until chosen."""

    MARKETING_EMAIL = "marketing_email", _("News and offers by e-mail")
    MARKETING_SMS = "marketing_sms", _("News and offers by SMS")
    PERSONALISATION = (
        "personalisation",
        _("Suggestions from my past bookings and the salons I looked at"),
    )


class AccountChoiceSource(models.TextChoices):
    ACCOUNT = "account", _("account preferences page")
    UNSUBSCRIBE = "unsubscribe", _("unsubscribe link")
    API = "api", _("mobile app (API)")


class AccountConsentRecord(models.Model):
    """One choice about one purpose of the account, as made: never updated, only appended by
    `objection.account_consent_record`. The latest row of a user and purpose is its state; no
    row means refused (opt-in only). Erasure deletes the rows with the account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_consents"
    )
    purpose = models.CharField(max_length=32, choices=AccountPurpose.choices)
    granted = models.BooleanField()
    source = models.CharField(max_length=16, choices=AccountChoiceSource.choices)
    policy_version = models.CharField(max_length=32)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=AccountPurpose.values),
                name="privacy_account_consent_purpose_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "purpose", "-id"], name="privacy_account_consent_idx")
        ]

    def __str__(self) -> str:
        state = "granted" if self.granted else "refused"
        return f"{self.purpose} {state} at {self.created_at:%Y-%m-%d %H:%M}"


# --- Retention --------------------------------------------------------------------------


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


# --- Requests to the operator: the public "exercise my rights" form and the desk --------


class RightsRequest(models.Model):
    """A data-subject request to the operator, made on the public form or registered by platform
    staff on someone's behalf (by letter, by phone).

    A request from the form counts as received only once the requester has opened the signed
    link e-mailed to the address given (`confirmed_at`); its legal deadline runs from then
    (`due_at`, 30 days). Unconfirmed requests are deleted by retention after 48 hours.
    State changes go through `privacy.rights_requests`, by compare-and-set on `status`."""

    class Right(models.TextChoices):
        ACCESS = "access", _("Access: a copy of my data")
        RECTIFICATION = "rectification", _("Rectification: correct my data")
        OBJECTION = "objection", _("Objection: stop a processing of my data")
        ERASURE = "erasure", _("Erasure: delete my data")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("waiting for the e-mail confirmation")
        RECEIVED = "received", _("received")
        FULFILLED = "fulfilled", _("fulfilled")
        REJECTED = "rejected", _("rejected")

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"), max_length=254)
    right = models.CharField(_("right requested"), max_length=16, choices=Right.choices)
    statement = models.TextField(_("statement"), blank=True, max_length=5000)
    language = models.CharField(_("language"), max_length=8, default="fr")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    created_at = models.DateTimeField(_("sent"))
    confirmed_at = models.DateTimeField(_("received"), null=True, blank=True)
    due_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.TextField(_("outcome or reason for rejection"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        ordering = ["due_at", "pk"]
        permissions = [("handle_rightsrequest", _("Privacy officer: handle rights requests"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="unconfirmed") | models.Q(due_at__isnull=False),
                name="privacy_rights_request_received_has_deadline",
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="privacy_rights_status_due")]

    def __str__(self) -> str:
        return self.reference

    def days_left(self, now: datetime) -> int | None:
        """Whole days until the deadline (negative when overdue); None before it runs."""
        if self.due_at is None:
            return None
        return (self.due_at - now) // timedelta(days=1)


class RightsRequestNote(models.Model):
    """The desk's history of a request: each note, status change and action, never edited."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note #{self.pk}"


# --- Breach register (GDPR art. 33(5)) ------------------------------------------------------------


class DataBreach(models.Model):
    """A personal-data breach, documented whether or not it was notified (art. 33(5)). The
    authority must be told within 72 hours of becoming aware (`known_at`), unless the breach is
    unlikely to result in a risk to people; each "notified or not" comes with its reason. The
    register describes the breach, never the people in it: categories and an approximate number."""

    summary = models.TextField(_("what happened"))
    data_categories = models.TextField(_("categories of personal data concerned"))
    people_affected = models.PositiveIntegerField(_("approximate number of people affected"))
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    known_at = models.DateTimeField(_("when we became aware"))
    authority_notified_at = models.DateTimeField(
        _("notified to the supervisory authority"), null=True, blank=True
    )
    authority_reason = models.TextField(_("why notified or not to the authority"), blank=True)
    people_notified_at = models.DateTimeField(
        _("communicated to the people affected"), null=True, blank=True
    )
    people_reason = models.TextField(_("why communicated or not to the people"), blank=True)
    measures = models.TextField(_("measures taken or proposed"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal-data breach")
        verbose_name_plural = _("breach register")
        ordering = ["-known_at", "-pk"]

    def __str__(self) -> str:
        return f"Breach #{self.pk}"

    def authority_deadline(self) -> Any:
        """72 hours after we became aware (art. 33(1))."""
        return self.known_at + timedelta(hours=72)


# --- Erasure tombstones: erasures survive a restore ------------------------------------


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
