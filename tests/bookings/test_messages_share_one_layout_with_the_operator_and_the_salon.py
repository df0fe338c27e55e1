"""Every e-mail comes as text and HTML in the shared layout: the operator's identity and the
salon's address in the footer, no images, no tracking pixel, nothing loaded from elsewhere."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmation(salon, customer) -> OutboundMessage:
    book(salon, customer, paris(2026, 12, 10, 10))
    return OutboundMessage.objects.get(template="booking_confirmed")


def test_the_footer_names_the_operator_and_the_salon(confirmation):
    operator = settings.OPERATOR
    for body in (confirmation.body_text, confirmation.body_html):
        assert operator["NAME"] in body
        assert operator["REGISTRATION"] in body
        assert operator["ADDRESS"].replace("'", "&#x27;") in body or operator["ADDRESS"] in body
        assert "1 rue du Test, 75011 Paris" in body


def test_there_is_no_image_and_nothing_loaded_from_elsewhere(confirmation):
    html = confirmation.body_html
    assert "<img" not in html.lower()
    assert "url(" not in html.lower()
    assert not re.search(r"<(link|script|iframe)\b", html, re.IGNORECASE)
    assert not re.search(r"src\s*=", html, re.IGNORECASE)


def test_the_text_part_has_no_html(confirmation):
    assert "<" not in confirmation.body_text
    assert "&#" not in confirmation.body_text and "&amp;" not in confirmation.body_text
