"""Configuration: TOML files, paths, and the rules of DESIGN.md §9 (DESIGN.md §10).

Where things live:

- ``POSREV_HOME=DIR`` puts config, journal and logs under DIR (portable installs, tests).
- Otherwise the platform's dirs (platformdirs): user config ``config.toml`` and a
  machine-wide ``config.toml`` (site config dir, for IT) that **overrides** the user file.
- ``--config FILE`` names the user file explicitly.

A bad file is reported with file, line and key and is never replaced.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from posrev.errors import ConfigError, InputError
from posrev.gateway.environments import ENVIRONMENTS, REGIONS, base_url_for, check_base_url
from posrev.gateway.signing import SIGN_TYPES
from posrev.locales import LANGUAGES
from posrev.model.rules import DEFAULT_CLOSE, DEFAULT_REVERSAL, Rules

APP = "posrev"

# The window's languages: posrev.locales.LANGUAGES (one list: the CLI, the window and the
# config file check it).

# The rules the config builds are a plain value (posrev/model/rules.py), with their defaults.
# Routing presets (docs/IT-GUIDE.md, "Gateway shapes"): the guide's table, and the newest
# published one, which routes WeChat the other way.
ROUTING_PRESETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "guide": (DEFAULT_REVERSAL, DEFAULT_CLOSE),
    "2025": (("800108", "800208", "800708"), ("800201", "800212", "800701", "801514")),
}
RESPONSE_SIGNATURE_MODES = ("verify", "if_present", "ignore")
CLOSE_METHODS = ("auto", "get", "post")


@dataclass(frozen=True)
class Paths:
    config_file: Path
    machine_config_file: Path | None
    data_dir: Path
    log_dir: Path
    explicit_config: bool = False  # named with --config: it must exist

    def journal_file(self, profile: str = "default") -> Path:
        """The profile's journal: ``journal.sqlite3``, or ``journal-<profile>.sqlite3``."""
        name = "journal.sqlite3" if profile == "default" else f"journal-{profile}.sqlite3"
        return self.data_dir / name


def resolve_paths(config_file: str | os.PathLike[str] | None = None,
                  env: Mapping[str, str] | None = None) -> Paths:
    source: Mapping[str, str] = os.environ if env is None else env
    home = source.get("POSREV_HOME")
    if home:
        base = Path(home).expanduser()
        paths = Paths(config_file=base / "config.toml", machine_config_file=None,
                      data_dir=base / "data", log_dir=base / "logs")
    else:
        paths = Paths(
            config_file=Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml",
            machine_config_file=Path(platformdirs.site_config_dir(APP, appauthor=False))
            / "config.toml",
            data_dir=Path(platformdirs.user_data_dir(APP, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP, appauthor=False)),
        )
    if config_file:
        paths = replace(paths, config_file=Path(config_file).expanduser(), explicit_config=True)
    return paths


@dataclass(frozen=True)
class Settings:
    env: str = "test"
    region: str = "hk"
    base_url: str = ""  # explicit URL overrides env/region
    sign_type: str = "md5"
    mchid: str = ""
    timezone: str = "Asia/Hong_Kong"  # the gateway's zone, for sysdtm/txdtm
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    udid: str = ""
    language: str = "en"
    response_signature: str = "if_present"
    close_method: str = "auto"
    proxy: str = ""  # http://host:port; its user and password live in the keyring only
    use_system_proxy: bool = True  # the OS/environment proxy settings (Windows: system proxy)
    ca_bundle: str = ""  # CA certificates (PEM) trusted instead of the built-in list
    store_name: str = ""  # printed at the top of the void slip
    # [fleet]: the chain's PostgreSQL (posrev/fleet); empty database_url = no fleet.
    database_url: str = ""
    store_id: str = ""
    sslmode: str = ""
    takeover_after: float = 120.0
    rules: Rules = field(default_factory=Rules)

    def gateway_url(self) -> str:
        if self.base_url:
            return check_base_url(self.base_url)
        return base_url_for(self.env, self.region)

    @property
    def env_label(self) -> str:
        """TEST / LIVE for the badge, or SIMULATOR for an explicit loopback URL (posrev's
        simulator outside the demo; the demo itself is labelled DEMO by the app)."""
        from urllib.parse import urlsplit

        from posrev.gateway.environments import is_loopback

        if self.base_url and is_loopback(urlsplit(self.base_url).hostname):
            return "SIMULATOR"
        return "LIVE" if self.env == "live" and not self.base_url else "TEST"


# key -> (section, type, validator description)
_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "gateway": {"env": str, "region": str, "base_url": str, "sign_type": str, "mchid": str,
                "timezone": str, "connect_timeout": (int, float), "read_timeout": (int, float),
                "response_signature": str, "close_method": str, "proxy": str,
                "use_system_proxy": bool, "ca_bundle": str},
    "terminal": {"udid": str, "language": str, "store_name": str},
    "rules": {"routing": str, "reversal_pay_types": list, "close_pay_types": list,
              "pending_codes": list,
              "supervisor_amount": int, "void_window_hours": (int, float),
              "late_void_minutes": (int, float), "refund_window_days": (int, float)},
    "fleet": {"database_url": str, "store_id": str, "sslmode": str,
              "takeover_after": (int, float)},
}


