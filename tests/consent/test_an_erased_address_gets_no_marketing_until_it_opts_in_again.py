"""The marketing opt-out survives the account's deletion: a restored account's old opt-in does
not let news and offers reach an erased address; a new opt-in, after the erasure, does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress

from creneau.accounts.models import User
from creneau.consent.marketing import MarketingRefused, marketing_message_enqueue
from creneau.consent.models import AccountChoiceSource, AccountConsentRecord
from creneau.consent.objection import account_choices_set
from creneau.privacy.erasure import customer_erase

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)
EMAIL = "camille.dupont@example.org"


def news(user: User):
    return marketing_message_enqueue(
        template="marketing/news",
        to_address=user.email,
        language="en",
        context={"recipient_name": user.first_name},
        user=user,
        now=NOW,
    )


def opt_in(user: User, *, at: datetime) -> None:
    account_choices_set(
        user=user,
        choices={"marketing_email": True, "marketing_sms": False, "personalisation": False},
        source=AccountChoiceSource.ACCOUNT,
        now=at,
    )


def test_a_restored_account_gets_no_marketing_until_it_opts_in_again(make_user):
    user = make_user(EMAIL)
    opt_in(user, at=NOW - timedelta(days=10))
    news(user)  # allowed before the erasure
    copy = {
        "user": User.objects.filter(pk=user.pk).values().get(),
        "emails": list(EmailAddress.objects.filter(user=user).values()),
        "consents": list(AccountConsentRecord.objects.filter(user=user).values()),
    }
    customer_erase(user=user, actor=user, reason="account", now=NOW - timedelta(days=5))

    restored = User.objects.create(**copy["user"])
    EmailAddress.objects.bulk_create(EmailAddress(**row) for row in copy["emails"])
    AccountConsentRecord.objects.bulk_create(AccountConsentRecord(**r) for r in copy["consents"])
    with pytest.raises(MarketingRefused):
        news(restored)


def test_a_new_account_with_the_address_that_opts_in_after_the_erasure_gets_marketing(make_user):
    user = make_user(EMAIL)
    opt_in(user, at=NOW - timedelta(days=10))
    customer_erase(user=user, actor=user, reason="account", now=NOW - timedelta(days=5))

    newcomer = make_user(EMAIL)
    opt_in(newcomer, at=NOW - timedelta(days=1))

    assert news(newcomer).to_address == EMAIL
