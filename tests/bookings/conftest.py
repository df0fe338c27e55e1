"""The outbox's test SMTP server, for the booking messages' tests that read what it received."""

from tests.notifications.conftest import smtp, smtp_server  # noqa: F401
