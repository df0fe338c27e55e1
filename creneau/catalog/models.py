"""The catalogue: salons (businesses), what they sell, who works there and when.

Opening hours are local wall-clock times in the business's time zone (09:00 stays 09:00 across
daylight-saving changes); time off is stored as aware datetimes (UTC in the database).
Constraints live in the database; each one carries a message for `full_clean()` as well.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.timezone import now as _now
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from creneau.catalog.siret import validate_siret


@lru_cache(maxsize=1)
def _time_zone_keys() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_time_zone(value: str) -> None:
    """Accept only IANA time zone keys known to zoneinfo ("Europe/Paris")."""
    if value not in _time_zone_keys():
        raise ValidationError(
            _("%(value)s is not a known time zone (for example Europe/Paris)."),
            code="invalid_time_zone",
            params={"value": value},
        )


validate_postcode = RegexValidator(
    r"^\d{5}$", _("Enter a French postcode of five digits."), code="invalid_postcode"
)


class BusinessCategory(models.TextChoices):
    HAIR = "hair", _("Hair salon")
    BARBER = "barber", _("Barber")
    BEAUTY = "beauty", _("Beauty salon")
    NAILS = "nails", _("Nail bar")
    SPA = "spa", _("Spa")


class ReviewState(models.TextChoices):
    """Where a salon that signed up on its own stands with the platform's review."""

    DRAFT = "draft", _("Being set up")
    SUBMITTED = "submitted", _("Waiting for review")
    RETURNED = "returned", _("Sent back for changes")
    APPROVED = "approved", _("Approved")


class StaffRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    STAFF = "staff", _("Staff")


