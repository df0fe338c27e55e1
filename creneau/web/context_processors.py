from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "OPERATOR": settings.OPERATOR,
        "SITE_URL": settings.SITE_URL,
        # A callable: the template calls it, so the query runs only on pages that ask.
        "is_professional": lambda: _is_professional(request),
    }


def _is_professional(request: HttpRequest) -> bool:
    """Whether the visitor works at a salon (an active staff membership): the header then
    shows the way to the back office."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(user.staff_memberships.filter(is_active=True).exists())
