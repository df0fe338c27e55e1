"""Personal data of the privacy framework itself: the audit log, erasure receipts and tombstones,
export files, retention runs and inactivity warnings.

Audit entries about the person are redacted, never deleted: the links to them and the free
text reason go, `redacted_at` says so, and the trail still says what was done and by whom.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any, TypedDict

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from creneau.privacy.models import (
    AuditEntry,
    ErasureReceipt,
    ErasureTombstone,
    ExportFile,
    InactivityWarning,
    ProcessingRestriction,
    RetentionRun,
)
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    AnyUser,
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    Text,
    personal,
    register,
    register_handlers,
)


class _Audit(TypedDict):
    basis: Basis
    retention: Text
    period: timedelta
    on_erasure: OnErasure


_audit: _Audit = dict(
    basis=Basis.LEGITIMATE_INTEREST,
    retention=_("5 years (accountability)"),
    period=timedelta(days=5 * 365),
    on_erasure=OnErasure.PSEUDONYMISE,
)
register(
    AuditEntry,
    {
        "id": NO,
        "actor": personal(category=Category.IDENTITY, purpose=_("who accessed the data"), **_audit),
        "actor_label": NO,
        "action": NO,
        "subject_user": personal(
            category=Category.IDENTITY, purpose=_("whose data was accessed"), **_audit
        ),
        "subject_contact": personal(
            category=Category.IDENTITY, purpose=_("whose data was accessed"), **_audit
        ),
        "object_type": NO,
        "object_id": NO,
        "business": NO,
        "reason": personal(category=Category.TECHNICAL, purpose=_("why it was accessed"), **_audit),
        "created_at": NO,
        "redacted_at": NO,
    },
)
register(
    ErasureReceipt,
    dict.fromkeys(["id", "reference", "created_at", "reason", "actor", "counts"], NO),
)
register(
    ExportFile,
    {
        "id": NO,
        "user": personal(
            category=Category.IDENTITY,
            purpose=_("the person's own data export"),
            basis=Basis.LEGAL_OBLIGATION,
            retention=_("7 days"),
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
    RetentionRun,
    dict.fromkeys(["id", "started_at", "finished_at", "dry_run", "day", "counts"], NO),
)
# Keyed hashes of erased addresses: without the key they identify no one (privacy.tombstones).
register(ErasureTombstone, dict.fromkeys(["id", "kind", "digest", "created_at"], NO))
register(
    InactivityWarning,
    {
        "id": NO,
        "user": personal(
            category=Category.TECHNICAL,
            purpose=_("warn an inactive account once before erasing it"),
            basis=Basis.LEGAL_OBLIGATION,
            retention=_("while the account exists"),
            on_erasure=OnErasure.DELETE,
        ),
        "warned_at": NO,
    },
)

register(
    ProcessingRestriction,
    {
        "id": NO,
        "user": personal(
            category=Category.PREFERENCES,
            purpose=_("restrict the processing of the person's data at their request"),
            basis=Basis.LEGAL_OBLIGATION,
            retention=_("while the account exists"),
            on_erasure=OnErasure.DELETE,
        ),
        # The tombstones' keyed hash: without the key it identifies no one.
        "email_digest": NO,
        "source": NO,
        "started_at": NO,
        "lifted_at": NO,
    },
)


def privacy_export(*, user: AnyUser) -> dict[str, list[dict[str, Any]]]:
    return {
        "access_log": [
            {
                "when": e.created_at.isoformat(),
                "action": e.action,
                "by": e.actor_label,
                "reason": e.reason,
            }
            for e in AuditEntry.objects.filter(subject_user=user).order_by("created_at", "pk")
        ],
        "processing_restrictions": [
            {
                "started_at": r.started_at.isoformat(),
                "lifted_at": r.lifted_at.isoformat() if r.lifted_at else None,
                "asked_through": r.source,
            }
            for r in ProcessingRestriction.objects.filter(user=user).order_by("started_at", "pk")
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
        "privacy.processingrestriction",
        ProcessingRestriction.objects.filter(user=user).delete()[0],
    )
    context.count(
        "privacy.inactivitywarning", InactivityWarning.objects.filter(user=user).delete()[0]
    )


# After the consent ledger's handler (50), before the account choices' (52): the export keeps
# its sections in the order they always had.
register_handlers("privacy", export=privacy_export, erase=privacy_erase, order=51)
