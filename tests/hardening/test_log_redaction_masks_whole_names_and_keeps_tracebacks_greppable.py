"""Redaction masks the person's values as whole words: a customer named "Race" leaves every
"Traceback" readable, and her name is still masked where it stands alone."""

from __future__ import annotations

import pytest

from creneau.logging import personal_values, redact


@pytest.fixture
def race():
    token = personal_values.set(("claire.race@example.org", "Claire", "Race", "+33612345678"))
    yield
    personal_values.reset(token)


def test_a_traceback_keeps_its_first_line(race):
    text = 'Traceback (most recent call last):\n  File "x.py", line 3, in trace\nRuntimeError'
    assert redact(text) == text


def test_the_name_is_masked_as_a_word_in_any_case(race):
    assert redact("booked by Race, RACE and race.") == (
        "booked by [redacted], [redacted] and [redacted]."
    )
    assert redact("Claire Race called") == "[redacted] [redacted] called"


def test_a_word_that_contains_the_name_is_left_alone(race):
    assert redact("embraced the racecourse, Claireville") == "embraced the racecourse, Claireville"


def test_values_shorter_than_three_characters_are_not_masked():
    token = personal_values.set(("Li", "Wu"))
    try:
        assert redact("Line 3: Wuppertal, Li") == "Line 3: Wuppertal, Li"
    finally:
        personal_values.reset(token)


def test_a_name_that_is_a_word_of_every_log_line_is_not_masked():
    token = personal_values.set(("Error", "Line"))
    try:
        assert redact("RuntimeError: Error on line 3") == "RuntimeError: Error on line 3"
    finally:
        personal_values.reset(token)
