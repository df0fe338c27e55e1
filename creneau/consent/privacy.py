"""Personal data of the consent app: the cookie consent ledger, the banners it refers to, the
audience counts, and the account's own opt-ins.

The consent ledger is hash-chained and append-only (`ledger.py`); the link to the user is
outside the hash and is the one column the database lets us change. Erasure therefore cuts
that link and leaves the rows: pseudonymous proofs (a random browser id, choices, time) kept
for the legal obligation to prove consent, deleted by retention after 25 months like every
row. Deleting the person's rows instead would break the chain for everyone after them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.db import models
from django.utils.translation import gettext_lazy as _

from creneau.consent.models import (
    AccountConsentRecord,
    ConsentBanner,
    ConsentRecord,
    PageView,
    PolicyVersion,
)
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    Rule,
    Text,
    personal,
    register,
    register_handlers,
    register_retention_rule,
)
from creneau.privacy.retention import declared_period

CONSENT_PROOF = timedelta(days=25 * 30)


class _Kept(TypedDict):
    basis: Basis
    retention: Text
    period: timedelta
    on_erasure: OnErasure
    keep_until: Text


_proof: _Kept = dict(
    basis=Basis.LEGAL_OBLIGATION,
    retention=_("25 months (13 months of cookie life + 12 months of proof)"),
    period=CONSENT_PROOF,
    on_erasure=OnErasure.KEEP,
    keep_until=_("25 months after the choice; pseudonymous once the account is erased"),
)

register(ConsentBanner, dict.fromkeys(["digest", "language", "content", "created_at"], NO))
register(
    ConsentRecord,
    {
        "id": NO,
        "consent_id": personal(
            category=Category.TECHNICAL,
            purpose=_("prove a consent (pseudonymous browser id)"),
            **_proof,
        ),
        "user": personal(
            category=Category.IDENTITY,
            purpose=_("the account that made the choice"),
            basis=Basis.LEGAL_OBLIGATION,
            retention=_("while the account exists"),
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "policy_version": NO,
        "analytics": personal(
            category=Category.PREFERENCES, purpose=_("prove a consent"), **_proof
        ),
        "personalisation": personal(
            category=Category.PREFERENCES, purpose=_("prove a consent"), **_proof
        ),
        "marketing": personal(
            category=Category.PREFERENCES, purpose=_("prove a consent"), **_proof
        ),
        "source": NO,
        "banner": NO,
        "created_at": personal(
            category=Category.TECHNICAL,
            purpose=_("prove a consent"),
            **_proof,
        ),
        "prev_hash": NO,
        "row_hash": NO,
    },
)
register(PageView, dict.fromkeys(["id", "path", "day", "count"], NO))


class _AccountChoice(TypedDict):
    category: Category
    purpose: Text
    basis: Basis
    retention: Text
    on_erasure: OnErasure


_account_choice: _AccountChoice = dict(
    category=Category.PREFERENCES,
    purpose=_("the account's opt-in to marketing and personalisation, and its proof"),
    basis=Basis.CONSENT,
    retention=_("while the account exists"),
    on_erasure=OnErasure.DELETE,
)
register(
    AccountConsentRecord,
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
    PolicyVersion,
    dict.fromkeys(["id", "version", "prose_version", "sections", "published_at"], NO),
)


def consent_export(*, user: Any) -> dict[str, list[dict[str, Any]]]:
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
    }


def account_choices_export(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "account_choices": [
            {
                "purpose": r.purpose,
                "granted": r.granted,
                "source": r.source,
                "created_at": r.created_at.isoformat(),
            }
            for r in AccountConsentRecord.objects.filter(user=user).order_by("id")
        ],
    }


def consent_erase(context: ErasureContext) -> None:
    user = context.user
    # The ledger guard allows exactly this UPDATE (see ledger.py).
    context.count(
        "privacy.consentrecord (unlinked)",
        ConsentRecord.objects.filter(user=user).update(user=None),
    )
    context.count(
        "privacy.accountconsentrecord",
        AccountConsentRecord.objects.filter(user=user).delete()[0],
    )


# The export's sections keep their order: the ledger, the access log (privacy, 51), then the
# account's choices.
register_handlers("consent", export=consent_export, erase=consent_erase, order=50)
register_handlers("consent_account_choices", export=account_choices_export, order=52)


def select_consent_proofs(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period(ConsentRecord, "created_at")
    # The oldest rows only, as one block: the ledger stays verifiable from its first remaining
    # row (ledger.py), which a hole in the middle of the chain would break.
    first_kept = ConsentRecord.objects.filter(created_at__gt=cutoff).order_by("id").values("id")[:1]
    kept_from = ConsentRecord.objects.filter(id__in=first_kept).values_list("id", flat=True)
    selected = ConsentRecord.objects.filter(created_at__lte=cutoff)
    first = kept_from.first()
    return selected.filter(id__lt=first) if first is not None else selected


register_retention_rule(
    Rule(
        "consent_proofs_purged",
        "cookie consent proofs older than their declared period (25 months) are deleted, "
        "oldest first",
        select_consent_proofs,
        order=50,
    )
)
