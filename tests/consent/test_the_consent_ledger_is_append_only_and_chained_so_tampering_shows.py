"""The consent ledger: one row per choice, append-only, chained so tampering shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from creneau.consent.interface import consent_interface, content_digest
from creneau.consent.ledger import install_ledger_guard, ledger_verify, remove_ledger_guard
from creneau.consent.models import ConsentBanner, ConsentRecord
from creneau.consent.services import consent_record

pytestmark = pytest.mark.django_db


def record(granted=(), **kwargs):
    return consent_record(
        granted=granted,
        source=kwargs.pop("source", "banner"),
        interface=consent_interface("en"),
        now=kwargs.pop("now", timezone.now()),
        **kwargs,
    )


def test_every_choice_through_the_site_is_one_row(client):
    url = reverse("privacy:consent_save")
    client.post(url, {"choice": "accept_all"})
    client.post(url, {"choice": "refuse_all", "source": "settings"})
    client.post(url, {"choice": "save", "categories": ["marketing"], "source": "settings"})
    client.get("/")
    assert ConsentRecord.objects.count() == 3


def test_a_row_holds_the_proof_and_nothing_about_the_request(client):
    client.post(reverse("privacy:consent_save"), {"choice": "save", "categories": ["analytics"]})
    row = ConsentRecord.objects.get()
    fields = {f.name for f in ConsentRecord._meta.get_fields()}
    assert fields == {
        "id",
        "consent_id",
        "user",
        "policy_version",
        "analytics",
        "personalisation",
        "marketing",
        "source",
        "banner",
        "created_at",
        "prev_hash",
        "row_hash",
    }
    assert row.policy_version and row.created_at and row.consent_id
    assert (row.analytics, row.personalisation, row.marketing) == (True, False, False)


@pytest.mark.usefixtures("an_advertising_partner")
def test_the_banner_version_proves_what_was_shown(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("privacy:consent_save"), {"choice": "refuse_all"})
    banner = ConsentRecord.objects.get().banner
    assert banner.language == "en"
    assert content_digest(banner.content) == banner.digest
    assert banner.content["texts"]["refuse_all"] == "Refuse all"
    assert [c["key"] for c in banner.content["categories"]] == [
        "necessary",
        "analytics",
        "personalisation",
        "marketing",
    ]


def test_the_same_texts_share_one_banner_version_and_a_new_vendor_makes_another(settings):
    record()
    record()
    assert ConsentBanner.objects.count() == 1
    settings.MARKETING_META_PIXEL_ID = "1234567890"
    record(["marketing"])
    assert ConsentBanner.objects.count() == 2
    newest = ConsentRecord.objects.order_by("-id").first().banner
    assert [v["key"] for v in newest.content["vendors"]] == ["meta_pixel"]


def test_each_row_is_chained_to_the_previous_one():
    first, second, third = record(), record(["analytics"]), record(["marketing"])
    assert first.prev_hash == ""  # the first row of an empty ledger
    assert second.prev_hash == first.row_hash
    assert third.prev_hash == second.row_hash
    assert ledger_verify() == []


def test_the_database_refuses_to_change_a_row():
    row = record(["analytics"])
    row.analytics = False
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.filter(pk=row.pk).update(policy_version="1999-01-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.filter(pk=row.pk).update(created_at=timezone.now())
    row.refresh_from_db()
    assert row.analytics is True


def test_a_row_cannot_be_given_to_another_user(customer, other_customer):
    row = record(user=customer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.filter(pk=row.pk).update(user=other_customer)


def test_erasing_a_user_cuts_the_link_and_leaves_a_valid_pseudonymous_proof(customer):
    row = record(["analytics"], user=customer)
    customer.delete()
    row.refresh_from_db()
    assert row.user is None
    assert ledger_verify() == []


def test_a_row_removed_from_the_middle_is_detected():
    record()
    middle = record(["analytics"])
    record(["marketing"])
    ConsentRecord.objects.filter(pk=middle.pk).delete()
    problems = ledger_verify()
    assert [p.reason for p in problems] == ["does not follow the previous row"]


def test_pruning_the_oldest_rows_keeps_the_ledger_verifiable():
    old = record(now=timezone.now() - timedelta(days=800))
    record()
    record()
    ConsentRecord.objects.filter(pk=old.pk).delete()
    assert ledger_verify() == []


def test_a_row_changed_behind_the_guard_is_detected():
    # Someone with full database rights drops the guard and edits a row.
    record()
    target = record(["analytics"])
    record()
    remove_ledger_guard(connection)
    try:
        ConsentRecord.objects.filter(pk=target.pk).update(analytics=False, marketing=True)
    finally:
        install_ledger_guard(connection)
    problems = ledger_verify()
    assert [(p.record_id, p.reason) for p in problems] == [
        (target.pk, "content does not match its hash")
    ]


def test_two_rows_can_never_claim_the_same_predecessor():
    first = record()
    clone = ConsentRecord(
        consent_id=first.consent_id,
        policy_version=first.policy_version,
        analytics=True,
        personalisation=False,
        marketing=False,
        source="banner",
        banner_id=first.banner_id,
        created_at=timezone.now(),
        prev_hash=first.prev_hash,
        row_hash="f" * 64,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save(force_insert=True)


def test_an_unknown_category_or_source_is_refused():
    with pytest.raises(ValueError):
        record(["advertising"])
    with pytest.raises(ValueError):
        record(source="carrier-pigeon")
    assert not ConsentRecord.objects.exists()
