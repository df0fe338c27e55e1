"""Many choices at once still make one unbroken chain (real threads, real connections)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from creneau.consent.interface import consent_interface
from creneau.consent.ledger import ledger_verify
from creneau.consent.models import ConsentRecord
from creneau.consent.services import consent_record

WRITERS = 8
EACH = 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_choices_are_all_recorded_in_one_chain():
    interface = consent_interface("fr")
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer() -> None:
        try:
            start.wait()
            for _ in range(EACH):
                consent_record(
                    granted=["analytics"], source="banner", interface=interface, now=timezone.now()
                )
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ConsentRecord.objects.count() == WRITERS * EACH
    assert ledger_verify() == []
    hashes = list(ConsentRecord.objects.values_list("prev_hash", flat=True))
    assert len(set(hashes)) == len(hashes)
