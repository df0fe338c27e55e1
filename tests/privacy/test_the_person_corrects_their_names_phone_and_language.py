"""The person corrects their names, mobile phone and language; the phone must be a mobile."""

from __future__ import annotations

from django.urls import reverse


def test_it_saves_names_phone_and_language(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("privacy:my_data"),
        {
            "first_name": "Camila",
            "last_name": "Durand",
            "phone": "06 11 22 33 44",
            "language": "en",
        },
    )

    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name, customer.language) == (
        "Camila",
        "Durand",
        "en",
    )
    assert str(customer.phone) == "+33611223344"


def test_it_rejects_a_landline_number(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("privacy:my_data"),
        {
            "first_name": "Camille",
            "last_name": "Dupont",
            "phone": "01 42 00 00 00",
            "language": "fr",
        },
    )

    assert response.status_code == 200
    customer.refresh_from_db()
    assert str(customer.phone) == "+33612345678"
