"""The back office, under /pro/. Every salon page is /pro/<salon slug>/...; see guard.py for
who gets in."""

from django.urls import path

from creneau.backoffice.views import (
    agenda,
    blocked,
    bookings,
    customers,
    dashboard,
    feed,
    history,
    home,
    onboarding,
    photos,
    reviews,
    security,
    settings,
    waitlist,
)

app_name = "backoffice"

urlpatterns = [
    path("", home.home, name="home"),
    # Salon slugs never start with "_" (slugify strips it), so this cannot shadow a salon.
    path("_invitations/<str:token>/", home.invitation, name="invitation"),
    path("_signup/", onboarding.signup, name="signup"),
    path("_signup/salon/", onboarding.signup_salon, name="signup_salon"),
    path("_review/", onboarding.review_queue, name="review_queue"),
    path("_review/<int:pk>/approve/", onboarding.review_approve, name="review_approve"),
    path("_review/<int:pk>/send-back/", onboarding.review_send_back, name="review_send_back"),
    path("_calendar/<str:token>.ics", feed.calendar_feed_ics, name="calendar_feed_ics"),
    path("<slug:salon>/", agenda.day, name="agenda"),
    path("<slug:salon>/week/", agenda.week, name="agenda_week"),
    path("<slug:salon>/bookings/new/", bookings.new, name="booking_new"),
    path("<slug:salon>/bookings/<str:reference>/", bookings.detail, name="booking"),
    path("<slug:salon>/bookings/<str:reference>/move/", bookings.move, name="booking_move"),
    path("<slug:salon>/bookings/<str:reference>/cancel/", bookings.cancel, name="booking_cancel"),
    path(
        "<slug:salon>/bookings/<str:reference>/outcome/", bookings.outcome, name="booking_outcome"
    ),
    path("<slug:salon>/bookings/<str:reference>/note/", history.note_add, name="booking_note"),
    path("<slug:salon>/customers/", customers.customer_list, name="customers"),
    path(
        "<slug:salon>/customers/<str:kind>/<int:pk>/",
        customers.customer_file,
        name="customer",
    ),
    path(
        "<slug:salon>/customers/<str:kind>/<int:pk>/notes/<int:note>/delete/",
        customers.note_delete,
        name="note_delete",
    ),
    path("<slug:salon>/time-off/", blocked.time_off, name="time_off"),
    path("<slug:salon>/time-off/<int:pk>/delete/", blocked.time_off_delete, name="time_off_delete"),
    path("<slug:salon>/closures/", blocked.closures, name="closures"),
    path("<slug:salon>/closures/<int:pk>/delete/", blocked.closure_delete, name="closure_delete"),
    path("<slug:salon>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<slug:salon>/security/", security.security, name="security"),
    path("<slug:salon>/calendar/", feed.calendar_feed, name="calendar_feed"),
    path("<slug:salon>/reviews/", reviews.review_list, name="reviews"),
    path("<slug:salon>/reviews/<int:pk>/reply/", reviews.review_reply_view, name="review_reply"),
    path("<slug:salon>/waitlist/", waitlist.waitlist, name="waitlist"),
    path("<slug:salon>/settings/", settings.index, name="settings"),
    path("<slug:salon>/settings/photos/", photos.photos, name="photos"),
    path("<slug:salon>/settings/details/", settings.details, name="settings_details"),
    path("<slug:salon>/settings/policy/", settings.policy, name="settings_policy"),
    path("<slug:salon>/settings/services/new/", settings.service, name="service_new"),
    path("<slug:salon>/settings/services/<int:pk>/", settings.service, name="service"),
    path("<slug:salon>/settings/categories/new/", settings.category, name="category_new"),
    path("<slug:salon>/settings/categories/<int:pk>/", settings.category, name="category"),
    path(
        "<slug:salon>/settings/categories/<int:pk>/delete/",
        settings.category_delete,
        name="category_delete",
    ),
    path("<slug:salon>/settings/staff/new/", settings.staff, name="staff_new"),
    path("<slug:salon>/settings/staff/<int:pk>/", settings.staff, name="staff"),
    path("<slug:salon>/settings/staff/<int:pk>/hours/", settings.hours, name="staff_hours"),
    path("<slug:salon>/settings/invite/", settings.invite, name="invite"),
    path("<slug:salon>/setup/", onboarding.setup, name="setup"),
    path("<slug:salon>/setup/services/", onboarding.setup_services, name="setup_services"),
    path("<slug:salon>/setup/hours/", onboarding.setup_hours, name="setup_hours"),
    path("<slug:salon>/setup/team/", onboarding.setup_team, name="setup_team"),
    path("<slug:salon>/setup/policy/", onboarding.setup_policy, name="setup_policy"),
    path("<slug:salon>/setup/submit/", onboarding.setup_submit, name="setup_submit"),
]
