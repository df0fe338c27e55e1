"""Platform staff see the audience chart and consent statistics; nobody else does."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creneau.consent.interface import consent_interface
from creneau.consent.models import PageView
from creneau.consent.services import consent_record

pytestmark = pytest.mark.django_db

PAGES = ("privacy:staff_traffic", "privacy:staff_consents")


@pytest.fixture
def staff(make_user):
    user = make_user("ops@creneau.example", first_name="Op", last_name="Erator", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_pageview"),
        Permission.objects.get(codename="view_consentrecord"),
    )
    return user


@pytest.fixture
def staff_client(staff, settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(staff)
    return client


@pytest.mark.parametrize("name", PAGES)
def test_a_visitor_or_a_customer_is_sent_to_the_staff_login(client, customer, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(customer)
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/admin/login/" in response.url


@pytest.mark.parametrize("name", PAGES)
def test_staff_without_the_permission_are_refused(make_user, name):
    client = Client()
    client.force_login(make_user("intern@creneau.example", is_staff=True))
    assert client.get(reverse(name)).status_code == 403


def test_the_traffic_page_draws_the_last_thirty_days_with_a_table_alternative(staff_client):
    today = timezone.localdate()
    PageView.objects.create(path="/", day=today, count=12)
    PageView.objects.create(path="/salons/paris/", day=today - timedelta(days=2), count=5)
    PageView.objects.create(path="/", day=today - timedelta(days=40), count=99)  # too old
    response = staff_client.get(reverse("privacy:staff_traffic"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html
    assert html.count('class="chart-bar"') == 30
    assert response.context["total"] == 17
    assert response.context["paths"] == [("/", 12), ("/salons/paris/", 5)]
    assert "<caption>Page views per day</caption>" in html
    assert 'style="' not in html  # the CSP allows no inline style


def test_consent_statistics_count_each_browsers_latest_choice_per_version(staff_client):
    interface = consent_interface("en")
    now = timezone.now()
    first = consent_record(granted=["analytics"], source="banner", interface=interface, now=now)
    consent_record(
        consent_id=first.consent_id, granted=[], source="settings", interface=interface, now=now
    )
    for granted in (["analytics", "marketing"], ["personalisation"], []):
        consent_record(granted=granted, source="banner", interface=interface, now=now)
    response = staff_client.get(reverse("privacy:staff_consents"))
    row = response.context["rows"][0]
    assert row["choices"] == 4
    assert row["cells"] == [(1, 25), (1, 25), (1, 25)]
    html = response.content.decode()
    assert str(first.consent_id) not in html


def test_the_statistics_hold_no_personal_data(staff_client, customer):
    consent_record(
        granted=["analytics"],
        source="banner",
        interface=consent_interface("en"),
        now=timezone.now(),
        user=customer,
    )
    html = staff_client.get(reverse("privacy:staff_consents")).content.decode()
    for value in (customer.email, customer.first_name, customer.last_name):
        assert value not in html


def test_the_chart_scale_rounds_up_to_a_readable_top():
    from creneau.consent.charts import bar_chart

    chart = bar_chart([(date(2026, 12, 1), 0), (date(2026, 12, 2), 37)])
    assert chart.top == 50
    assert [value for _y, value in chart.ticks] == [0, 25, 50]
    assert chart.bars[0].height == 0 and chart.bars[1].height > 0
