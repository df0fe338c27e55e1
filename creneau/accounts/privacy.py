"""Personal data of accounts: the User row, allauth's e-mail addresses, authenticators and
sessions. Its erase handler runs last: the other apps' handlers still see the user."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import PhoneChange, User
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    Text,
    personal,
    register,
    register_handlers,
)

_ACCOUNT = _(
    "while the account exists; accounts inactive for 2 years are erased (warned 30 days before)"
)


def _account(category: Category, purpose: Text) -> Any:
    return personal(
        category=category,
        purpose=purpose,
        basis=Basis.CONTRACT,
        retention=_ACCOUNT,
        on_erasure=OnErasure.DELETE,
    )


register(
    User,
    {
        "id": NO,
        "password": _account(Category.CREDENTIALS, _("log in (Argon2id hash, never the password)")),
        "last_login": _account(Category.TECHNICAL, _("security of the account")),
        "is_superuser": NO,
        "email": _account(Category.CONTACT, _("log in, booking messages")),
        "first_name": _account(Category.IDENTITY, _("name the person to the salons they book")),
        "last_name": _account(Category.IDENTITY, _("name the person to the salons they book")),
        "phone": _account(Category.CONTACT, _("salons call about an appointment; SMS reminders")),
        "language": _account(
            Category.PREFERENCES, _("messages and pages in the person's language")
        ),
        "is_active": NO,
        "is_staff": NO,
        "date_joined": _account(Category.TECHNICAL, _("account history")),
        "last_activity": _account(Category.TECHNICAL, _("erase accounts inactive for 2 years")),
        "groups": NO,
        "user_permissions": NO,
    },
)


def _user_sessions(user: User) -> list[str]:
    """Keys of the Django sessions logged in as `user`: the session table has no user column,
    so each live session is decoded (a few per person; expired ones are cleared by Django)."""
    wanted = str(user.pk)
    keys = []
    for session in Session.objects.iterator(chunk_size=500):
        try:
            if str(session.get_decoded().get("_auth_user_id")) == wanted:
                keys.append(session.session_key)
        except Exception:  # noqa: S112 - a corrupt session is no one's: Django reads it as empty
            continue
    return keys


def accounts_export(*, user: User) -> dict[str, list[dict[str, Any]]]:
    return {
        "profile": [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "phone": str(user.phone) if user.phone else "",
                "language": user.language,
                "date_joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else "",
                "last_activity": user.last_activity.isoformat() if user.last_activity else "",
            }
        ],
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "sessions": [
            {
                "created_at": s.created_at.isoformat(),
                "last_seen_at": s.last_seen_at.isoformat(),
                "ip": s.ip or "",
                "user_agent": s.user_agent,
            }
            for s in UserSession.objects.filter(user=user).order_by("pk")
        ],
        "phone_changes": [
            {"phone": str(c.phone), "created_at": c.created_at.isoformat()}
            for c in PhoneChange.objects.filter(user=user)
        ],
        "authenticators": [
            {"type": a.type, "created_at": a.created_at.isoformat()}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
    }


def accounts_erase(context: ErasureContext) -> None:
    user = context.user
    keys = set(_user_sessions(user))
    keys.update(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    context.count("sessions.session", Session.objects.filter(session_key__in=keys).delete()[0])
    context.count("usersessions.usersession", UserSession.objects.filter(user=user).delete()[0])
    context.count(
        "account.emailconfirmation",
        EmailConfirmation.objects.filter(email_address__user=user).delete()[0],
    )
    context.count("account.emailaddress", EmailAddress.objects.filter(user=user).delete()[0])
    context.count("mfa.authenticator", Authenticator.objects.filter(user=user).delete()[0])
    context.count("accounts.phonechange", PhoneChange.objects.filter(user=user).delete()[0])
    # The row itself; remaining links (audit actor, consent rows) are SET NULL by the database.
    deleted = User.objects.filter(pk=user.pk).delete()[1]
    context.count("accounts.user", deleted.get("accounts.User", 0))


register_handlers("accounts", export=accounts_export, erase=accounts_erase, order=1000)


register(
    PhoneChange,
    {
        "id": NO,
        "user": personal(
            category=Category.IDENTITY,
            purpose=_("verify a new mobile number before it replaces the old one"),
            basis=Basis.CONTRACT,
            retention=_("15 minutes, until the code is typed or expires"),
            on_erasure=OnErasure.DELETE,
        ),
        "phone": personal(
            category=Category.CONTACT,
            purpose=_("verify a new mobile number before it replaces the old one"),
            basis=Basis.CONTRACT,
            retention=_("15 minutes, until the code is typed or expires"),
            on_erasure=OnErasure.DELETE,
        ),
        "code_digest": NO,
        "attempts": NO,
        "created_at": NO,
        "expires_at": NO,
    },
)
