"""Gateway base URLs per environment and region, and URL rules (DESIGN.md §15.1, §10)."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from posrev.errors import ConfigError

ENVIRONMENTS = ("sandbox", "test", "live")
# (environment, region) -> base URL. Sandbox exists only as one global host.
URLS: dict[tuple[str, str], str] = {
    ("sandbox", "hk"): "https://openapi-int.qfapi.com",
    ("test", "hk"): "https://test-openapi-hk.qfapi.com",
    ("live", "hk"): "https://openapi-hk.qfapi.com",
    ("test", "cn"): "https://openapi-test.qfpay.com",
    ("live", "cn"): "https://openapi.qfpay.com",
    ("live", "jp"): "https://openapi-jp.qfapi.com",
    ("test", "th"): "https://test-openapi-th.qfapi.com",
    ("live", "th"): "https://openapi-th.qfapi.com",
    ("test", "db"): "https://test-openapi-db.qfapi.com",
    ("live", "db"): "https://openapi-db.qfapi.com",
    ("test", "sg"): "https://test-openapi-sg.qfapi.com",
    ("live", "sg"): "https://openapi-sg.qfapi.com",
    ("test", "id"): "https://test-openapi-id.qfapi.com",
    ("live", "id"): "https://openapi-id.qfapi.com",
    ("test", "eur"): "https://test-openapi-eur.qfapi.com",
    ("live", "eur"): "https://openapi-eur.qfapi.com",
}
REGIONS = tuple(sorted({region for _, region in URLS}))


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """A real ``scheme://host[:port][/path]`` base: https, or plain http only to loopback (the
    simulator); no whitespace or control character anywhere (``urlsplit`` would silently drop
    a tab or a newline), a host name of letters, digits, '-' and '.' (or an IP address), a port
    from 1 to 65535, no user name, password, query or fragment."""
    text = url.strip(" ")
    shown = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text[:200])
    if not text or any(ch.isspace() or not ch.isprintable() for ch in text):
        raise ConfigError(f"'{shown}' is not a valid gateway URL: it holds a space, a line "
                          "break or a control character")
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # "Invalid IPv6 URL": an unmatched '['
        host = None
    if not host or parts.scheme not in ("http", "https"):
        raise ConfigError(f"'{shown}' is not a valid gateway URL (expected https://host)")
    if not _is_ip(host) and not _HOST.fullmatch(host):
        raise ConfigError(f"'{shown}' is not a valid gateway URL: '{host}' is not a host name")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or (port is None and parts.netloc.endswith(":")):
        raise ConfigError(f"'{shown}' is not a valid gateway URL: the port must be a number "
                          "from 1 to 65535")
    if parts.username is not None or parts.password is not None:
        raise ConfigError(f"'{parts.scheme}://…@{host}' is not a valid gateway URL: it must "
                          "not hold a user name or password")
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise ConfigError(f"'{shown}' is not a valid gateway URL: no '?' or '#' part")
    if parts.scheme == "http" and not is_loopback(host):
        raise ConfigError(
            f"'{shown}' uses plain http; only https is allowed, except to 127.0.0.1 (the "
            "simulator)"
        )
    return text.rstrip("/")


_HOST = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def base_url_for(env: str, region: str = "hk") -> str:
    env, region = env.lower(), region.lower()
    if env not in ENVIRONMENTS:
        raise ConfigError(f"unknown environment '{env}'; use one of {', '.join(ENVIRONMENTS)}")
    if env == "sandbox":
        return URLS[("sandbox", "hk")]
    try:
        return URLS[(env, region)]
    except KeyError:
        raise ConfigError(
            f"no {env} gateway is known for region '{region}'; set an explicit base_url"
        ) from None