def _line_of(text: str, section: str, key: str) -> int | None:
    lines = text.splitlines()
    in_section = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped.strip("[] ") == section
            continue
        if in_section and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


MAX_CONFIG_BYTES = 1024 * 1024  # a posrev config file is a few hundred bytes


def read_config_bytes(path: Path) -> bytes:
    """The file's bytes, read with a bound: a device (``--config /dev/zero``), a pipe or a
    huge file is a clear ConfigError at once, never a read that does not end."""
    import stat

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ConfigError("is a folder, not a config file", path=str(path))
        if not stat.S_ISREG(info.st_mode) and str(path) != os.devnull:
            # A pipe or a terminal would block; a device such as /dev/zero never ends.
            raise ConfigError("is not a regular file", path=str(path))
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"is too large ({info.st_size} bytes; at most "
                              f"{MAX_CONFIG_BYTES // 1024} KiB)", path=str(path))
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)  # the file may grow after the check
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror or exc})", path=str(path)) from exc
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"is too large (at most {MAX_CONFIG_BYTES // 1024} KiB)",
                          path=str(path))
    return raw


def parse_file(path: Path) -> dict[str, dict[str, Any]]:
    """Read and validate one TOML file; ConfigError names file, line and key."""
    raw = read_config_bytes(path)
    try:
        text = raw.decode("utf-8-sig")  # Notepad and PowerShell write a byte-order mark
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", path=str(path)) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"is not valid TOML ({str(exc).split(' (at')[0]})", path=str(path),
                          line=int(match.group(1)) if match else None) from None
    out: dict[str, dict[str, Any]] = {}
    for section, values in doc.items():
        if section not in _SCHEMA:
            raise ConfigError(f"unknown section; expected one of {', '.join(_SCHEMA)}",
                              path=str(path), line=_section_line(text, section), key=section)
        if not isinstance(values, dict):
            raise ConfigError("must be a [section]", path=str(path), key=section,
                              line=_section_line(text, section))
        for key, value in values.items():
            where: dict[str, Any] = {"path": str(path), "line": _line_of(text, section, key),
                                     "key": f"{section}.{key}"}
            expected = _SCHEMA[section].get(key)
            if expected is None:
                raise ConfigError("unknown setting", **where)
            if (isinstance(value, bool) and expected is not bool) or \
                    not isinstance(value, expected):
                names = expected.__name__ if isinstance(expected, type) else "number"
                raise ConfigError(f"must be a {names}, not {value!r}", **where)
            try:
                _check_value(section, key, value)
            except ValueError as exc:
                raise ConfigError(str(exc), **where) from None
        out[section] = dict(values)
    return out


def _section_line(text: str, section: str) -> int | None:
    in_header_part = False  # a top-level key stands before the first [header]
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_header_part = True
            if stripped.strip("[] ") == section:
                return number
        elif not in_header_part and re.match(rf"{re.escape(section)}\s*=", stripped):
            return number
    return None


def _check_value(section: str, key: str, value: Any) -> None:
    if key == "env" and value not in ENVIRONMENTS:
        raise ValueError(f"must be one of {', '.join(ENVIRONMENTS)}")
    if key == "region" and value not in REGIONS:
        raise ValueError(f"must be one of {', '.join(REGIONS)}")
    if key == "sign_type" and value not in SIGN_TYPES:
        raise ValueError(f"must be one of {', '.join(SIGN_TYPES)}")
    if key == "base_url" and value:
        try:
            check_base_url(value)
        except ConfigError as exc:
            raise ValueError(str(exc)) from None
    if key == "response_signature" and value not in RESPONSE_SIGNATURE_MODES:
        raise ValueError(f"must be one of {', '.join(RESPONSE_SIGNATURE_MODES)}")
    if key == "close_method" and value not in CLOSE_METHODS:
        raise ValueError(f"must be one of {', '.join(CLOSE_METHODS)}")
    if key == "routing" and value not in ROUTING_PRESETS:
        raise ValueError(f"must be one of {', '.join(ROUTING_PRESETS)} (or list "
                         "reversal_pay_types and close_pay_types)")
    if key == "proxy" and value:
        from posrev.gateway.client import check_proxy_url

        try:
            check_proxy_url(value)
        except ConfigError as exc:
            raise ValueError(str(exc)) from None
    if key == "ca_bundle" and value:
        if not Path(value).expanduser().is_file():
            raise ValueError(f"{value!r} is not a file (a PEM bundle of CA certificates)")
    if key == "timezone":
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value)
        except Exception:
            raise ValueError(f"{value!r} is not a known time zone") from None
    if key in ("connect_timeout", "read_timeout") and not 0 < value <= 300:
        raise ValueError("must be between 0 and 300 seconds")
    if key in ("udid", "store_name") and value:  # the one rule for what a person types
        from posrev.domain.identifiers import STORE_NAME_MAX, UDID_MAX, check_identifier

        what, limit = ("terminal udid", UDID_MAX) if key == "udid" else ("store name",
                                                                          STORE_NAME_MAX)
        try:
            if check_identifier(value, what, limit) != value:
                raise ValueError("must not start or end with a space")
        except InputError as exc:
            raise ValueError(str(exc)) from None
    if key == "mchid" and len(value) > 16:
        raise ValueError("must be at most 16 characters")
    if key == "language" and value not in LANGUAGES:
        raise ValueError(f"must be {', '.join(LANGUAGES[:-1])} or {LANGUAGES[-1]}")
    if key.endswith("_pay_types") or key == "pending_codes":
        width = 6 if key.endswith("_pay_types") else 4
        for item in value:
            if not (isinstance(item, str) and item.isdigit() and len(item) == width):
                raise ValueError(f"must list {width}-digit codes as strings, not {item!r}")
    if section == "fleet":
        from posrev.fleet.settings import check_fleet_value

        check_fleet_value(key, value)
    if key == "supervisor_amount" and value < 0:
        raise ValueError("must not be negative")
    if key in ("void_window_hours", "late_void_minutes", "refund_window_days") and value <= 0:
        raise ValueError("must be positive")


