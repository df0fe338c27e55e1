"""Locust users of `bench.scaleout`: a mixed load of visitors and customers through nginx.

Each user is one of the pre-created verified customers (SCALEOUT_PLAN, a JSON file written by
the scale-out script). It logs in once as the app does (allauth's headless API, a session token,
no cookie), then without think time, by weight: opens a salon page (4), one day's slot page
(4), books a free time through the API (3), cancels one of its upcoming bookings (1).

Booking is the app's flow: the day's availability, one of the first free starts (so that users
collide on the same times), `POST /api/v1/bookings` with a fresh Idempotency-Key; one booking
in five is sent a second time with the same key, as a retrying app would, and must give back
the same booking. A 409 "slot-taken" is a right answer under contention, not a failure; any
other unexpected status is a failure with the status in its message. Counts of what happened
are written to SCALEOUT_RESULTS when the test stops.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
import uuid
from collections import Counter
from typing import Any

from locust import FastHttpUser, constant, events, task

PLAN: dict[str, Any] = json.loads(open(os.environ["SCALEOUT_PLAN"]).read())  # noqa: SIM115
RESULTS_PATH = os.environ["SCALEOUT_RESULTS"]
# Starts chosen among the first few of the day, so that users often want the same one.
FIRST_STARTS = 4
REPLAY_SHARE = 0.2

_next_customer = itertools.count()
_counts: Counter[str] = Counter()
_lock = threading.Lock()


def count(what: str) -> None:
    with _lock:
        _counts[what] += 1


@events.test_stop.add_listener
def write_results(**_kwargs: Any) -> None:
    with open(RESULTS_PATH, "w") as out:
        json.dump(dict(_counts), out)


class Customer(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        customers = PLAN["customers"]
        me = customers[next(_next_customer) % len(customers)]
        self.token = ""
        with self.client.post(
            "/_allauth/app/v1/auth/login",
            json={"email": me["email"], "password": me["password"]},
            name="login (API)",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            self.token = response.json()["meta"]["session_token"]

    def _api_headers(self) -> dict[str, str]:
        return {"X-Session-Token": self.token, "Accept": "application/json"}

    def _get_page(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    @task(4)
    def salon_page(self) -> None:
        salon = random.choice(PLAN["browse"])
        self._get_page(salon["url"], "salon page")

    @task(4)
    def slot_page(self) -> None:
        salon = random.choice(PLAN["browse"])
        service = random.choice(salon["services"])
        day = random.choice(PLAN["days"])
        self._get_page(f"{salon['url']}book/?service={service}&date={day}", "slot page, one day")

    @task(3)
    def book(self) -> None:
        if not self.token:
            return
        salon = random.choice(PLAN["book"])
        service = random.choice(salon["services"])
        day = random.choice(PLAN["days"])
        with self.client.get(
            f"/api/v1/salons/{salon['slug']}/availability?service={service}&from={day}&to={day}",
            name="availability, one day (API)",
            headers=self._api_headers(),
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            starts = [slot["start"] for d in r.json()["days"] for slot in d["slots"]]
        if not starts:
            count("no free time")
            return
        start = random.choice(starts[:FIRST_STARTS])
        body = {"salon": salon["slug"], "services": [service], "staff": None, "start": start}
        key = uuid.uuid4().hex
        reference = self._post_booking(body, key, "book (API)")
        if reference and random.random() < REPLAY_SHARE:
            again = self._post_booking(body, key, "book again, same key (API)")
            count("same key, same booking" if again == reference else "same key, OTHER booking")

    def _post_booking(self, body: dict[str, Any], key: str, name: str) -> str:
        with self.client.post(
            "/api/v1/bookings",
            json=body,
            name=name,
            headers={**self._api_headers(), "Idempotency-Key": key},
            catch_response=True,
        ) as r:
            if r.status_code == 201:
                count("booked" if name == "book (API)" else "replayed")
                return r.json()["reference"]
            problem = self._problem(r)
            if r.status_code == 409 and problem == "slot_taken":
                r.success()
                count("slot taken")
                return ""
            r.failure(f"status {r.status_code} {problem}")
            return ""

    @task(1)
    def cancel(self) -> None:
        if not self.token:
            return
        with self.client.get(
            "/api/v1/bookings?when=upcoming&limit=50",
            name="my bookings (API)",
            headers=self._api_headers(),
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            changeable = [b["reference"] for b in r.json()["items"] if b["changeable"]]
        if not changeable:
            return
        with self.client.post(
            f"/api/v1/bookings/{random.choice(changeable)}/cancel",
            name="cancel (API)",
            headers=self._api_headers(),
            catch_response=True,
        ) as r:
            if r.status_code == 200:
                count("cancelled")
            else:
                r.failure(f"status {r.status_code} {self._problem(r)}")

    @staticmethod
    def _problem(response: Any) -> str:
        try:
            return str(response.json().get("code") or response.json().get("type", ""))
        except (ValueError, AttributeError):
            return ""