class Business(models.Model):
    """A salon: its public page, its address, and its booking policy."""

    Category = BusinessCategory

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=140, unique=True, help_text=_("Part of the salon page's address.")
    )
    category = models.CharField(_("category"), max_length=16, choices=BusinessCategory.choices)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("street address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=5, validators=[validate_postcode])
    city = models.CharField(_("city"), max_length=100)
    city_slug = models.SlugField(
        _("city slug"), max_length=100, help_text=_("Filled from the city; used in addresses.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Paris",
        validators=[validate_time_zone],
        help_text=_("Opening hours are read in this time zone."),
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    is_active = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished salons are hidden from the public.")
    )

    # Booking policy.
    slot_step_minutes = models.PositiveSmallIntegerField(
        _("slot step (minutes)"),
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("Offered start times are this many minutes apart."),
    )
    min_notice_minutes = models.PositiveIntegerField(
        _("minimum notice (minutes)"),
        default=60,
        validators=[MaxValueValidator(60 * 24 * 30)],
        help_text=_("How long before its start a slot can still be booked."),
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("booking horizon (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("How far ahead customers can book."),
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("cancellation and rescheduling deadline (hours)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("Customers can cancel or move a booking up to this many hours before it."),
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder (hours before)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
    )

    # Derived columns for the search and its results list, written only by
    # `catalog.services` (business_save, business_reindex), never by hand: normalised name
    # and words (lower case, no accents), and the price list's summary, so a results page
    # reads one row per salon and no subquery.
    search_name = models.CharField(_("search name"), max_length=120, editable=False, default="")
    search_text = models.TextField(_("search text"), editable=False, default="")
    price_from = models.DecimalField(
        _("lowest price"), max_digits=8, decimal_places=2, null=True, editable=False
    )
    service_count = models.PositiveIntegerField(_("bookable services"), default=0, editable=False)

    # Changes whenever what the salon's public pages show may have changed (catalog.freshness):
    # part of the key of a rendered page kept for reuse (web.page_cache).
    public_version = models.PositiveBigIntegerField(
        _("public pages version"), default=0, editable=False
    )

    # How many visible reviews gave 1, 2, 3, 4 and 5 stars: kept by the reviews app (one UPDATE
    # that recounts, after each review written or hidden), so the salon page and the search
    # cards show the average and the counts without reading the reviews.
    reviews_1 = models.PositiveIntegerField(_("1-star reviews"), default=0, editable=False)
    reviews_2 = models.PositiveIntegerField(_("2-star reviews"), default=0, editable=False)
    reviews_3 = models.PositiveIntegerField(_("3-star reviews"), default=0, editable=False)
    reviews_4 = models.PositiveIntegerField(_("4-star reviews"), default=0, editable=False)
    reviews_5 = models.PositiveIntegerField(_("5-star reviews"), default=0, editable=False)

    created_at = models.DateTimeField(_("created"), default=_now, editable=False)

    # Sign-up and review (catalog.onboarding). A salon entered by the operator, and every salon
    # that existed before salons could sign up, is approved; one that signs up starts as a
    # draft, unpublished (`is_active` False) until platform staff approve it.
    siret = models.CharField(
        _("SIRET number"), max_length=14, blank=True, validators=[validate_siret]
    )
    review_state = models.CharField(
        _("review"), max_length=16, choices=ReviewState.choices, default=ReviewState.APPROVED
    )
    review_reason = models.TextField(
        _("reason given when sent back"), blank=True, help_text=_("Shown to the salon's owner.")
    )
    # The set-up steps the owner has confirmed (catalog.onboarding.SETUP_STEPS).
    setup_steps = models.JSONField(_("set-up steps done"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # The first of its photos (catalog.photos keeps it), so a results card shows it without
    # another query.
    cover_key = models.CharField(_("cover photo"), max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("salon")
        verbose_name_plural = _("salons")
        ordering = ["search_name", "pk"]
        permissions = [("review_business", _("Can review salons that signed up"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values),
                name="catalog_business_review_state_valid",
                violation_error_message=_("Choose one of the listed review states."),
            ),
            # One establishment signs up once; salons entered without a SIRET are not compared.
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret=""),
                name="catalog_business_unique_siret",
                violation_error_message=_("A salon with this SIRET number is already registered."),
            ),
            models.CheckConstraint(
                condition=Q(category__in=BusinessCategory.values),
                name="catalog_business_category_valid",
                violation_error_message=_("Choose one of the listed categories."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="catalog_business_name_not_empty",
                violation_error_message=_("A salon needs a name."),
            ),
            models.CheckConstraint(
                condition=~Q(slug=""),
                name="catalog_business_slug_not_empty",
                violation_error_message=_("A salon needs a slug."),
            ),
            models.CheckConstraint(
                condition=~Q(city_slug=""),
                name="catalog_business_city_slug_not_empty",
                violation_error_message=_("A salon needs a city."),
            ),
            models.CheckConstraint(
                # Spelled out with isnull=False: a CHECK passes when it evaluates to NULL, so a
                # range test alone would let a latitude without a longitude through.
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="catalog_business_coordinates_pair",
                violation_error_message=_(
                    "Give both latitude (-90 to 90) and longitude (-180 to 180), or neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(slot_step_minutes__gte=5, slot_step_minutes__lte=240),
                name="catalog_business_slot_step_range",
                violation_error_message=_("The slot step must be between 5 and 240 minutes."),
            ),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1, horizon_days__lte=366),
                name="catalog_business_horizon_range",
                violation_error_message=_("The booking horizon must be between 1 and 366 days."),
            ),
        ]
        # The public search reads published salons only: partial indexes hold just those, in
        # name order, so a city's or category's first page is read straight off the index
        # and its count never touches the table. Free text is a scan on SQLite (about 10 ms
        # for 10,000 salons); PostgreSQL gets a trigram index (migration 0004).
        indexes = [
            models.Index(
                fields=["city_slug", "search_name"],
                condition=Q(is_active=True),
                name="catalog_bus_pub_city_idx",
            ),
            models.Index(
                fields=["category", "search_name"],
                condition=Q(is_active=True),
                name="catalog_bus_pub_cat_idx",
            ),
            models.Index(
                fields=["postcode", "search_name"],
                condition=Q(is_active=True),
                name="catalog_bus_pub_postcode_idx",
            ),
            models.Index(
                fields=["search_name"], condition=Q(is_active=True), name="catalog_bus_pub_name_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    def get_absolute_url(self) -> str:
        return reverse("web:business_detail", kwargs={"city": self.city_slug, "slug": self.slug})


class ServiceCategory(models.Model):
    """A heading of a salon's price list ("Coupes femme", "Couleur")."""

    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="service_categories"
    )
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["business", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "name"],
                name="catalog_servicecategory_unique_name",
                violation_error_message=_("This salon already has a category with this name."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="catalog_servicecategory_name_not_empty",
                violation_error_message=_("A category needs a name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StaffMember(models.Model):
    """Someone who performs services at one salon, with or without a user account."""

    Role = StaffRole

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="staff")
    display_name = models.CharField(
        _("display name"), max_length=80, help_text=_("Shown to customers, e.g. a first name.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_memberships",
        verbose_name=_("user account"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=StaffRole.choices, default=StaffRole.STAFF
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    photo_key = models.CharField(_("photo"), max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["business", "position", "display_name"]
        indexes = [
            # A person's memberships (the header's "Pro area" on every page they see, the back
            # office's checks): most team members have no account, so SQLite's statistics on
            # the plain user index (nearly all NULL) make it scan the table instead.
            models.Index(
                fields=["user"],
                condition=Q(user__isnull=False),
                name="catalog_staff_member_of_user",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values),
                name="catalog_staffmember_role_valid",
                violation_error_message=_("Choose one of the listed roles."),
            ),
            models.CheckConstraint(
                condition=~Q(display_name=""),
                name="catalog_staffmember_name_not_empty",
                violation_error_message=_("A staff member needs a display name."),
            ),
            # A user account belongs to a salon's team at most once.
            models.UniqueConstraint(
                fields=["business", "user"],
                condition=Q(user__isnull=False),
                name="catalog_staffmember_unique_user",
                violation_error_message=_("This user is already a member of this salon's team."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


class Service(models.Model):
    """Something a salon sells: a duration, a price, and the staff who perform it."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="services")
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("category"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(720)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer after (minutes)"),
        default=0,
        validators=[MaxValueValidator(240)],
        help_text=_("Time blocked after the service (cleaning, drying), not shown to customers."),
    )
    # Prices are TTC (all taxes included) in euros. A price of zero is allowed: salons offer
    # free consultations ("diagnostic offert"); a negative price is not.
    price = models.DecimalField(
        _("price (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    is_active = models.BooleanField(_("bookable"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    staff = models.ManyToManyField(
        StaffMember, blank=True, related_name="services", verbose_name=_("performed by")
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["business", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="catalog_service_name_not_empty",
                violation_error_message=_("A service needs a name."),
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=720),
                name="catalog_service_duration_range",
                violation_error_message=_("A service lasts between 5 minutes and 12 hours."),
            ),
            models.CheckConstraint(
                condition=Q(buffer_minutes__gte=0, buffer_minutes__lte=240),
                name="catalog_service_buffer_range",
                violation_error_message=_("The buffer is between 0 and 240 minutes."),
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="catalog_service_price_not_negative",
                violation_error_message=_("A price cannot be negative."),
            ),
        ]
        indexes = [
            models.Index(fields=["business", "is_active"], name="catalog_svc_business_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkingHours(models.Model):
    """One range of a staff member's usual week: several per day, so a lunch break is a gap."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="working_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start = models.TimeField(_("from"), help_text=_("Local time at the salon."))
    end = models.TimeField(_("to"), help_text=_("Local time at the salon."))

    class Meta:
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        ordering = ["staff", "weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="catalog_workinghours_weekday_valid",
                violation_error_message=_("The day must be Monday to Sunday."),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="catalog_workinghours_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "weekday"], name="catalog_wh_staff_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class TimeOff(models.Model):
    """A staff member's absence: a whole day, several days or part of a day."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="time_off")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Seen by the salon's team only. Do not record health details."),
    )

    class Meta:
        verbose_name = _("time off")
        verbose_name_plural = _("time off")
        ordering = ["staff", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="catalog_timeoff_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "end"], name="catalog_to_staff_end_idx"),
            models.Index(fields=["staff", "start"], name="catalog_to_staff_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.start:%Y-%m-%d %H:%M}"


class Closure(models.Model):
    """Days the whole salon is closed (public holiday, holidays); both dates included."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    label = models.CharField(_("label"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["business", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="catalog_closure_end_not_before_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]
        indexes = [
            models.Index(fields=["business", "end_date"], name="catalog_closure_bus_end_idx"),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.start_date:%Y-%m-%d}"


# --- The team's security rule and invitations --------------------------------------------------
# Invitations are kept 90 days after they expire or are accepted (the membership itself is the
# lasting record); their personal fields are declared in `creneau/catalog/privacy.py`.


class SalonSecurity(models.Model):
    """A salon's security rules for its team. No row: nothing required."""

    business = models.OneToOneField(
        Business, on_delete=models.CASCADE, primary_key=True, related_name="security"
    )
    require_mfa = models.BooleanField(
        _("require two-factor authentication"),
        default=False,
        help_text=_("Every member of the team must turn it on to use the back office."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        # The table keeps the name it had when the back office owned the model.
        db_table = "backoffice_salonsecurity"
        verbose_name = _("salon security")
        verbose_name_plural = _("salon security")

    def __str__(self) -> str:
        return f"Security of salon #{self.business_id}"


class StaffInvitation(models.Model):
    """An e-mail invitation to link an account to a salon's staff member.

    The link's secret is never stored, only its SHA-256; the invitation is accepted once
    (compare-and-set on `accepted_at`), by an account whose verified e-mail is the invited one.
    """

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "backoffice_staffinvitation"
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values), name="backoffice_invitation_role"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="backoffice_invitation_expires_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"


class SearchTerm(models.Model):
    """A word (or a city's name) that some published salon's search text holds, folded.

    The vocabulary the search line is read against: which words are cities, and what a
    mistyped word most likely meant. Filled by `catalog.search_index` from the salons' derived
    columns; a word left behind by a renamed salon only finds nothing.
    """

    class Kind(models.TextChoices):
        WORD = "word", _("word")
        CITY = "city", _("city")

    term = models.CharField(_("term"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # For a city: its slug (the criterion) and its name as salons write it (the display).
    city_slug = models.SlugField(_("city slug"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["term", "kind"], name="catalog_searchterm_unique"),
        ]

    def __str__(self) -> str:
        return self.term


class PublicPagesVersion(models.Model):
    """One row: a counter bumped after any change to any salon's public pages (the same
    changes that bump a salon's `public_version`, and a changed availability summary), so a
    kept search results page, which shows many salons, knows when it may be out of date
    (`catalog.freshness.search_version`, `web.page_cache`)."""

    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("public pages version")
        verbose_name_plural = _("public pages versions")

    def __str__(self) -> str:
        return f"{self.version}"


class SalonPhoto(models.Model):
    """A photo of a salon, kept as WebP files of a few widths named by their content's hash
    (`creneau.catalog.photos`): the page serving them can let browsers keep them for ever."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="photos")
    key = models.CharField(_("file key"), max_length=32, editable=False)
    alt = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, read aloud to people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("salon photo")
        verbose_name_plural = _("salon photos")
        ordering = ["business", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.business} #{self.position}"
