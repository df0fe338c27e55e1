"""The privacy policy's purposes, retention periods and recipients are rendered from the
registry in French and in English: nothing declared is missing, nothing undeclared is named;
the French page has none of the English declarations; a new declaration changes the rendered
policy and its version with no template edited; the old version stays readable."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from creneau.consent import policy
from creneau.consent.models import PolicyVersion
from creneau.privacy.records import recipient_label
from creneau.privacy.registry import Personal, personal, registry, source_text

pytestmark = pytest.mark.django_db


def page(language: str, url: str | None = None) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url or reverse("privacy:privacy_policy"))
    assert response.status_code == 200
    return htmllib.unescape(response.content.decode())


def rendered(html: str, field: str) -> set[str]:
    return set(re.findall(rf'data-field="{field}">([^<]*)<', html))


def declared(language: str) -> dict[str, set[str]]:
    with translation.override(language):
        found: dict[str, set[str]] = {"purpose": set(), "retention": set(), "recipient": set()}
        for entry in registry.entries(personal_only=True):
            declaration = entry.declaration
            assert isinstance(declaration, Personal)
            found["purpose"].add(str(declaration.purpose))
            found["retention"].add(str(declaration.retention))
            found["recipient"].update(recipient_label(r) for r in declaration.recipients)
        return found


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_declared_purpose_retention_and_recipient_is_rendered_and_nothing_else(language):
    html = page(language)
    expected = declared(language)
    for field in ("purpose", "retention", "recipient"):
        assert rendered(html, field) == expected[field], field


def test_the_french_policy_has_none_of_the_english_declarations():
    french = page("fr")
    english = declared("en")
    for field in ("purpose", "retention"):
        leftovers = rendered(french, field) & english[field]
        assert not leftovers, leftovers


def test_the_version_is_shown_as_a_french_date_in_prose():
    html = page("fr")
    published = PolicyVersion.objects.get(version=policy.policy_version()).published_at
    months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    month = months.split()[published.month - 1]
    assert f"Version du {published.day} {month} {published.year}" in html
    assert not re.search(r"Version du \d{4}-\d{2}-\d{2}", html)


# A model another app declares (as the registry allows before the model ships): a field with
# a new purpose and a new retention.
PHOTO = "gallery.photo"


def has_banner(client: Client) -> bool:
    return 'class="consent-banner"' in client.get("/").content.decode()


def test_adding_a_declaration_bumps_the_version_and_keeps_the_old_one_readable():
    old_html = page("en")
    old = policy.policy_version()
    visitor = Client()
    visitor.post(reverse("privacy:consent_save"), {"choice": "refuse_all"})
    assert not has_banner(visitor)
    saved = dict(registry._models)
    try:
        registry.register(
            PHOTO,
            {
                "caption": personal(
                    category="booking",
                    purpose=_("show the photo the salon took of the finished cut"),
                    basis="consent",
                    retention=_("until the photo is withdrawn, 1 year at most"),
                    on_erasure="delete",
                )
            },
        )
        new = policy.policy_version()
        assert new != old
        # The consent renewal already built: a choice made under the old version is asked again.
        assert has_banner(visitor)
        new_html = page("en")
        assert "show the photo the salon took of the finished cut" in rendered(new_html, "purpose")
        assert "show the photo" not in "".join(rendered(old_html, "purpose"))
        assert set(PolicyVersion.objects.values_list("version", flat=True)) == {old, new}
        previous = page("en", reverse("privacy:policy_version", args=[old]))
        assert "This version is no longer in force." in previous
        assert "show the photo" not in previous
        listing = page("en", reverse("privacy:policy_versions"))
        assert reverse("privacy:policy_version", args=[old]) in listing
    finally:
        registry._models = saved
        registry.generation += 1
    assert policy.policy_version() == old


def test_the_version_digest_does_not_depend_on_the_active_language():
    with translation.override("fr"):
        french = policy.policy_version()
    with translation.override("en"):
        assert policy.policy_version() == french
    assert source_text(_("prove a consent")) == "prove a consent"
