"""Personal data of the privacy app itself: the consent ledger, the audit log, export files,
what personalisation derived.

The consent ledger is hash-chained and append-only (`ledger.py`); the link to the user is
outside the hash and is the one column the database lets us change. Erasure therefore cuts
that link and leaves the rows: pseudonymous proofs (a random browser id, choices, time) kept
for the legal obligation to prove consent, deleted by retention after 25 months like every
row. Deleting the person's rows instead would break the chain for everyone after them.

Audit entries about the person are redacted, never deleted: the links to them and the free
text reason go, `redacted_at` says so, and the trail still says what was done and by whom.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db.models import QuerySet

from creneau.privacy.models import (
    AccountConsentRecord,
    AuditEntry,
    ConsentRecord,
    ExportFile,
    InactivityWarning,
    RecentlyViewedSalon,
)
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    personal,
    register,
    register_handlers,
)

if TYPE_CHECKING:
    from creneau.accounts.models import User


class _Kept(TypedDict):
    basis: Basis
    retention: str
    period: timedelta
    on_erasure: OnErasure
    keep_until: str


class _Audit(TypedDict):
    basis: Basis
    retention: str
    period: timedelta
    on_erasure: OnErasure


class _AccountChoice(TypedDict):
    category: Category
    purpose: str
    basis: Basis
    retention: str
    on_erasure: OnErasure


CONSENT_PROOF = timedelta(days=25 * 30)
_proof: _Kept = dict(
    basis=Basis.LEGAL_OBLIGATION,
    retention="25 months (13 months of cookie life + 12 months of proof)",
    period=CONSENT_PROOF,
    on_erasure=OnErasure.KEEP,
    keep_until="25 months after the choice; pseudonymous once the account is erased",
)

register(
    "privacy.ConsentBanner", dict.fromkeys(["digest", "language", "content", "created_at"], NO)
)
register(
    "privacy.ConsentRecord",
    {
        "id": NO,
        "consent_id": personal(
            category=Category.TECHNICAL,
            purpose="prove a consent (pseudonymous browser id)",
            **_proof,
        ),
        "user": personal(
            category=Category.IDENTITY,
            purpose="the account that made the choice",
            basis=Basis.LEGAL_OBLIGATION,
            retention="while the account exists",
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "policy_version": NO,
        "analytics": personal(category=Category.PREFERENCES, purpose="prove a consent", **_proof),
        "personalisation": personal(
            category=Category.PREFERENCES, purpose="prove a consent", **_proof
        ),
        "marketing": personal(category=Category.PREFERENCES, purpose="prove a consent", **_proof),
        "source": NO,
        "banner": NO,
        "created_at": personal(category=Category.TECHNICAL, purpose="prove a consent", **_proof),
        "prev_hash": NO,
        "row_hash": NO,
    },
)
register("privacy.PageView", dict.fromkeys(["id", "path", "day", "count"], NO))
_audit: _Audit = dict(
    basis=Basis.LEGITIMATE_INTEREST,
    retention="5 years (accountability)",
    period=timedelta(days=5 * 365),
    on_erasure=OnErasure.PSEUDONYMISE,
)
register(
    "privacy.AuditEntry",
    {
        "id": NO,
        "actor": personal(category=Category.IDENTITY, purpose="who accessed the data", **_audit),
        "actor_label": NO,
        "action": NO,
        "subject_user": personal(
            category=Category.IDENTITY, purpose="whose data was accessed", **_audit
        ),
        "subject_contact": personal(
            category=Category.IDENTITY, purpose="whose data was accessed", **_audit
        ),
        "object_type": NO,
        "object_id": NO,
        "business": NO,
        "reason": personal(category=Category.TECHNICAL, purpose="why it was accessed", **_audit),
        "created_at": NO,
        "redacted_at": NO,
    },
)
register(
    "privacy.ErasureReceipt",
    dict.fromkeys(["id", "reference", "created_at", "reason", "actor", "counts"], NO),
)
register(
    "privacy.ExportFile",
    {
        "id": NO,
        "user": personal(
            category=Category.IDENTITY,
            purpose="the person's own data export",
            basis=Basis.LEGAL_OBLIGATION,
            retention="7 days",
            period=timedelta(days=7),
            on_erasure=OnErasure.DELETE,
        ),
        "status": NO,
        "path": NO,
        "created_at": NO,
        "expires_at": NO,
    },
)
register(
    "privacy.RecentlyViewedSalon",
    {
        "id": NO,
        "user": personal(
            category=Category.PREFERENCES,
            purpose="personalisation: salons the person looked at",
            basis=Basis.CONSENT,
            retention="90 days, or until personalisation is withdrawn",
            period=timedelta(days=90),
            on_erasure=OnErasure.DELETE,
        ),
        "business": NO,
        "viewed_at": NO,
    },
)
_account_choice: _AccountChoice = dict(
    category=Category.PREFERENCES,
    purpose="the account's opt-in to marketing and personalisation, and its proof",
    basis=Basis.CONSENT,
    retention="while the account exists",
    on_erasure=OnErasure.DELETE,
)
register(
    "privacy.AccountConsentRecord",
    {
        "id": NO,
        "user": personal(**_account_choice),
        "purpose": personal(**_account_choice),
        "granted": personal(**_account_choice),
        "source": NO,
        "policy_version": NO,
        "created_at": personal(**_account_choice),
    },
)

register(
    "privacy.RetentionRun",
    dict.fromkeys(["id", "started_at", "finished_at", "dry_run", "day", "counts"], NO),
)
# Keyed hashes of erased addresses: without the key they identify no one (privacy.tombstones).
register("privacy.ErasureTombstone", dict.fromkeys(["id", "kind", "digest", "created_at"], NO))
# The breach register describes a breach (categories, a number), never the people in it.
register(
    "privacy.DataBreach",
    dict.fromkeys(
        [
            "id",
            "summary",
            "data_categories",
            "people_affected",
            "occurred_at",
            "known_at",
            "authority_notified_at",
            "authority_reason",
            "people_notified_at",
            "people_reason",
            "measures",
            "created_at",
        ],
        NO,
    ),
)
register(
    "privacy.InactivityWarning",
    {
        "id": NO,
        "user": personal(
            category=Category.TECHNICAL,
            purpose="warn an inactive account once before erasing it",
            basis=Basis.LEGAL_OBLIGATION,
            retention="while the account exists",
            on_erasure=OnErasure.DELETE,
        ),
        "warned_at": NO,
    },
)

RIGHTS_REQUEST_RETENTION = timedelta(days=3 * 365)
_request: _Kept = dict(
    basis=Basis.LEGAL_OBLIGATION,
    retention="48 hours if never confirmed; else 3 years after it was closed (proof of answer)",
    period=RIGHTS_REQUEST_RETENTION,
    on_erasure=OnErasure.KEEP,
    keep_until="3 years after the request was closed, to prove it was answered",
)
register(
    "privacy.RightsRequest",
    {
        "id": NO,
        "reference": NO,
        "first_name": personal(
            category=Category.IDENTITY, purpose="answer a data-subject request", **_request
        ),
        "last_name": personal(
            category=Category.IDENTITY, purpose="answer a data-subject request", **_request
        ),
        "email": personal(
            category=Category.CONTACT, purpose="answer a data-subject request", **_request
        ),
        "right": NO,
        "statement": personal(
            category=Category.IDENTITY, purpose="answer a data-subject request", **_request
        ),
        "language": NO,
        "status": NO,
        "created_at": NO,
        "confirmed_at": NO,
        "due_at": NO,
        "closed_at": NO,
        "outcome": personal(
            category=Category.TECHNICAL, purpose="answer a data-subject request", **_request
        ),
        "registered_by": NO,
    },
)
register(
    "privacy.RightsRequestNote",
    {
        "id": NO,
        "request": NO,
        "author": NO,
        "text": personal(
            category=Category.TECHNICAL, purpose="answer a data-subject request", **_request
        ),
        "created_at": NO,
    },
)


def privacy_export(*, user: User) -> dict[str, list[dict[str, Any]]]:
    return {
        "consents": [
            {
                "created_at": r.created_at.isoformat(),
                "policy_version": r.policy_version,
                "analytics": r.analytics,
                "personalisation": r.personalisation,
                "marketing": r.marketing,
                "source": r.source,
                "consent_id": str(r.consent_id),
            }
            for r in ConsentRecord.objects.filter(user=user).order_by("id")
        ],
        "access_log": [
            {
                "when": e.created_at.isoformat(),
                "action": e.action,
                "by": e.actor_label,
                "reason": e.reason,
            }
            for e in AuditEntry.objects.filter(subject_user=user).order_by("created_at", "pk")
        ],
        "account_choices": [
            {
                "purpose": r.purpose,
                "granted": r.granted,
                "source": r.source,
                "created_at": r.created_at.isoformat(),
            }
            for r in AccountConsentRecord.objects.filter(user=user).order_by("id")
        ],
        "recently_viewed_salons": [
            {"salon": v.business.name, "viewed_at": v.viewed_at.isoformat()}
            for v in RecentlyViewedSalon.objects.filter(user=user).select_related("business")
        ],
    }


def export_files_delete(*, files: QuerySet[ExportFile]) -> int:
    """Delete export rows and their files under MEDIA_ROOT/exports; returns the rows deleted."""
    root = Path(settings.MEDIA_ROOT).resolve()
    for export in files:
        if export.path:
            path = (root / export.path).resolve()
            if path.is_relative_to(root):
                path.unlink(missing_ok=True)
    return files.delete()[0]


def privacy_erase(context: ErasureContext) -> None:
    user = context.user
    # The ledger guard allows exactly this UPDATE (see ledger.py).
    context.count(
        "privacy.consentrecord (unlinked)",
        ConsentRecord.objects.filter(user=user).update(user=None),
    )
    context.count(
        "privacy.auditentry (redacted)",
        AuditEntry.objects.filter(subject_user=user).update(
            subject_user=None, reason="", redacted_at=context.now
        ),
    )
    AuditEntry.objects.filter(actor=user).update(actor=None)
    context.count(
        "privacy.exportfile", export_files_delete(files=ExportFile.objects.filter(user=user))
    )
    context.count(
        "privacy.accountconsentrecord",
        AccountConsentRecord.objects.filter(user=user).delete()[0],
    )
    context.count(
        "privacy.inactivitywarning", InactivityWarning.objects.filter(user=user).delete()[0]
    )
    context.count(
        "privacy.recentlyviewedsalon",
        RecentlyViewedSalon.objects.filter(user=user).delete()[0],
    )


register_handlers("privacy", export=privacy_export, erase=privacy_erase, order=50)
