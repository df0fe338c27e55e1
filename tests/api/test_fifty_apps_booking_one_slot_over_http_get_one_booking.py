"""The API race: real concurrent HTTP requests on a live server, each with its own connection
(`tests/races.py` starts them together).

50 customers ask for the same slot at the same moment with different Idempotency-Keys: one
201, 49 409 "slot-taken", never a 5xx. One customer sending the same request 5 times at once
(a retrying app) gets one booking. Runs on SQLite and PostgreSQL (`make test` runs both).
"""

from __future__ import annotations

import http.client
import json
from collections import Counter
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

from creneau.bookings.models import Booking
from creneau.bookings.overlap import overlapping_pairs
from tests.api.conftest import NOW, TUESDAY_10, session_token
from tests.races import race as run_race

pytestmark = pytest.mark.django_db(transaction=True)


class _WideServer(ThreadedWSGIServer):
    # 50 clients connect at once: with the default listen backlog (10) the kernel resets the
    # connections it has no room for, before Django sees them.
    request_queue_size = 128


class _ServerThread(LiveServerThread):
    server_class = _WideServer


@pytest.fixture
def server_url(transactional_db, settings):
    """A live server (a thread per request, like pytest-django's) with room for 50 clients."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    thread = _ServerThread("127.0.0.1", StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def clock():
    # Ticking, and process-wide: the live server's threads see the same Monday morning.
    with time_machine.travel(NOW, tick=True):
        yield


def post_booking(base_url: str, token: str, key: str, body: dict) -> tuple[int, dict]:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        conn.request(
            "POST",
            "/api/v1/bookings",
            body=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "X-Session-Token": token,
                "Idempotency-Key": key,
            },
        )
        answer = conn.getresponse()
        return answer.status, json.loads(answer.read() or b"{}")
    finally:
        conn.close()


def race(n: int, attempt) -> tuple[list[tuple[int, dict]], float]:
    """(status, body) per request, in order; a request that raised is (0, {"error": ...})."""
    result = run_race(n, attempt)
    outcomes = [
        (0, {"error": repr(o)}) if isinstance(o, BaseException) else o for o in result.outcomes
    ]
    return outcomes, result.seconds


def test_fifty_customers_on_one_slot_give_one_201_and_49_409(server_url, make_user, salon, clock):
    customers = [make_user(f"app{i}@example.org", phone=f"+336{i:08d}") for i in range(50)]
    tokens = [session_token(c.email) for c in customers]
    body = {
        "salon": salon.slug,
        "services": [salon.test_services["cut"].pk],
        "staff": salon.test_staff[0].pk,
        "start": TUESDAY_10.isoformat(),
    }

    outcomes, seconds = race(50, lambda i: post_booking(server_url, tokens[i], f"key-{i}", body))

    statuses = Counter(status for status, _body in outcomes)
    print(f"\napi race[{connection.vendor}] one slot: {dict(statuses)} in {seconds:.2f}s")
    assert statuses == {201: 1, 409: 49}, outcomes
    assert {body["code"] for status, body in outcomes if status == 409} == {"slot_taken"}
    assert Booking.objects.count() == 1
    assert overlapping_pairs(connection) == []


def test_the_same_request_sent_five_times_at_once_books_once(server_url, customer, salon, clock):
    token = session_token(customer.email)
    body = {
        "salon": salon.slug,
        "services": [salon.test_services["cut"].pk],
        "staff": None,
        "start": TUESDAY_10.isoformat(),
    }

    outcomes, seconds = race(5, lambda i: post_booking(server_url, token, "retried", body))

    print(f"\napi race[{connection.vendor}] same key: {[s for s, _ in outcomes]} in {seconds:.2f}s")
    assert [status for status, _body in outcomes] == [201] * 5, outcomes
    assert len({body["reference"] for _status, body in outcomes}) == 1
    assert Booking.objects.count() == 1
