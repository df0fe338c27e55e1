"""A NUL byte in the path or the query string is refused (404, 400) before any view runs: on
PostgreSQL a lookup with it fails with a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/account/bookings/%00/",
        "/pro/salon-test/bookings/%00/",
        "/privacy/rights/confirm/%00/",
        "/unsubscribe/a%00b/",
    ],
)
def test_a_nul_byte_in_the_path_is_not_found(client, customer, path):
    client.force_login(customer)
    assert client.get(path).status_code == 404


def test_a_nul_byte_in_the_query_is_a_bad_request(client):
    assert client.get("/salons/?q=a%00b").status_code == 400
    assert client.get("/salons/?q%00=1").status_code == 400
