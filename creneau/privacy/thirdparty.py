"""Declarations of the models of Django, allauth and the task queue (not ours to annotate).

Registered by the privacy framework itself when it loads. Their erasure is done by the
accounts app's handler (`creneau/accounts/privacy.py`), which owns identity, sessions and
credentials; the task queue's rows are handled by the outbox's handler, since the only tasks
are message deliveries.
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import Basis, Category, OnErasure, Personal, Text, personal, register

_ACCOUNT = _("while the account exists")


def _tech(purpose: Text, retention: Text = _ACCOUNT, basis: Basis = Basis.CONTRACT) -> Personal:
    return personal(
        category=Category.TECHNICAL,
        purpose=purpose,
        basis=basis,
        retention=retention,
        on_erasure=OnErasure.DELETE,
    )


def register_third_party() -> None:
    register(
        LogEntry,
        {
            "id": NO,
            "action_time": NO,
            "user": personal(
                category=Category.IDENTITY,
                purpose=_("which platform staff member changed something in the admin"),
                basis=Basis.LEGITIMATE_INTEREST,
                retention=_("while the staff account exists"),
                on_erasure=OnErasure.DELETE,
            ),
            "content_type": NO,
            "object_id": NO,
            # Our models' __str__ never show a person's name ("User #12", "Booking ABC").
            "object_repr": NO,
            "action_flag": NO,
            "change_message": NO,
        },
    )
    register(Permission, {"id": NO, "name": NO, "content_type": NO, "codename": NO})
    register(Group, {"id": NO, "name": NO, "permissions": NO})
    register(ContentType, {"id": NO, "app_label": NO, "model": NO})
    register(
        Session,
        {
            "session_key": _tech(_("keep the person logged in"), _("until the session expires")),
            "session_data": _tech(_("keep the person logged in"), _("until the session expires")),
            "expire_date": NO,
        },
    )
    register(
        EmailAddress,
        {
            "id": NO,
            "user": NO,
            "email": personal(
                category=Category.CONTACT,
                purpose=_("log in, verify the address, send booking messages"),
                basis=Basis.CONTRACT,
                retention=_ACCOUNT,
                on_erasure=OnErasure.DELETE,
            ),
            "verified": NO,
            "primary": NO,
        },
    )
    register(
        EmailConfirmation,
        {
            "id": NO,
            "email_address": NO,
            "created": NO,
            "sent": NO,
            "key": personal(
                category=Category.CREDENTIALS,
                purpose=_("prove control of an e-mail address"),
                basis=Basis.CONTRACT,
                retention=_("until used or expired"),
                on_erasure=OnErasure.DELETE,
            ),
        },
    )
    register(
        Authenticator,
        {
            "id": NO,
            "user": NO,
            "type": NO,
            "data": personal(
                category=Category.CREDENTIALS,
                purpose=_("second factor of authentication"),
                basis=Basis.CONTRACT,
                retention=_ACCOUNT,
                on_erasure=OnErasure.DELETE,
            ),
            "created_at": NO,
            "last_used_at": NO,
        },
    )
    register(
        UserSession,
        {
            "id": NO,
            "user": NO,
            "created_at": NO,
            "ip": _tech(_("show the person where they are logged in"), _("until logged out")),
            "last_seen_at": NO,
            "session_key": _tech(
                _("show the person where they are logged in"), _("until logged out")
            ),
            "user_agent": _tech(
                _("show the person where they are logged in"), _("until logged out")
            ),
            "data": _tech(_("show the person where they are logged in"), _("until logged out")),
        },
    )
    # Task arguments are ids only; a failed task's traceback could quote an SMTP answer.
    register(
        DBTaskResult,
        {
            "id": NO,
            "status": NO,
            "enqueued_at": NO,
            "started_at": NO,
            "finished_at": NO,
            "args_kwargs": NO,
            "priority": NO,
            "task_path": NO,
            "worker_ids": NO,
            "queue_name": NO,
            "backend_name": NO,
            "run_after": NO,
            "return_value": NO,
            "exception_class_path": NO,
            "traceback": personal(
                category=Category.TECHNICAL,
                purpose=_("diagnose a failed delivery"),
                basis=Basis.LEGITIMATE_INTEREST,
                retention=_("until pruned (prune_db_task_results)"),
                period=timedelta(days=30),
                on_erasure=OnErasure.DELETE,
            ),
        },
    )
