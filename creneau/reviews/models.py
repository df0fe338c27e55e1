"""Verified reviews: one per honoured booking, written by its customer, answered once by the
salon, hidden (never edited or deleted) by platform staff with a reason.

A review keeps what it shows as it was written (the display name, the service, the month of
the visit), so it does not change when the booking is pseudonymised or purged. When its
author is erased, `author` is cut and `display_name` blanked: the text stays, attributed to
"Former customer" (see `privacy.py` and the privacy policy).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from creneau.bookings.models import Booking
from creneau.catalog.models import Business

TEXT_MAX_LENGTH = 2000
REPLY_MAX_LENGTH = 2000
DISPLAY_NAME_MAX_LENGTH = 40


class Review(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="reviews")
    # One review per booking. The booking may be purged one day (accounting retention): the
    # review then stays, with what it shows copied below.
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="review"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("author"),
    )
    display_name = models.CharField(_("shown as"), max_length=DISPLAY_NAME_MAX_LENGTH, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("review"), max_length=TEXT_MAX_LENGTH, blank=True)
    service_name = models.CharField(_("service"), max_length=255)
    visit_month = models.DateField(_("month of the visit"), help_text=_("The first of the month."))
    created_at = models.DateTimeField(_("written"))
    reply_text = models.TextField(_("salon's reply"), max_length=REPLY_MAX_LENGTH, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("why it is hidden"), max_length=1000, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author_erased_at = models.DateTimeField(_("author erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="reviews_rating_one_to_five"
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="reviews_hidden_with_a_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["business", "-created_at"], name="reviews_business_new_idx"),
        ]

    def __str__(self) -> str:
        return f"Review #{self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.hidden_at is None


class ReviewReport(models.Model):
    """Someone (logged in or not) told us a review breaks the rules; staff look at it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Report #{self.pk}"


class ReviewInvitation(models.Model):
    """The invitation to review a booking was queued: one per booking, unique in the database,
    so two clocks never invite twice."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="+")
    queued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"


class ReviewPreference(models.Model):
    """A customer turned review invitations off (the link in each invitation)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_preference"
    )
    invitations = models.BooleanField(_("invitations to review a visit"), default=True)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Review preference #{self.pk}"