def settings_from(layers: list[dict[str, dict[str, Any]]]) -> Settings:
    """Later layers override earlier ones."""
    flat: dict[str, Any] = {}
    rules: dict[str, Any] = {}
    for layer in layers:
        for section, values in layer.items():
            target = rules if section == "rules" else flat
            target.update(values)
    rule_kwargs: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                                   for k, v in rules.items()}
    # A preset fills the tables a file does not list explicitly.
    preset_reversal, preset_close = ROUTING_PRESETS[rule_kwargs.get("routing", "guide")]
    rule_kwargs.setdefault("reversal_pay_types", preset_reversal)
    rule_kwargs.setdefault("close_pay_types", preset_close)
    names = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in flat.items() if k in names}, rules=Rules(**rule_kwargs))


def load_settings(paths: Paths, overrides: dict[str, Any] | None = None) -> Settings:
    layers: list[tuple[Path, dict[str, dict[str, Any]]]] = []
    if paths.config_file.exists():
        layers.append((paths.config_file, parse_file(paths.config_file)))
    elif paths.explicit_config:
        raise ConfigError("does not exist", path=str(paths.config_file))
    if paths.machine_config_file is not None and paths.machine_config_file.exists():
        layers.append((paths.machine_config_file, parse_file(paths.machine_config_file)))
    settings = settings_from([layer for _, layer in layers])
    if overrides:
        settings = replace(settings, **overrides)
    try:
        settings.gateway_url()
    except ConfigError as exc:
        # Name the file that chose the environment or region, if one did.
        for path, layer in reversed(layers):
            gateway = layer.get("gateway", {})
            if {"env", "region", "base_url"} & set(gateway) and not (overrides or {}).get(
                    "base_url"):
                key = "region" if "region" in gateway else "env"
                text = read_config_bytes(path).decode("utf-8-sig")
                raise ConfigError(str(exc), path=str(path), line=_line_of(text, "gateway", key),
                                  key=f"gateway.{key}") from None
        raise
    return settings


def save_user_settings(paths: Paths, updates: dict[str, dict[str, Any]]) -> None:
    """Merge ``updates`` into the user config file and write it atomically.

    Refuses (ConfigError) if the existing file is bad: a bad file is never silently replaced.
    """
    import tomli_w

    current = parse_file(paths.config_file) if paths.config_file.exists() else {}
    for section, values in updates.items():
        current.setdefault(section, {}).update(values)
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.config_file.with_suffix(".toml.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(tomli_w.dumps(current))
        fh.flush()
        os.fsync(fh.fileno())
    try:
        parse_file(tmp)  # what would be read back at the next start must be valid
    except ConfigError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(str(exc).split(": ", 1)[-1], path=str(paths.config_file),
                          key=exc.key) from None
    os.replace(tmp, paths.config_file)


def remember_udid(paths: Paths, udid: str) -> None:
    """Write ``[terminal] udid`` into the user config file, once, keeping the rest of the
    file as it is (comments included); a file that already names a udid is left alone."""
    text = paths.config_file.read_text(encoding="utf-8-sig") if paths.config_file.exists() \
        else ""
    if text and parse_file(paths.config_file).get("terminal", {}).get("udid"):
        return
    _check_value("terminal", "udid", udid)
    line = f'udid = "{udid}"\n'
    lines = text.splitlines(keepends=True)
    for i, current in enumerate(lines):
        if current.strip().replace(" ", "") == "[terminal]":
            lines.insert(i + 1, line)
            break
    else:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines += (["\n"] if lines else []) + ["[terminal]\n", line]
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.config_file.with_suffix(".toml.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("".join(lines))
        fh.flush()
        os.fsync(fh.fileno())
    try:
        parse_file(tmp)  # what the next start reads must be valid
    except ConfigError:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, paths.config_file)
