"""The ``[fleet]`` settings and how a terminal connects to the chain's database.

``database_url`` is a libpq URL without a password: the password comes from the OS keyring
(``posrev credentials set --fleet``), else libpq finds it itself in ``PGPASSWORD`` or the
``PGPASSFILE`` (``~/.pgpass``) as every PostgreSQL client does. ``sslmode`` is libpq's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from posrev.fleet import FleetError

log = logging.getLogger("posrev.fleet")

SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
KEYRING_USER = "database_password"
# The shortest silence any terminal may ask of an owner before taking its work over
# (``takeover_after``): posrev/fleet/link.py relies on it to skip a check-in it just made.
TAKEOVER_AFTER_MIN = 10


def keyring_service(profile: str) -> str:
    return f"posrev-fleet/{profile}"


def check_fleet_value(key: str, value: Any) -> None:
    """Validation of one ``[fleet]`` value (ValueError with the reason)."""
    if key == "database_url" and value:
        parts = urlsplit(value)
        if parts.scheme not in ("postgresql", "postgres"):
            raise ValueError("must be a postgresql:// URL")
        if parts.password:
            raise ValueError("must not hold a password; store it with "
                             "'posrev credentials set --fleet' (or use PGPASSWORD/PGPASSFILE)")
        if not parts.hostname and "host=" not in (parts.query or ""):
            raise ValueError("must name the database host")
    if key == "store_id" and (len(value) > 40 or not value.isprintable()):
        raise ValueError("must be printable and at most 40 characters")
    if key == "sslmode" and value and value not in SSLMODES:
        raise ValueError(f"must be one of {', '.join(SSLMODES)}")
    if key == "takeover_after" and not TAKEOVER_AFTER_MIN <= value <= 86400:
        raise ValueError(f"must be between {TAKEOVER_AFTER_MIN} and 86400 seconds")


@dataclass(frozen=True)
class FleetConfig:
    database_url: str
    store_id: str
    udid: str
    sslmode: str = ""
    takeover_after: float = 120.0
    password: str | None = field(default=None, repr=False)

    def conninfo(self, connect_timeout: int = 5) -> str:
        from psycopg.conninfo import make_conninfo

        extra: dict[str, Any] = {"connect_timeout": max(1, int(connect_timeout)),
                                 "application_name": f"posrev {self.udid}"[:63]}
        if self.sslmode:
            extra["sslmode"] = self.sslmode
        if self.password:
            extra["password"] = self.password
        return make_conninfo(self.database_url, **extra)

    def require_store(self) -> str:
        if not self.store_id:
            raise FleetError("[fleet] store_id is not set: every terminal of the chain names "
                             "its store (e.g. store_id = \"HK-001\").")
        return self.store_id

    @property
    def where(self) -> str:
        """host:port/db for messages (never the password)."""
        from psycopg.conninfo import conninfo_to_dict

        try:
            info = conninfo_to_dict(self.database_url)
        except Exception:  # noqa: BLE001 - a message must never fail
            return "the configured fleet database"
        host = str(info.get("host") or "localhost")
        return f"{host}:{info.get('port') or 5432}/{info.get('dbname') or ''}"


def fleet_config(settings: Any, udid: str, profile: str = "default", *,
                 use_keyring: bool = True) -> FleetConfig | None:
    """The terminal's fleet configuration, or None when ``[fleet] database_url`` is unset."""
    url = getattr(settings, "database_url", "")
    if not url:
        return None
    store = getattr(settings, "store_id", "")
    password = load_password(profile) if use_keyring else None
    return FleetConfig(database_url=url, store_id=store, udid=udid,
                       sslmode=getattr(settings, "sslmode", ""),
                       takeover_after=float(getattr(settings, "takeover_after", 120.0)),
                       password=password)


def load_password(profile: str, *, strict: bool = False) -> str | None:
    """The keyring's fleet password, or None (then libpq's PGPASSWORD/PGPASSFILE apply).
    A keyring that cannot be read counts as no password, unless ``strict`` (``credentials
    show --fleet``: it must not say "not in the keyring" about a keyring it could not read)."""
    import keyring

    try:
        return keyring.get_password(keyring_service(profile), KEYRING_USER)
    except Exception as exc:  # a missing keyring is not fatal: libpq has its own sources
        if strict:
            from posrev.credentials import _keyring_failure

            raise _keyring_failure(exc, "reading the fleet database password") from None
        log.debug("fleet password not read from the keyring: %s", type(exc).__name__)
        return None


def save_password(profile: str, password: str) -> None:
    import keyring

    from posrev.credentials import _keyring_failure

    if not password or not password.isprintable():
        raise FleetError("The fleet database password must be printable and not empty.")
    try:
        keyring.set_password(keyring_service(profile), KEYRING_USER, password)
    except Exception as exc:
        raise _keyring_failure(exc, "storing the fleet database password") from None


def delete_password(profile: str) -> bool:
    import keyring

    try:
        keyring.delete_password(keyring_service(profile), KEYRING_USER)
    except keyring.errors.PasswordDeleteError:
        return False
    except Exception as exc:
        from posrev.credentials import _keyring_failure

        raise _keyring_failure(exc, "deleting the fleet database password") from None
    return True


def connect(config: FleetConfig, timeout: int = 5):  # type: ignore[no-untyped-def]
    """A psycopg connection, or FleetError with one sentence an IT admin can act on."""
    import psycopg

    try:
        return psycopg.connect(config.conninfo(timeout))
    except psycopg.OperationalError as exc:
        raise FleetError(describe_error(config, exc)) from None


def describe_error(config: FleetConfig, exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = "; ".join(lines)[:300] if lines else type(exc).__name__
    low = str(exc).lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return (f"The fleet database at {config.where} refused the password; set it with "
                "'posrev credentials set --fleet' (or PGPASSWORD/PGPASSFILE).")
    if "connection refused" in low or "could not connect" in low or "timeout" in low \
            or "no route" in low or "could not translate" in low:
        return f"The fleet database at {config.where} cannot be reached ({text})."
    if "terminating connection" in low or "server closed the connection" in low \
            or "connection is lost" in low or "consuming input failed" in low:
        return f"The connection to the fleet database at {config.where} was lost ({text})."
    if "no space" in low or "disk full" in low or "could not extend" in low:
        return f"The fleet database at {config.where} is full ({text})."
    return f"The fleet database at {config.where} failed ({text})."
