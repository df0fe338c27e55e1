"""What the back office keeps of its own: a salon's security rule and staff invitations.

Their personal fields are declared in the privacy registry (`creneau/backoffice/privacy.py`).
Invitations are kept 90 days after they expire or are accepted (the membership itself is the
lasting record).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from creneau.catalog.models import Business, StaffMember, StaffRole


class SalonSecurity(models.Model):
    """A salon's security rules for its team. No row: nothing required."""

    business = models.OneToOneField(
        Business, on_delete=models.CASCADE, primary_key=True, related_name="security"
    )
    require_mfa = models.BooleanField(
        _("require two-factor authentication"),
        default=False,
        help_text=_("Every member of the team must turn it on to use the back office."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("salon security")
        verbose_name_plural = _("salon security")

    def __str__(self) -> str:
        return f"Security of salon #{self.business_id}"


class StaffInvitation(models.Model):
    """An e-mail invitation to link an account to a salon's staff member.

    The link's secret is never stored, only its SHA-256; the invitation is accepted once
    (compare-and-set on `accepted_at`), by an account whose verified e-mail is the invited one.
    """

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=StaffRole.values), name="backoffice_invitation_role"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="backoffice_invitation_expires_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"
