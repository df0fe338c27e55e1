"""Errors of the catalogue's writes. Permission errors (`NotAllowed`, `NotFound`) live with the
role matrix in `creneau.catalog.permissions`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creneau.errors import DomainError


class SettingsError(DomainError):
    code = "invalid_settings"
    status = 400
    default_message = _("These settings are not valid.")
