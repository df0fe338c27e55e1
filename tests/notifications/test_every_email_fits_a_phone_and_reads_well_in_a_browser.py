"""Each e-mail the app sends, ours and allauth's, in French and English, rendered by Chromium
at a phone's width (375 px) and at the 600 px of a mail client's reading pane: nothing is
wider than the window, and axe finds no contrast or other serious issue."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.notifications.email_samples import all_rendered

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

BLOCKING = {"serious", "critical"}


def overflow(page) -> int:
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def test_each_email_fits_375_and_600_px_with_aa_contrast(_browser, customer):
    messages = all_rendered(customer)
    problems: list[str] = []
    for width in (375, 600):
        context = _browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for message in messages:
            page.set_content(message.html)
            label = f"{message.name} ({message.language}) at {width} px"
            if overflow(page) > 0:
                problems.append(f"{label}: {overflow(page)} px too wide")
            if width != 375:
                continue  # colours do not depend on the width: axe once per message
            results = Axe().run(page)
            problems.extend(
                f"{label}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
                for v in results.response["violations"]
                if v["impact"] in BLOCKING
            )
        context.close()
    assert problems == []
    assert len(messages) > 40
