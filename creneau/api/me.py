"""My account: profile (read, rectify) and consent choices (read, change).

The e-mail address is not changed here: it goes through allauth's headless e-mail endpoint
(`/_allauth/app/v1/account/email`), which confirms the new address before it replaces the old.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, cast
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import ConfigDict, StrictBool, StringConstraints

from creneau.accounts.forms import ProfileForm
from creneau.accounts.models import User
from creneau.accounts.phone_change import (
    PhoneCodeRefused,
    phone_change_confirm,
    phone_change_pending,
    profile_change,
)
from creneau.api.problems import ApiProblem, Problem, field_error
from creneau.api.security import CustomerRequest, customer_auth
from creneau.consent import policy
from creneau.consent.cookies import consent_from_record
from creneau.consent.interface import consent_interface
from creneau.consent.models import ConsentRecord, ConsentSource
from creneau.consent.selectors import consents_of_user
from creneau.consent.services import consent_record

router = Router(tags=["my account"], auth=customer_auth)

Language = Literal["fr", "en"]
_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
Name = Annotated[str, StringConstraints(min_length=1, max_length=150, pattern=_NO_CONTROL)]
Phone = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=_NO_CONTROL)]


# --- Profile --------------------------------------------------------------------------------------


class ProfileOut(Schema):
    email: str
    email_verified: bool
    first_name: str
    last_name: str
    phone: str = Field(description="E.164 (+33612345678).")
    phone_pending: str = Field(
        "",
        description="A new mobile number waiting for the code sent to it by SMS "
        "(POST /me/phone/verify); `phone` stays the old one until then.",
    )
    language: Language = Field(description="The language of e-mails, SMS and API messages.")


class ProfileIn(Schema):
    """Only the fields sent are changed. The e-mail address has its own flow (see above)."""

    model_config = ConfigDict(extra="forbid")

    first_name: Name | None = None
    last_name: Name | None = None
    phone: Phone | None = Field(
        None, description="A mobile number, national (06 12 34 56 78) or international."
    )
    language: Language | None = None


def profile_out(user: User) -> ProfileOut:
    pending = phone_change_pending(user=user, now=timezone.now())
    return ProfileOut(
        email=user.email,
        email_verified=EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=True
        ).exists(),
        first_name=user.first_name,
        last_name=user.last_name,
        phone=str(user.phone or ""),
        phone_pending=str(pending.phone) if pending is not None else "",
        language=cast(Language, user.language) if user.language in ("fr", "en") else "fr",
    )


@router.get("/me", response={200: ProfileOut, 401: Problem}, summary="My profile")
def profile(request: CustomerRequest) -> ProfileOut:
    return profile_out(request.auth)


@router.patch(
    "/me",
    response={200: ProfileOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Correct my profile",
)
def profile_rectify(request: CustomerRequest, payload: ProfileIn) -> ProfileOut:
    """Names, mobile phone (checked to be a mobile number, stored in E.164) and language, with
    the same form and service as the site's "My data" page."""
    user: User = request.auth
    current = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": str(user.phone or ""),
        "language": user.language,
    }
    changes = payload.model_dump(exclude_unset=True, exclude_none=True)
    form = ProfileForm(data={**current, **changes})
    if not form.is_valid():
        errors = [
            {
                "field": f"body.{name}",
                "message": " ".join(error.messages),
                "code": error.code or "invalid",
            }
            for name, field_errors in form.errors.as_data().items()
            for error in field_errors
        ]
        raise ApiProblem(
            "validation-error",
            "; ".join(f"{e['field']}: {e['message']}" for e in errors),
            errors=errors,
        )
    data = form.cleaned_data
    # A new number is verified first, as on the site: a code goes to it by SMS.
    try:
        profile_change(
            user=user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            language=data["language"],
            phone=data["phone"],
            now=timezone.now(),
        )
    except DjangoValidationError as error:
        raise field_error("body.phone", " ".join(error.messages), "not_mobile") from None
    return profile_out(user)


class PhoneCodeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")] = Field(
        description="The six digits sent by SMS to the new number."
    )


@router.post(
    "/me/phone/verify",
    response={200: ProfileOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Confirm my new mobile number with the code sent to it",
)
def phone_verify(request: CustomerRequest, payload: PhoneCodeIn) -> ProfileOut:
    """A wrong code is refused (422); after five the pending number is dropped and the
    profile must be sent again."""
    user: User = request.auth
    try:
        phone_change_confirm(user=user, code=payload.code, now=timezone.now())
    except PhoneCodeRefused as error:
        raise field_error("body.code", str(error.message), "phone_code_refused") from None
    return profile_out(user)


# --- Consents -------------------------------------------------------------------------------------


class ConsentChoiceOut(Schema):
    consent_id: uuid.UUID
    policy_version: str
    granted: list[str] = Field(description='"necessary" is always granted.')
    refused: list[str]
    source: ConsentSource
    given_at: datetime
    current: bool = Field(
        description="Still valid: same policy version, under six months old, no new partner."
    )


class ConsentCategoryOut(Schema):
    key: str
    name: str
    purpose: str
    required: bool


class ConsentsOut(Schema):
    policy_version: str
    categories: list[ConsentCategoryOut]
    interface: dict[str, Any] = Field(
        description="Everything the choice is made on (texts, categories, cookies, partners): "
        "what the ledger records as shown."
    )
    current: ConsentChoiceOut | None = Field(
        description="The choice in force; null when none was made or it must be asked again."
    )
    history: list[ConsentChoiceOut] = Field(description="Every choice of mine, newest first.")


class ConsentsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    analytics: StrictBool
    personalisation: StrictBool
    marketing: StrictBool


def _choice(record: ConsentRecord, now: datetime) -> ConsentChoiceOut:
    tz = ZoneInfo(settings.TIME_ZONE)
    return ConsentChoiceOut(
        consent_id=record.consent_id,
        policy_version=record.policy_version,
        granted=list(record.granted),
        refused=list(record.refused),
        source=ConsentSource(record.source),
        given_at=record.created_at.astimezone(tz),
        current=consent_from_record(record).is_current(now),
    )


def consents_out(user: User, now: datetime) -> ConsentsOut:
    records = list(consents_of_user(user))
    history = [_choice(record, now) for record in records]
    return ConsentsOut(
        policy_version=policy.policy_version(),
        categories=[
            ConsentCategoryOut(
                key=c.key, name=str(c.name), purpose=str(c.purpose), required=c.required
            )
            for c in policy.COOKIE_CATEGORIES
        ],
        interface=consent_interface().content,
        current=history[0] if history and history[0].current else None,
        history=history,
    )


@router.get("/me/consents", response={200: ConsentsOut, 401: Problem}, summary="My consents")
def consents(request: CustomerRequest) -> ConsentsOut:
    return consents_out(request.auth, timezone.now())


@router.put(
    "/me/consents",
    response={200: ConsentsOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Change my consents",
)
def consents_change(request: CustomerRequest, payload: ConsentsIn) -> ConsentsOut:
    """Record a new choice in the consent ledger (source "api"), one answer per optional
    category. It replaces the previous one at once; it can be changed again at any time."""
    user: User = request.auth
    now = timezone.now()
    # The app's choices share one pseudonymous id, as a browser's do.
    previous = consents_of_user(user).filter(source=ConsentSource.API).first()
    consent_record(
        # Only what is offered: a category with nothing behind it cannot be consented to.
        granted=[key for key in policy.offered_optional_keys() if getattr(payload, key)],
        source=ConsentSource.API,
        interface=consent_interface(),
        now=now,
        consent_id=previous.consent_id if previous else None,
        user=user,
    )
    return consents_out(user, now)
