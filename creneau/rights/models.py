"""Requests to the operator (the public "exercise my rights" form and the desk) and the breach
register. The tables keep the names they had when these models were part of the privacy app."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RightsRequest(models.Model):
    """A data-subject request to the operator, made on the public form or registered by platform
    staff on someone's behalf (by letter, by phone).

    A request from the form counts as received only once the requester has opened the signed
    link e-mailed to the address given (`confirmed_at`); its legal deadline runs from then
    (`due_at`, 30 days). Unconfirmed requests are deleted by retention after 48 hours.
    State changes go through `rights.rights_requests`, by compare-and-set on `status`."""

    class Right(models.TextChoices):
        ACCESS = "access", _("Access: a copy of my data")
        RECTIFICATION = "rectification", _("Rectification: correct my data")
        OBJECTION = "objection", _("Objection: stop a processing of my data")
        ERASURE = "erasure", _("Erasure: delete my data")
        RESTRICTION = "restriction", _("Restriction: keep my data but do nothing else with it")
        PORTABILITY = "portability", _("Portability: my data in a machine-readable file")
        WITHDRAWAL = "withdrawal", _("Withdrawal of consent: take back a yes I gave")

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
        db_table = "privacy_rightsrequest"
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
        db_table = "privacy_rightsrequestnote"
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
        db_table = "privacy_databreach"
        verbose_name = _("personal-data breach")
        verbose_name_plural = _("breach register")
        ordering = ["-known_at", "-pk"]

    def __str__(self) -> str:
        return f"Breach #{self.pk}"

    def authority_deadline(self) -> Any:
        """72 hours after we became aware (art. 33(1))."""
        return self.known_at + timedelta(hours=72)
