from __future__ import annotations

from typing import Any, NamedTuple
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import respond_429, truncate_ip
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from creneau.accounts.messages import account_message_enqueue
from creneau.accounts.models import User
from creneau.accounts.ratelimit import login_failure_record, login_failures_clear, login_wait
from creneau.notifications.outbox import language_of


def user_display(user: Any) -> str:
    """How allauth names a person in its messages and e-mails: the first name, or nothing."""
    return str(getattr(user, "first_name", "") or "")


class SiteIdentity(NamedTuple):
    """What allauth's templates read as `current_site`: the configured name and address, not
    the host and port the request happened to come through."""

    name: str
    domain: str


def site_identity() -> SiteIdentity:
    return SiteIdentity(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no types
    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> Any:
        data = form.cleaned_data
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.phone = data["phone"]
        user.language = translation.get_language() or settings.LANGUAGE_CODE
        user.language = user.language[:2] if user.language[:2] in ("fr", "en") else "fr"
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where a login lands when no `?next=` says otherwise (allauth reads `next` first): a
        professional to the back office, which opens their salon's agenda, its set-up, or a
        choice of salons; anyone else to the home page."""
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.staff_memberships.filter(is_active=True).exists()
        ):
            return reverse("backoffice:home")
        url: str = super().get_login_redirect_url(request)
        return url

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        """The verification link, carrying where the person was going (a chosen time's review
        page, say) when the request that sends it says so: opened in another browser or the
        mail app's own, where the sign-up's session is not, it still leads back there."""
        url: str = super().get_email_confirmation_url(request, emailconfirmation)
        going = get_next_redirect_url(request) if request is not None else None
        if going and going.startswith("/") and not going.startswith("//"):
            url += "?" + urlencode({"next": going})
        return url

    # --- Failed logins (creneau.accounts.ratelimit): shared by every web process -------------

    def _login_client(self, request: HttpRequest) -> str:
        client: str = truncate_ip(self.get_client_ip(request))
        return client

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        address = str(credentials.get("email") or credentials.get("username") or "")
        wait = login_wait(client=self._login_client(request), address=address)
        if wait:
            response = respond_429(request)
            response["Retry-After"] = str(wait)
            raise ImmediateHttpResponse(response)
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        address = str(credentials.get("email") or credentials.get("username") or "")
        login_failure_record(client=self._login_client(request), address=address)
        super().authentication_failed(request, **credentials)

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        # A completed password reset: the owner may log in again from anywhere.
        login_failures_clear(address=str(credentials.get("email") or ""))
        super()._delete_login_attempts_cached_email(request, **credentials)

    def clean_password(self, password: str, user: Any = None) -> str:
        if user is not None and user.pk is None and not (user.first_name or user.last_name):
            # allauth's sign-up check, with a stand-in user that has only the e-mail:
            # SignupExtraForm.clean compares the password with the whole person instead.
            user = None
        cleaned: str = super().clean_password(password, user)
        return cleaned

    def clean_email(self, email: str) -> str:
        cleaned: str = super().clean_email(email)
        return cleaned.lower()

    def get_from_email(self) -> str:
        return settings.DEFAULT_FROM_EMAIL

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth renders the e-mail, in the recipient's language; the outbox sends it."""
        request = allauth_context.request
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            language = language_of(user)
        else:  # a reset asked for an unknown address: the language of the page it came from
            current = (translation.get_language() or "")[:2]
            language = current if current in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        full_context = {
            "email": email,
            "request": request,
            **context,
            "current_site": site_identity(),
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
        }
        with translation.override(language):
            rendered = self.render_mail(template_prefix, email, full_context)
        html = ""
        if isinstance(rendered, EmailMultiAlternatives):
            html = next(
                (str(body) for body, mimetype in rendered.alternatives if mimetype == "text/html"),
                "",
            )
        account_message_enqueue(
            kind=template_prefix,
            to_address=email,
            language=language,
            subject=str(rendered.subject),
            text=str(rendered.body),
            html=html,
            user=user,
            now=timezone.now(),
        )
