"""Real races for tests: N attempts started together, each on its own thread and connection.

    result = race(50, lambda i: booking_create(customer=customers[i], ...))
    assert result.unexpected(SlotTaken) == []
    booked = result.values()

Each attempt runs in a thread of its own, so Django gives it its own database connection
(connections are per thread), closed when the attempt ends; a barrier releases all of them at
once, after every thread has started, so they really overlap even on a loaded 2-core machine
where starting 50 threads takes longer than one attempt. Whatever an attempt returns or raises
is kept, in order: nothing is swallowed, and the test decides which exceptions are the expected
answer (a conflict) and which are failures. An attempt still running after `timeout` fails
the test with its index instead of leaving a hole in the outcomes.

The test must use `django_db(transaction=True)`: other connections cannot see rows written in
the test's own open transaction.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections


@dataclass(frozen=True)
class Race:
    outcomes: list[Any]  # per attempt, in order: what it returned, or the exception it raised
    seconds: float  # from the release of the barrier to the end of the last attempt

    def values(self) -> list[Any]:
        """What the attempts that did not raise returned."""
        return [o for o in self.outcomes if not isinstance(o, BaseException)]

    def raised(self, kind: type[BaseException]) -> list[BaseException]:
        """The exceptions of type `kind` (the expected refusals, say)."""
        return [o for o in self.outcomes if isinstance(o, kind)]

    def unexpected(self, *expected: type[BaseException]) -> list[BaseException]:
        """The exceptions that are none of `expected`: each one is a failure of the test."""
        return [
            o for o in self.outcomes if isinstance(o, BaseException) and not isinstance(o, expected)
        ]


def race(n: int, attempt: Callable[[int], Any], *, timeout: float = 180.0) -> Race:
    """Run `attempt(i)` for i in 0..n-1, each in its own thread with its own database
    connection, all released at the same moment; return every outcome in order."""
    barrier = threading.Barrier(n)
    outcomes: list[Any] = [None] * n
    released: list[float] = []

    def run(i: int) -> None:
        try:
            if barrier.wait(timeout) == 0:
                released.append(time.perf_counter())
            outcomes[i] = attempt(i)
        except BaseException as error:  # kept for the test to judge, never swallowed
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [i for i, thread in enumerate(threads) if thread.is_alive()]
    assert not stuck, f"attempts {stuck} of {n} still running after {timeout:.0f} s"
    ended = time.perf_counter()
    return Race(outcomes=outcomes, seconds=ended - (released[0] if released else ended))
