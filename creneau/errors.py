"""The root of every domain exception.

Domain functions raise a subclass of `DomainError`; each interface translates it in one place
(the site and the back office into a page message, the API into a problem document with the
error's `code` and `status`). A subclass sets `code` (stable, part of the API's problem type),
`status` (the HTTP status the API answers with) and `default_message` (translatable, shown to
the person).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "domain_error"
    status = 400
    default_message = _("This request could not be carried out.")

    def __init__(self, message: object | None = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))
