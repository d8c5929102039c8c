"""Gateway base URLs per environment and region (qfpay/facts.md §1), and URL rules (SPEC §5)."""

from __future__ import annotations

import ipaddress
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
    """Remote URLs must be https; plain http is allowed only to loopback (the simulator)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"'{url}' is not a valid gateway URL (expected https://host)")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(
            f"'{url}' uses plain http; only https is allowed, except to 127.0.0.1 (the simulator)"
        )
    return url.strip().rstrip("/")


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
