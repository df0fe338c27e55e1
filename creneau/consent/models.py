"""The consent ledger, the banner configurations it refers to, the audience counts, and the
account's own opt-ins (objection).

Fields for the privacy registry (declared in `creneau/consent/privacy.py`):

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

The tables keep the names they had when these models were part of the privacy app.
"""

from __future__ import annotations

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

    class Meta:
        db_table = "privacy_consentbanner"

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
        db_table = "privacy_consentrecord"
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
        db_table = "privacy_pageview"
        constraints = [
            models.UniqueConstraint(fields=["path", "day"], name="privacy_pageview_one_per_day")
        ]
        indexes = [models.Index(fields=["day"], name="privacy_pageview_day")]

    def __str__(self) -> str:
        return f"{self.path} {self.day}: {self.count}"


# --- Objection: the account's own choices, apart from the cookie categories -----------------------


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
    DESK = "desk", _("privacy officer, on request")


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
        db_table = "privacy_accountconsentrecord"
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


class PolicyVersion(models.Model):
    """A published version of the privacy policy: its generated sections in every language, as
    they read when the version first appeared, kept so that every earlier version stays
    readable at its own address. Written by `consent.services.policy_version_publish`."""

    version = models.CharField(_("version"), max_length=32, unique=True)
    prose_version = models.CharField(_("version of the prose"), max_length=16)
    sections = models.JSONField(_("generated sections, by language"))
    published_at = models.DateTimeField(_("published"))

    class Meta:
        verbose_name = _("privacy policy version")
        verbose_name_plural = _("privacy policy versions")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.version
