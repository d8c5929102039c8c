"""``posrev diagnose --out FILE.zip``: the field diagnostics bundle IT sends to support.

What it holds (docs/IT-GUIDE.md, "Diagnostics bundle"): the effective settings, where the
credentials come from (masked), versions, the last N gateway exchanges from the journal
(parameters and answers; the client never journals headers, so no signature or app code is
there), the last operations, and the connection test's findings. Never a secret: every
member is scrubbed of the app code, the client key and the proxy password before it is
written, and keys that name a signature or a secret are dropped. Qt-free.
"""

from __future__ import annotations

import json
import os
import platform
import re
import ssl
import sys
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from posrev import __version__
from posrev.errors import PosrevError

DEFAULT_LAST = 50
_SECRET_KEY = re.compile(r"sign|key|appcode|app_code|password|secret|pin", re.IGNORECASE)


@dataclass(frozen=True)
class Bundle:
    path: Path
    exchanges: int
    connection: str  # the connection test's sentence (or why it could not run)


def _versions() -> dict[str, str]:
    found = {"posrev": __version__, "python": sys.version.split()[0],
             "platform": platform.platform(), "openssl": ssl.OPENSSL_VERSION}
    for package in ("requests", "urllib3", "certifi", "keyring", "PySide6"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def _scrub(value: Any) -> Any:
    """Drop keys that name a signature or a secret, at any depth."""
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if not _SECRET_KEY.search(str(k))}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _secrets_of(app: Any) -> list[str]:
    secrets: list[str] = []
    try:
        creds = app.credentials()
        secrets += [creds.app_code, creds.client_key]
    except PosrevError:
        pass
    try:
        auth = app.credential_store().load_proxy_auth() if app.settings.proxy else None
    except PosrevError:
        auth = None
    if auth:
        secrets += [auth[1]]
    return [s for s in secrets if s and len(s) >= 4]


def build(app: Any, out: str | os.PathLike[str], *, last: int = DEFAULT_LAST,
          connection_test: bool = True) -> Bundle:
    """Write the bundle to ``out`` (atomically); BLOCKING (keyring, network for the test)."""
    from posrev.credentials import mask

    out_path = Path(out).expanduser()
    settings = asdict(app.settings)
    credentials: dict[str, Any]
    try:
        creds = app.credentials()
        credentials = {"source": creds.source, "app_code": mask(creds.app_code),
                       "client_key": mask(creds.client_key), "mchid": creds.mchid}
    except PosrevError as exc:
        credentials = {"problem": str(exc)}
    exchanges = [{"at": e["at"], "op_id": e["op_id"], "endpoint": e["kind"],
                  "result": e["result"], **_scrub(e["detail"])}
                 for e in app.journal.recent_events("gateway.", last)]
    operations = [{**op.to_json(), "state": op.state, "sends": op.sends,
                   "pay_type": op.pay_type, "created_at": op.created_at.isoformat()}
                  for op in app.journal.operations(0, last)]
    route_events = [{"at": e["at"], "op_id": e["op_id"], **_scrub(e["detail"])}
                    for e in app.journal.recent_events("void.route_fallback", last)]
    if connection_test:
        try:
            result = app.check_connection()
            connection: dict[str, Any] = {"ok": result.ok, "kind": result.kind,
                                          "message": result.message, "shape": result.shape,
                                          "findings": result.findings}
            sentence = result.text
        except PosrevError as exc:
            connection = {"ok": False, "kind": "not_run", "message": str(exc)}
            sentence = f"The connection test could not run: {exc}"
    else:
        connection = {"ok": None, "kind": "not_run", "message": "skipped (--no-check)"}
        sentence = "The connection test was skipped."
    members = {
        "README.txt": (
            "posrev diagnostics bundle\n"
            f"made {datetime.now(UTC).isoformat()} on terminal {app.udid}, profile "
            f"{app.profile}\n\n"
            "settings.json     effective settings (no secrets are kept in settings)\n"
            "credentials.json  where the credentials come from, masked\n"
            "versions.json     posrev, Python, TLS and library versions\n"
            f"exchanges.json    the last {last} gateway requests and answers (no headers, so "
            "no signatures)\n"
            f"operations.json   the last {last} voids\n"
            "routing.json      routing fallbacks seen (the other endpoint was needed)\n"
            "connection.json   the connection test's findings (the gateway's shape)\n"),
        "settings.json": settings,
        "credentials.json": credentials,
        "versions.json": _versions(),
        "exchanges.json": exchanges,
        "operations.json": operations,
        "routing.json": route_events,
        "connection.json": connection,
    }
    secrets = _secrets_of(app)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".posrev-diagnose-", suffix=".zip", dir=out_path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name, content in members.items():
                text = content if isinstance(content, str) else \
                    json.dumps(content, ensure_ascii=False, indent=2, default=str)
                for secret in secrets:  # belt and braces: no secret leaves, whatever the path
                    text = text.replace(secret, mask(secret))
                bundle.writestr(name, text)
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Bundle(out_path, len(exchanges), sentence)
