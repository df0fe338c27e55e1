"""Shapes shared by the API's resources: money, pages, bounded input types.

Times are ISO 8601 with their offset, in the salon's time zone (`2026-12-08T10:00:00+01:00`).
Money is a decimal string with its currency (`{"amount": "35.00", "currency": "EUR"}`), never a
float. Lists are pages: `items`, `total` (all matches), `limit`, `offset`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Generic, TypeVar, overload

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, Field, StrictInt, StringConstraints

from creneau.dates import plausible_date, plausible_datetime

CURRENCY = "EUR"  # Prices are stored in euros, all taxes included.

# Free text from the client: bounded, and without control characters (PostgreSQL refuses NUL).
PlainText = Annotated[str, StringConstraints(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]
# Row ids: positive and within a 32-bit integer, so no id reaches the database unbounded.
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]
# In JSON bodies an id is a number, never a string that looks like one.
BodyId = Annotated[StrictInt, Field(ge=1, le=2_147_483_647)]
# Dates and times in the plausible range of `creneau.dates`, like every form of the site.
PlausibleDate = Annotated[date, AfterValidator(plausible_date)]
PlausibleAwareDatetime = Annotated[AwareDatetime, AfterValidator(plausible_datetime)]
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,140}$"
REFERENCE_PATTERN = r"^[A-Za-z0-9]{1,12}$"

T = TypeVar("T")


class Money(Schema):
    amount: str = Field(pattern=r"^\d+\.\d{2}$", examples=["35.00"])
    currency: str = Field(examples=[CURRENCY])


@overload
def money(value: Decimal | int) -> Money: ...
@overload
def money(value: Decimal | int | None) -> Money | None: ...
def money(value: Decimal | int | None) -> Money | None:
    if value is None:
        return None
    return Money(amount=f"{Decimal(value):.2f}", currency=CURRENCY)


class Page(Schema, Generic[T]):
    items: list[T]
    total: int = Field(ge=0, description="How many items match, over all pages.")
    limit: int
    offset: int


class PageQuery(Schema):
    limit: int = Field(20, ge=1, le=100, description="Items per page (1 to 100).")
    offset: int = Field(0, ge=0, le=100_000, description="Items to skip.")
