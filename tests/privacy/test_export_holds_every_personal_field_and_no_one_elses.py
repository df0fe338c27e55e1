"""The "my data" export holds the person's registry fields and nothing of anyone else."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from creneau.bookings.models import Booking
from creneau.consent.interface import consent_interface
from creneau.consent.services import consent_record
from creneau.privacy.export import export_collect, export_file_write, export_request, export_token


def _book(salon, customer, days_ago):
    start = timezone.now() - timedelta(days=days_ago)
    return Booking.objects.create(
        business=salon,
        customer=customer,
        staff=salon.test_staff[0],
        start=start,
        end=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=30),
        status=Booking.Status.COMPLETED,
        total_price=Decimal("35.00"),
    )


def test_every_personal_field_of_the_profile_is_exported(customer):
    profile = export_collect(user=customer)["profile"][0]

    # accounts.User's personal fields, except the password hash (a credential, not data to port).
    for name in ("email", "first_name", "last_name", "phone", "language", "date_joined"):
        assert name in profile
    assert profile["phone"] == "+33612345678"


def test_a_second_customers_data_never_appears(client, customer, other_customer, salon):
    _book(salon, customer, 3)
    other = _book(salon, other_customer, 4)
    consent_record(
        granted=["marketing"],
        source="account",
        interface=consent_interface("fr"),
        now=timezone.now(),
        user=other_customer,
    )
    client.force_login(customer)

    data = client.get(reverse("privacy:download_json")).content.decode()
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("privacy:download_zip")).content))

    assert "camille.dupont@example.org" in data
    everything = data + "".join(archive.read(name).decode() for name in archive.namelist())
    for foreign in ("jean.martin@example.org", "Martin", "+33698765432", other.reference):
        assert foreign not in everything
    assert json.loads(data)["consents"] == []
    assert {"data.json", "bookings.csv", "profile.csv"} <= set(archive.namelist())


def test_a_prepared_archive_is_downloaded_through_its_signed_link_by_its_owner_only(
    client, customer, other_customer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    export = export_file_write(export=export_request(user=customer))
    url = reverse("privacy:export_download", args=[export_token(export)])

    client.force_login(other_customer)
    assert client.get(url).status_code == 404
    client.force_login(customer)
    response = client.get(url)

    assert response.status_code == 200
    assert b"data.json" in b"".join(response.streaming_content)
