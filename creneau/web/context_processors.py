from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"OPERATOR": settings.OPERATOR, "SITE_URL": settings.SITE_URL}
