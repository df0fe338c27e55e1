"""What every page carries for the installable app: the manifest and icons, the marker of
who is signed in that the service worker keys its kept pages on, its registration script
(a file: the CSP allows no inline script) and the install button browsers may offer."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from creneau.web.pwa_views import THEME_COLOUR, offline_owner

register = template.Library()


@register.simple_tag(takes_context=True)
def pwa_head(context: template.Context) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    return format_html(
        '<link rel="manifest" href="{}">\n'
        '  <meta name="theme-color" content="{}">\n'
        '  <link rel="icon" href="{}" sizes="48x48" type="image/png">\n'
        '  <link rel="apple-touch-icon" href="{}">\n'
        '  <meta name="offline-owner" content="{}">',
        reverse("pwa:manifest"),
        THEME_COLOUR,
        static("icons/icon-48.png"),
        static("icons/apple-touch-icon.png"),
        offline_owner(user),
    )


@register.simple_tag(takes_context=True)
def pwa_script(context: template.Context) -> SafeString:
    """The registration script, a file allowed by `script-src 'self'`. Placed after the
    marketing tags: when they gave this page a CSP nonce, the script carries it as well, so
    every script of such a page does; otherwise no nonce is made, and the page can still be
    kept for other visitors (web.page_cache keeps no page with a nonce)."""
    request = context.get("request")
    nonce = getattr(request, "_csp_nonce", None) and getattr(request, "csp_nonce", "")
    return format_html(
        '<script src="{}" data-worker="{}"{} defer></script>',
        static("js/pwa.js"),
        reverse("pwa:service_worker"),
        format_html(' nonce="{}"', nonce) if nonce else "",
    )


@register.simple_tag
def install_app_button() -> SafeString:
    # Hidden until the browser offers installation (beforeinstallprompt, in js/pwa.js).
    return format_html(
        '<li id="install-app" hidden><button type="button" class="link-button">{}</button></li>',
        _("Install the app"),
    )
