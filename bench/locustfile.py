"""Locust user for `bench.http_bench`: GETs one path again and again, no think time.

The path comes from BENCH_PATH. Anything but a 200 (a redirect included) is a failure.
FastHttpUser (geventhttpclient) keeps the load generator's own CPU use low: it shares the
machine's two cores with the server.
"""

from __future__ import annotations

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
# "name=value": a session cookie, for pages as a logged-in visitor sees them.
COOKIE = os.environ.get("BENCH_COOKIE", "")


class PageUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def get_page(self) -> None:
        with self.client.get(
            PATH,
            name="page",
            allow_redirects=False,
            catch_response=True,
            headers={"Cookie": COOKIE} if COOKIE else None,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
