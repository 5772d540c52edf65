"""Where the audience opens what the presenter shows: the address of the current view, on the live
deployment or in its published copy, as configured (never guessed), and that address as a QR code. A live
address keeps the language in use (`lang=nl`), so the phones open the app in the presenter's language; a
published copy is in one language already."""

from __future__ import annotations

import io
import os
from urllib.parse import urlencode, urlsplit

import segno

from ipsdash import i18n
from ipsdash.views import page_url

LIVE_ENV, PUBLISHED_ENV, MODE_ENV = "IPSDASH_PUBLIC_URL", "IPSDASH_PUBLISHED_URL", "IPSDASH_QR"


def _base(value: str | None) -> str | None:
    """A configured base address, if it is an http(s) URL; trailing slashes dropped."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    return value.strip().rstrip("/") if parts.scheme in ("http", "https") and parts.netloc else None


def _language() -> dict[str, str]:
    """The `lang` parameter of a live address: the language in use, unless it is the default (English)."""
    lang = i18n.current()
    return {} if lang == i18n.DEFAULT else {"lang": lang}


def _target(config: dict[str, str] | None) -> tuple[str, str | None]:
    """("published", its base) or ("live", its base or None), by IPSDASH_QR when both are set."""
    config = os.environ if config is None else config
    live, published = _base(config.get(LIVE_ENV)), _base(config.get(PUBLISHED_ENV))
    if published and (config.get(MODE_ENV) == "published" or not live):
        return "published", published
    return "live", live


def slide_address(view: str, settings, number: int, config: dict[str, str] | None = None) -> str | None:
    """The address of a slide's view for the audience: the live page that shows it (IPSDASH_PUBLIC_URL),
    or the slide in the published talk (IPSDASH_PUBLISHED_URL); IPSDASH_QR=live|published chooses when
    both are set. None when neither is configured."""
    kind, base = _target(config)
    if kind == "published":
        return f"{base}/talk.html#slide-{number}"
    if not base:
        return None
    url = page_url(view, settings)
    lang = urlencode(_language())
    return f"{base}{url}{('&' if '?' in url else '?') + lang if lang else ''}"


def follow_address(talk: str, config: dict[str, str] | None = None) -> str | None:
    """Where phones follow the presenter through `talk`: /follow?talk=NAME on the live deployment, or
    the published copy's follow page (IPSDASH_QR chooses as for slides). None when neither is configured."""
    kind, base = _target(config)
    if kind == "published":
        return f"{base}/follow.html"
    return f"{base}/follow?{urlencode({'talk': talk, **_language()})}" if base else None


def qr_png(address: str, scale: int = 6) -> bytes:
    """The address as a QR code (PNG), made here with no network."""
    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
