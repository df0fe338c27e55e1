import pytest


@pytest.fixture
def an_advertising_partner(settings):
    """The operator configured an advertising tag, so the marketing category has something
    behind it and is offered (without one it is not)."""
    settings.ANALYTICS_GOOGLE_TAG_ID = "G-TEST1234"
    return settings.ANALYTICS_GOOGLE_TAG_ID
