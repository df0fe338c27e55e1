from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.utils import timezone, translation

from creneau.accounts.models import User
from creneau.notifications.account_messages import account_message_enqueue
from creneau.notifications.outbox import language_of


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no types
    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> Any:
        data = form.cleaned_data
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.phone = data["phone"]
        user.language = translation.get_language() or settings.LANGUAGE_CODE
        user.language = user.language[:2] if user.language[:2] in ("fr", "en") else "fr"
        return super().save_user(request, user, form, commit=commit)

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
        full_context = {"email": email, "request": request, **context}
        if request is not None:
            full_context.setdefault("current_site", get_current_site(request))
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
