"""GET and PUT /api/v1/me/consents: the consent ledger, with the source "api"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.consent import policy
from creneau.consent.ledger import ledger_verify
from creneau.consent.models import ConsentRecord
from tests.api.conftest import assert_problem, session_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/consents"


def test_before_any_choice_there_is_none_in_force(as_customer):
    body = as_customer.get(URL).json()
    assert body["current"] is None
    assert body["history"] == []
    assert body["policy_version"] == policy.POLICY_VERSION
    assert [c["key"] for c in body["categories"]] == [
        "necessary",
        "analytics",
        "personalisation",
        "marketing",
    ]
    assert body["interface"]["policy_version"] == policy.POLICY_VERSION


def test_a_choice_is_recorded_in_the_ledger_and_shown_as_current(as_customer, customer):
    response = as_customer.put_json(
        URL, {"analytics": True, "personalisation": False, "marketing": False}
    )
    assert response.status_code == 200, response.content
    record = ConsentRecord.objects.get(user=customer)
    assert record.source == "api"
    assert (record.analytics, record.personalisation, record.marketing) == (True, False, False)
    current = response.json()["current"]
    assert current["granted"] == ["necessary", "analytics"]
    assert current["refused"] == ["personalisation", "marketing"]
    assert current["source"] == "api"
    assert current["consent_id"] == str(record.consent_id)


def test_a_new_choice_replaces_the_old_one_and_both_stay_in_the_history(as_customer, customer):
    as_customer.put_json(URL, {"analytics": True, "personalisation": True, "marketing": True})
    body = as_customer.put_json(
        URL, {"analytics": False, "personalisation": False, "marketing": False}
    ).json()
    assert body["current"]["granted"] == ["necessary"]
    assert len(body["history"]) == 2
    # One pseudonymous id for the app's choices, as for one browser's.
    assert body["history"][0]["consent_id"] == body["history"][1]["consent_id"]
    assert ledger_verify() == []


def test_a_choice_older_than_six_months_is_no_longer_in_force(as_customer, customer, frozen):
    as_customer.put_json(URL, {"analytics": True, "personalisation": True, "marketing": True})
    frozen.shift(timedelta(days=policy.CONSENT_RENEWAL_DAYS))
    assert as_customer.get(URL).status_code == 401  # the session itself expired meanwhile
    as_customer.token = session_token(customer.email)
    body = as_customer.get(URL).json()
    assert body["current"] is None
    assert body["history"][0]["current"] is False


def test_every_category_must_be_answered(as_customer):
    response = as_customer.put_json(URL, {"analytics": True})
    body = assert_problem(response, 422, "validation-error")
    assert {e["field"] for e in body["errors"]} == {"body.personalisation", "body.marketing"}
    assert not ConsentRecord.objects.exists()


def test_my_choices_are_mine_alone(as_customer, as_other_customer, other_customer):
    as_customer.put_json(URL, {"analytics": True, "personalisation": True, "marketing": True})
    assert as_other_customer.get(URL).json()["history"] == []
    assert not ConsentRecord.objects.filter(user=other_customer).exists()


def test_without_a_session_consents_are_closed(anonymous):
    assert_problem(anonymous.get(URL), 401, "not-authenticated")
    response = anonymous.put_json(
        URL, {"analytics": True, "personalisation": True, "marketing": True}
    )
    assert_problem(response, 401, "not-authenticated")
    assert not ConsentRecord.objects.exists()
